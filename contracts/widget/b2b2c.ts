import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import { mandatory, optional } from '../common/fields.ts';

// What Widget's customer (B2B2C) calls share (issue-17 facts section 3): the customer token in
// `Authorization-Customer` and again in `additionalInfo.accessToken`, plus the device facts.

export const CUSTOMER_ADDITIONAL_INFO = mandatory.object({
  accessToken: optional.string({ maxLength: 512 }),
  deviceId: optional.string({ maxLength: 400 }),
  endUserIpAddress: optional.string({ maxLength: 15 }),
  latitude: optional.string({ maxLength: 10 }),
  longitude: optional.string({ maxLength: 10 }),
});

/** What every customer call may answer: the common SNAP failures and a refused or expired customer token. */
export const CUSTOMER_RESULT_KEYS = ['SUCCESS', 'INVALID_CUSTOMER_TOKEN', 'CUSTOMER_TOKEN_EXPIRED', ...SNAP_COMMON_KEYS] as const;
