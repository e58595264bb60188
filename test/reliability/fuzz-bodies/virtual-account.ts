import { vaInquiryBody, vaPaymentBody } from '../../helpers.ts';
import type { Bodies, FixtureContext } from './types.ts';

export const bodies = ({ partnerServiceId, id }: FixtureContext): Bodies => ({
  vaInquiry: (random) => vaInquiryBody(partnerServiceId, '62811742234', { inquiryRequestId: id(random, 'inq') }),
  vaPayment: (random) => vaPaymentBody(partnerServiceId, '62811742234', id(random, 'pay')),
});
