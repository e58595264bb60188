import { idr, orderBody } from '../../helpers.ts';
import type { Bodies, FixtureContext } from './types.ts';

export const bodies = ({ merchantId, id }: FixtureContext): Bodies => ({
  createOrder: (random) => orderBody(merchantId, { partnerReferenceNo: id(random, 'order') }),
  queryPayment: (random) => ({ originalPartnerReferenceNo: id(random, 'order'), serviceCode: '55', merchantId }),
  cancelOrder: (random) => ({ originalPartnerReferenceNo: id(random, 'order'), merchantId, reason: 'Network timeout' }),
  refundOrder: (random) => ({
    originalPartnerReferenceNo: id(random, 'order'),
    merchantId,
    partnerRefundNo: id(random, 'refund'),
    refundAmount: idr('1.00'),
    reason: 'Customer complain',
  }),
  consultPay: (random) => ({
    merchantId,
    amount: idr('100000.00'),
    additionalInfo: {
      envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' },
      merchantTransType: id(random, 'trans'),
    },
  }),
});
