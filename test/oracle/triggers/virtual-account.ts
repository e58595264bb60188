import type { Provocations } from '../provoke.ts';
import { VA_INQUIRY_TRIGGERS, VA_PAYMENT_TRIGGERS } from '../triggers-virtual-account.ts';

export const triggers: Readonly<Record<string, Provocations>> = { vaInquiry: VA_INQUIRY_TRIGGERS, vaPayment: VA_PAYMENT_TRIGGERS };
