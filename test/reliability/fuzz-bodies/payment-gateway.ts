import { orderBody } from '../../helpers.ts';
import type { Bodies, FixtureContext } from './types.ts';

export const bodies = ({ merchantId, id }: FixtureContext): Bodies => ({
  createOrder: (random) => orderBody(merchantId, { partnerReferenceNo: id(random, 'order') }),
  queryPayment: (random) => ({ originalPartnerReferenceNo: id(random, 'order'), serviceCode: '55', merchantId }),
});
