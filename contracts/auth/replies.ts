import { mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';

// The B2B access token reply. No official SDK ships a model for it (they sign asymmetrically and never
// ask for a token), so the constraints are BI SNAP's access-token response: accessToken up to 2048,
// tokenType "Bearer", expiresIn a string of seconds.

export const AUTH_REPLIES = {
  accessTokenB2b: {
    source: 'BI SNAP access-token response (no SDK model)',
    success: {
      accessToken: mandatory.string({ maxLength: 2048 }),
      tokenType: mandatory.string({ oneOf: ['Bearer'] }),
      expiresIn: mandatory.string({ maxLength: 10, pattern: /^\d+$/ }),
      additionalInfo: optional.object(),
    },
  },
} satisfies ReplySpecs;
