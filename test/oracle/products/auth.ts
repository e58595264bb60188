import { ACCESS_TOKEN_B2B } from '../auth.ts';
import type { OracleEntry } from '../response-codes.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = { accessTokenB2b: { envelope: 'snap', rows: ACCESS_TOKEN_B2B } };
