import type { Provocations } from '../provoke.ts';
import { ACCESS_TOKEN_B2B_TRIGGERS } from '../triggers-auth.ts';

export const triggers: Readonly<Record<string, Provocations>> = { accessTokenB2b: ACCESS_TOKEN_B2B_TRIGGERS };
