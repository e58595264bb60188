import { mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';

// Reply constraints of Widget Payment: dana-python `dana/widget/v1/models/*.py` and dana-php
// (issue-17 facts section 3.2). Query, cancel and refund of widget orders are Payment Gateway's
// endpoints, constrained in contracts/payment-gateway/replies.ts.

export const WIDGET_PAYMENT_REPLIES = {
  widgetPayment: {
    source: 'dana-python WidgetPaymentResponse',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: mandatory.string({ maxLength: 64 }),
      webRedirectUrl: optional.string({ maxLength: 2048 }),
      additionalInfo: optional.object(),
    },
  },
} satisfies ReplySpecs;
