// Ledger account names. `external:` accounts stand for money outside the simulated world (a bank
// transfer into a deposit, a user's initial balance); they are the only ones allowed below zero, and
// because every posting balances, their deficit equals all the money inside.

export const FUNDING_ACCOUNT = 'external:funding';
export const FEE_INCOME_ACCOUNT = 'dana:fee-income';

export const merchantDeposit = (merchantId: string) => `merchant:${merchantId}:deposit`;
/** Deposit held for disbursements that have been accepted but not settled. */
export const merchantDepositReserved = (merchantId: string) => `merchant:${merchantId}:deposit-reserved`;
/** Money the merchant received from payments. */
export const merchantSettlement = (merchantId: string) => `merchant:${merchantId}:settlement`;
export const userBalance = (customerNumber: string) => `user:${customerNumber}`;
