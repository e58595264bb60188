import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';
import { PAY_METHODS } from './common.ts';

// Reply constraints of Payment Gateway: dana-python `dana/payment_gateway/v1/models/*.py` (v2.2.1) and
// dana-php `lib/PaymentGateway/v1/Model` (v2.1.12), which agree (issue-16 facts section 4.3). Keyed by
// the endpoint key, so cancelOrder, refundOrder and consultPay are declared before their contracts
// exist: the reply-schema test joins this table to whatever the products serve. An HTTP 202 body is
// parsed by the same model as the 200 one (dana-python maps 202 to the success model), so an
// "in progress" reply must carry the required members too.

const timestamp = optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME });

/** dana-python StatusDetail.acquirementStatus. */
const ACQUIREMENT_STATUSES = ['INIT', 'SUCCESS', 'CLOSED', 'PAYING', 'MERCHANT_ACCEPT', 'CANCELLED'] as const;

/** dana-python ConsultPayPaymentInfo.payOption (dana-php also accepts ""). */
const PAY_OPTIONS = [
  'NETWORK_PAY_PG_SPAY',
  'NETWORK_PAY_PG_OVO',
  'NETWORK_PAY_PG_GOPAY',
  'NETWORK_PAY_PG_LINKAJA',
  'NETWORK_PAY_PG_CARD',
  'NETWORK_PAY_PG_QRIS',
  'NETWORK_PAY_PC_INDOMARET',
  'NETWORK_PAY_PL_INDODANA',
  'VIRTUAL_ACCOUNT_BCA',
  'VIRTUAL_ACCOUNT_BNI',
  'VIRTUAL_ACCOUNT_MANDIRI',
  'VIRTUAL_ACCOUNT_BSI_PAYMENT',
  'VIRTUAL_ACCOUNT_BRI',
  'VIRTUAL_ACCOUNT_BTPN',
  'VIRTUAL_ACCOUNT_CIMB',
  'VIRTUAL_ACCOUNT_PERMATA',
  'VIRTUAL_ACCOUNT_PANI',
] as const;

const userInfo = optional.object({
  externalUserType: optional.string({ maxLength: 32 }),
  nickname: optional.string({ maxLength: 64 }),
  externalUserId: optional.string({ maxLength: 32 }),
  userId: optional.string({ maxLength: 32 }),
});

export const PAYMENT_GATEWAY_REPLIES = {
  createOrder: {
    source: 'dana-python CreateOrderResponse, CreateOrderResponseAdditionalInfo',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: mandatory.string({ maxLength: 64 }),
      webRedirectUrl: optional.string({ maxLength: 2048 }),
      additionalInfo: optional.object({ paymentCode: optional.string() }),
      externalOrderId: optional.string(),
    },
  },
  queryPayment: {
    source: 'dana-python QueryPaymentResponse and the models it nests',
    success: {
      originalPartnerReferenceNo: optional.string({ maxLength: 64 }),
      originalReferenceNo: optional.string({ maxLength: 64 }),
      // 32, not the request's 36: an SDK's 36-character X-EXTERNAL-ID must not be echoed here.
      originalExternalId: optional.string({ maxLength: 32 }),
      serviceCode: mandatory.string({ maxLength: 2 }),
      latestTransactionStatus: mandatory.string({ maxLength: 2, oneOf: ['00', '01', '02', '03', '04', '05', '06', '07'] }),
      transactionStatusDesc: optional.string({ maxLength: 50 }),
      originalResponseCode: optional.string({ maxLength: 7 }),
      originalResponseMessage: optional.string({ maxLength: 150 }),
      sessionId: optional.string({ maxLength: 25 }),
      requestID: optional.string({ maxLength: 25 }),
      transAmount: optional.money(),
      amount: optional.money(),
      feeAmount: optional.money(),
      paidTime: timestamp,
      title: optional.string({ maxLength: 256 }),
      additionalInfo: optional.object({
        buyer: userInfo,
        seller: userInfo,
        amountDetail: optional.object({
          orderAmount: mandatory.money(),
          payAmount: optional.money(),
          voidAmount: optional.money(),
          confirmAmount: optional.money(),
          refundAmount: optional.money(),
          chargebackAmount: optional.money(),
          chargeAmount: optional.money(),
        }),
        timeDetail: optional.object({
          createdTime: mandatory.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
          expiryTime: mandatory.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
          paidTimes: optional.array(mandatory.string({ maxLength: 25 })),
          confirmedTimes: optional.array(mandatory.string({ maxLength: 25 })),
          cancelledTime: timestamp,
        }),
        orderMemo: optional.string({ maxLength: 64 }),
        extendInfo: optional.string({ maxLength: 4096 }),
        statusDetail: optional.object({
          acquirementStatus: mandatory.string({ maxLength: 64, oneOf: ACQUIREMENT_STATUSES }),
          frozen: optional.string({ maxLength: 64 }),
          cancelled: optional.string({ maxLength: 64 }),
        }),
        closeReason: optional.string({ maxLength: 128 }),
        virtualAccountInfo: optional.object({
          virtualAccountCode: optional.string({ maxLength: 64 }),
          virtualAccountExpiryTime: optional.string({ maxLength: 25 }),
          signature: optional.string({ maxLength: 128 }),
        }),
        merchantId: optional.string(),
      }),
    },
  },
  cancelOrder: {
    source: 'dana-python CancelOrderResponse',
    success: {
      originalPartnerReferenceNo: mandatory.string({ maxLength: 64 }),
      originalReferenceNo: optional.string({ maxLength: 64 }),
      originalExternalId: optional.string({ maxLength: 36 }),
      cancelTime: timestamp,
      transactionDate: timestamp,
      additionalInfo: optional.object(),
    },
  },
  refundOrder: {
    source: 'dana-python RefundOrderResponse',
    success: {
      originalPartnerReferenceNo: mandatory.string({ maxLength: 64 }),
      originalReferenceNo: optional.string({ maxLength: 64 }),
      originalExternalId: optional.string({ maxLength: 36 }),
      originalCaptureNo: optional.string({ maxLength: 64 }),
      refundNo: optional.string({ maxLength: 64 }),
      partnerRefundNo: mandatory.string({ maxLength: 64 }),
      refundAmount: mandatory.money(),
      refundTime: timestamp,
      additionalInfo: optional.object(),
    },
  },
  consultPay: {
    source: 'dana-python ConsultPayResponse, ConsultPayPaymentInfo, PromoInfo',
    success: {
      paymentInfos: optional.array(
        mandatory.object({
          payMethod: mandatory.string({ maxLength: 64, oneOf: PAY_METHODS }),
          payOption: optional.string({ maxLength: 128, oneOf: PAY_OPTIONS }),
          promoInfos: optional.array(
            mandatory.object({
              promoAmount: mandatory.money(),
              promoId: mandatory.string({ maxLength: 64 }),
              promoType: mandatory.string({ maxLength: 32 }),
            }),
          ),
        }),
      ),
    },
  },
} satisfies ReplySpecs;
