import { bankInquiryBody, inquiryBody, topUpBody, transferBody } from '../../helpers.ts';
import type { Bodies, FixtureContext } from './types.ts';

export const bodies = ({ id }: FixtureContext): Bodies => ({
  danaAccountInquiry: (random) => inquiryBody({ partnerReferenceNo: id(random, 'inq') }),
  transferToDana: (random) => topUpBody({ partnerReferenceNo: id(random, 'ref') }),
  transferToDanaInquiryStatus: (random) => ({ originalPartnerReferenceNo: id(random, 'ref'), serviceCode: '38' }),
  bankAccountInquiry: (random) => bankInquiryBody({ partnerReferenceNo: id(random, 'binq') }),
  transferToBank: (random) => transferBody({ partnerReferenceNo: id(random, 'trf') }),
  transferToBankInquiryStatus: (random) => ({ originalPartnerReferenceNo: id(random, 'trf'), serviceCode: '00' }),
});
