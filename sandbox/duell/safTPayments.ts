/**
 * SAF-T Cash Register payment types as DUELL's payment means. A file names its own payment codes (basics of
 * type 12) and ties each to a predefined code of the standard (12001 cash, 12002 debit card, …); the predefined
 * code decides, and a file without the basic falls back on the conventional ids (CASH, DEBCARD, CREDCARD …).
 * A debit card in Norway is BankAxept; a credit card without its brand is the terminal's; the rest as listed.
 */
import type { PaymentType } from '../../domain/settlement/zReport';

/** Predefined basic ids of type 12 (SAF-T Cash Register code list, "Payment types") [INFERRED where marked]. */
const BY_PREDEFINED: Readonly<Record<string, PaymentType>> = {
  '12001': 'cash',
  '12002': 'bankaxept',
  '12003': 'terminal',
  '12004': 'external', // bank account [INFERRED]
  '12005': 'giftcard', // gift token [INFERRED]
  '12006': 'invoice', // customer card / account [INFERRED]
  '12011': 'vipps', // mobile phone apps [INFERRED]
  '12999': 'external',
};

const BY_ID: Readonly<Record<string, PaymentType>> = {
  CASH: 'cash',
  DEBCARD: 'bankaxept',
  CREDCARD: 'terminal',
  GIFTCARD: 'giftcard',
  VIPPS: 'vipps',
  INVOICE: 'invoice',
  OTHER: 'external',
};

/** `predefined`: the file's basics of type 12, its id → predefinedBasicID. */
export function duellPaymentType(safTType: string, predefined: ReadonlyMap<string, string>): PaymentType | undefined {
  const code = predefined.get(safTType);
  return (code ? BY_PREDEFINED[code] : undefined) ?? BY_ID[safTType.toUpperCase()];
}
