import type { Bodies } from './types.ts';

export const bodies = (): Bodies => ({ accessTokenB2b: () => ({ grantType: 'client_credentials', additionalInfo: {} }) });
