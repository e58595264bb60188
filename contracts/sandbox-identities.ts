// Identities the official UAT suite relies on (sandbox-magic-values.md section 1). The simulator
// provisions them so the UAT runs unchanged.

/** Valid DANA customers, tried in this order by the UAT; each starts with a positive balance. */
export const UAT_CUSTOMERS = ['62811742234', '62817345544', '62817345545'] as const;

/** Starting balance of the UAT customers: positive, so a 21000000.00 top up crosses the cap. */
export const UAT_CUSTOMER_BALANCE = '100000.00';

/** Deposit a freshly provisioned merchant starts with, so the flows work before any top up. */
export const INITIAL_MERCHANT_DEPOSIT = '100000000.00';
