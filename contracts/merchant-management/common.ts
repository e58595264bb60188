import type { OpenApiKey } from '../response-codes.ts';
import { mandatory, optional, type Fields } from '../common/fields.ts';
import { OPEN_API_ENVELOPE_KEYS } from '../common/open-api.ts';

// Pieces every Merchant Management contract shares (payment-gateway.md section 12). Lengths follow
// DANA's API pages where the digest reached them, otherwise the dana-python models; enums are the
// SDKs' enums.

/** DANA merchant ids are 21 digits (merchant.md section 2). */
export const MERCHANT_ID = /^\d{21}$/;

/** Parent of a shop or division (DANA: parentRoleType). */
export const PARENT_ROLE_TYPES = ['MERCHANT', 'DIVISION', 'EXTERNAL_DIVISION'] as const;
export type ParentRoleType = (typeof PARENT_ROLE_TYPES)[number];

/** Which id a query or update names: DANA's own (INNER_ID) or the merchant's (EXTERNAL_ID). */
export const ID_TYPES = ['INNER_ID', 'EXTERNAL_ID'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** Longest id of each kind (DANA pages: INNER_ID 21, EXTERNAL_ID 64). */
export const ID_MAX_LENGTH: Readonly<Record<IdType, number>> = { INNER_ID: 21, EXTERNAL_ID: 64 };

export const SIZE_TYPES = ['UMI', 'UKE', 'UME', 'UBE', 'URE'] as const;
const BUSINESS_ENTITIES = ['pt', 'cv', 'individu', 'usaha_dagang', 'yayasan', 'koperasi'] as const;
const OWNER_ID_TYPES = ['KTP', 'SIM', 'PASSPORT', 'SIUP', 'NIB'] as const;
const BUSINESS_DOC_TYPES = ['KTP', 'SIM', 'SIUP', 'NIB'] as const;
export const SHOP_OWNING = ['DIRECT_OWNED', 'FRANCHISED'] as const;
export const SHOP_BIZ_TYPES = ['ONLINE', 'OFFLINE'] as const;
export const TRUE_FALSE = ['true', 'false'] as const;

// The SDKs list eleven division types; DANA's pages show REGION and SUBMERCHANT. Both sets are
// accepted, so neither an SDK user nor a reader of the pages is refused (payment-gateway.md 12.3).
export const DIVISION_TYPES = [
  'REGION',
  'AREA',
  'BRANCH',
  'OUTLET',
  'STORE',
  'KIOSK',
  'STALL',
  'COUNTER',
  'BOOTH',
  'POINT_OF_SALE',
  'VENDING_MACHINE',
  'SUBMERCHANT',
] as const;

// DANA's pages say "apiVersion > 2" for create calls; the UAT fixture sends "3". Any whole number
// from 3 up passes; "2", "1.5" or text are PARAM_ILLEGAL.
export const API_VERSION_ABOVE_2 = /^(?:[3-9]|[1-9]\d+)$/;

/** addressInfo as DANA's create/update pages require it for shopAddress and divisionAddress. */
export const ADDRESS = {
  country: mandatory.string({ maxLength: 64 }),
  province: mandatory.string({ maxLength: 64 }),
  city: mandatory.string({ maxLength: 64 }),
  area: mandatory.string({ maxLength: 64 }),
  address1: mandatory.string({ maxLength: 256 }),
  address2: mandatory.string({ maxLength: 256 }),
  postcode: mandatory.string({ minLength: 5, maxLength: 5 }),
  subDistrict: optional.string({ maxLength: 64 }),
} satisfies Fields;

/** addressInfo where DANA states no member rules (owner and tax addresses): shape only. */
export const LOOSE_ADDRESS = {
  country: optional.string({ maxLength: 64 }),
  province: optional.string({ maxLength: 64 }),
  city: optional.string({ maxLength: 64 }),
  area: optional.string({ maxLength: 64 }),
  address1: optional.string({ maxLength: 256 }),
  address2: optional.string({ maxLength: 256 }),
  postcode: optional.string({ maxLength: 5 }),
  subDistrict: optional.string({ maxLength: 64 }),
} satisfies Fields;

const USER_NAME = { firstName: optional.string(), lastName: optional.string() } satisfies Fields;
const MOBILE_NO = {
  mobileNo: optional.string(),
  mobileId: optional.string(),
  verified: optional.string({ oneOf: TRUE_FALSE }),
} satisfies Fields;
const BUSINESS_DOC = {
  docType: optional.string({ oneOf: BUSINESS_DOC_TYPES }),
  docId: optional.string(),
  docFile: optional.string(),
} satisfies Fields;
const PIC = { picName: optional.string(), picPosition: optional.string() } satisfies Fields;

/**
 * Owner, document and person-in-charge fields shared by shops and divisions, all optional here.
 * The SDK docs call most of them "required if apiVersion > 2"; the simulator checks their shape
 * but not their presence, because the field language has no "required when another field is X".
 */
export const OWNER_FIELDS = {
  businessEntity: optional.string({ oneOf: BUSINESS_ENTITIES }),
  businessDocs: optional.array(optional.object(BUSINESS_DOC)),
  ownerName: optional.object(USER_NAME),
  ownerIdType: optional.string({ oneOf: OWNER_ID_TYPES }),
  ownerIdNo: optional.string({ maxLength: 64 }),
  ownerAddress: optional.object(LOOSE_ADDRESS),
  ownerPhoneNumber: optional.object(MOBILE_NO),
  directorPics: optional.array(optional.object(PIC)),
  nonDirectorPics: optional.array(optional.object(PIC)),
} satisfies Fields;

/** The same fields where createDivision requires them (dana-python model, node docs). */
export const REQUIRED_OWNER_FIELDS = {
  businessDocs: mandatory.array(optional.object(BUSINESS_DOC)),
  businessEntity: mandatory.string({ oneOf: BUSINESS_ENTITIES }),
  ownerName: mandatory.object(USER_NAME),
  ownerPhoneNumber: mandatory.object(MOBILE_NO),
  ownerIdType: mandatory.string({ oneOf: OWNER_ID_TYPES }),
  ownerIdNo: mandatory.string({ maxLength: 64 }),
  ownerAddress: mandatory.object(LOOSE_ADDRESS),
  directorPics: mandatory.array(optional.object(PIC)),
  nonDirectorPics: mandatory.array(optional.object(PIC)),
} satisfies Fields;

/**
 * Results every Merchant Management endpoint may give. DANA documents no failure table for these
 * APIs (payment-gateway.md 12.4), so the known Open API set of merchant.md section 2 is used.
 */
export const MERCHANT_MANAGEMENT_RESULT_KEYS: readonly OpenApiKey[] = [
  'SUCCESS',
  'PARAM_ILLEGAL',
  'PARAM_MISSING',
  'MERCHANT_NOT_EXIST',
  'SYSTEM_ERROR',
  ...OPEN_API_ENVELOPE_KEYS,
];
