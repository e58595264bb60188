// Request bodies for the Merchant Management tests, shaped like DANA's UAT fixture
// (resource/request/components/MerchantManagement.json: Shop.CreateShop, Division.CreateDivision)
// without the large base64 documents.

const address = {
  country: 'Indonesia',
  province: 'DKI Jakarta',
  city: 'Kota Jakarta Selatan',
  area: 'Kebayoran Lama',
  address1: 'address1',
  address2: 'address2',
  postcode: '12710',
};

const owner = {
  businessEntity: 'individu',
  businessDocs: [{ docType: 'KTP', docId: '3172010000000000', docFile: 'JVBERi0xLjMK' }],
  ownerName: { firstName: 'Jane', lastName: 'Doe' },
  ownerPhoneNumber: { mobileNo: '62800000000', mobileId: 'mobileId', verified: 'true' },
  ownerIdType: 'KTP',
  ownerIdNo: '3172010000000000',
  ownerAddress: { ...address, subDistrict: 'test' },
  directorPics: [{ picName: 'Agus', picPosition: 'DIRECTOR_FINANCE' }],
  nonDirectorPics: [{ picName: 'Budi', picPosition: 'OPERATION' }],
};

const extInfo = {
  PIC_EMAIL: 'admin_merchant123@email.com',
  PIC_PHONENUMBER: '62-81234567890',
  GOODS_SOLD_TYPE: 'DIGITAL',
  USER_PROFILING: 'B2B',
};

export const uniqueSuffix = () => Math.random().toString(36).slice(2, 10);

export function createShopBody(merchantId: string, overrides: Record<string, unknown> = {}) {
  return {
    apiVersion: '3',
    merchantId,
    shopParentType: 'MERCHANT',
    mainName: 'Toko Uji',
    shopAddress: address,
    shopDesc: 'description',
    externalShopId: `shop-${uniqueSuffix()}`,
    logoUrlMap: { PC_LOGO: 'base64ImageCode' },
    extInfo,
    sizeType: 'UMI',
    mccCodes: ['0783'],
    ln: '106.84513',
    lat: '-6.21462',
    taxNo: '123456789012345',
    brandName: 'XXX',
    deviceNumber: '0',
    posNumber: '0',
    shopOwning: 'DIRECT_OWNED',
    shopBizType: 'ONLINE',
    ...owner,
    ...overrides,
  };
}

export function updateShopBody(merchantId: string, shopId: string, overrides: Record<string, unknown> = {}) {
  return {
    merchantId,
    shopId,
    shopIdType: 'INNER_ID',
    shopAddress: { ...address, city: 'Kota Jakarta Pusat' },
    mainName: 'Toko Uji Baru',
    ...overrides,
  };
}

export function createDivisionBody(merchantId: string, overrides: Record<string, unknown> = {}) {
  return {
    apiVersion: '3',
    merchantId,
    parentDivisionId: merchantId,
    parentRoleType: 'MERCHANT',
    divisionName: 'Divisi Uji',
    divisionAddress: address,
    divisionDescription: 'description',
    divisionType: 'REGION',
    externalDivisionId: `division-${uniqueSuffix()}`,
    logoUrlMap: { PC_LOGO: 'base64ImageCode' },
    extInfo: { ...extInfo, BRAND_NAME: 'MY SHOP' },
    mccCodes: ['0783'],
    ...owner,
    sizeType: 'URE',
    pgDivisionFlag: 'true',
    ...overrides,
  };
}

export function updateDivisionBody(
  merchantId: string,
  divisionId: string,
  newExternalDivisionId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    merchantId,
    divisionId,
    divisionIdType: 'INNER_ID',
    divisionName: 'Divisi Uji Baru',
    divisionAddress: { ...address, city: 'Kota Jakarta Pusat' },
    divisionType: 'AREA',
    newExternalDivisionId,
    mccCodes: ['0783'],
    extInfo: {},
    ...overrides,
  };
}
