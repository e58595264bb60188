import type { Bodies, FixtureContext } from './types.ts';

// Widget's account calls. No fuzzed request holds a live customer token, so these reach the token
// check at most: what the fuzzer tests is that nothing malformed gets past it or breaks it.
export const bodies = ({ merchantId, id }: FixtureContext): Bodies => ({
  applyToken: (random) => ({ grantType: 'AUTHORIZATION_CODE', authCode: id(random, 'code'), refreshToken: '', additionalInfo: {} }),
  accountUnbinding: (random) => ({
    merchantId,
    partnerReferenceNo: id(random, 'unbind'),
    additionalInfo: { accessToken: id(random, 'token'), deviceId: '1234567890' },
  }),
  balanceInquiry: (random) => ({
    partnerReferenceNo: id(random, 'balance'),
    balanceTypes: ['BALANCE'],
    additionalInfo: { accessToken: id(random, 'token'), deviceId: '1234567890' },
  }),
  applyOTT: (random) => ({ userResources: ['OTT'], additionalInfo: { accessToken: id(random, 'token'), deviceId: '1234567890' } }),
  queryUserProfile: (random) => ({ userResources: ['BALANCE'], accessToken: id(random, 'token') }),
});
