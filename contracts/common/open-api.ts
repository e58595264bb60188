import { mandatory, type Fields } from './fields.ts';

// Open API envelope head (auth.md section 6.1). `reserve` is a string per DANA, but dana-node
// v1.4.0-v2.0.0 sends an object, so its type is not checked.
export const OPEN_API_HEAD: Fields = {
  version: mandatory.string({ maxLength: 8 }),
  function: mandatory.string({ maxLength: 128 }),
  clientId: mandatory.string({ maxLength: 36 }),
  clientSecret: mandatory.string({ maxLength: 64 }),
  // Any offset is accepted for the same reason as X-TIMESTAMP; only the shape is checked.
  reqTime: mandatory.string({ maxLength: 32 }),
  reqMsgId: mandatory.string({ maxLength: 64 }),
};
