// Limits of a DANA user's account, whichever product credits it (top up, VA payment).

/** A user's DANA balance may not exceed this after a credit; DANA refuses the credit (`4033802` on top up). */
export const USER_BALANCE_CAP = '21000000.00';
