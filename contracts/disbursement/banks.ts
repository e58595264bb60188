// Indonesian bank codes (the 3-digit clearing codes DANA's `beneficiaryBankCode` uses) with the short
// and full names returned by bank account inquiry (25 characters at most, disbursement.md section 7).
export interface Bank {
  readonly code: string;
  readonly shortName: string;
  readonly name: string;
}

export const BANKS: readonly Bank[] = [
  { code: '002', shortName: 'BRI', name: 'Bank Rakyat Indonesia' },
  { code: '008', shortName: 'MANDIRI', name: 'Bank Mandiri' },
  { code: '009', shortName: 'BNI', name: 'Bank Negara Indonesia' },
  { code: '011', shortName: 'DANAMON', name: 'Bank Danamon' },
  { code: '013', shortName: 'PERMATA', name: 'Bank Permata' },
  { code: '014', shortName: 'BCA', name: 'Bank Central Asia' },
  { code: '022', shortName: 'CIMB', name: 'Bank CIMB Niaga' },
  { code: '028', shortName: 'OCBC', name: 'Bank OCBC NISP' },
  { code: '200', shortName: 'BTN', name: 'Bank Tabungan Negara' },
  { code: '213', shortName: 'BTPN', name: 'Bank BTPN' },
  { code: '426', shortName: 'MEGA', name: 'Bank Mega' },
  { code: '441', shortName: 'KB BUKOPIN', name: 'Bank KB Bukopin' },
  { code: '451', shortName: 'BSI', name: 'Bank Syariah Indonesia' },
  { code: '535', shortName: 'SEABANK', name: 'Bank Seabank Indonesia' },
  { code: '542', shortName: 'JAGO', name: 'Bank Jago' },
];

export function bankByCode(code: string): Bank | undefined {
  return BANKS.find((bank) => bank.code === code);
}

/** UAT's positive account (sandbox-magic-values.md section 1). */
export const SANDBOX_POSITIVE_ACCOUNT = { bankCode: '014', accountNumber: '2460888509' } as const;
