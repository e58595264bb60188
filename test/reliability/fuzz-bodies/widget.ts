import { widgetPaymentBody } from '../../widget-bodies.ts';
import type { Bodies, FixtureContext } from './types.ts';

export const bodies = ({ merchantId, id }: FixtureContext): Bodies => ({
  widgetPayment: (random) => widgetPaymentBody(merchantId, { partnerReferenceNo: id(random, 'widget') }),
});
