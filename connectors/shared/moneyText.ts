/** Money on a JSON wire as a decimal string ("1250.00", "-250.5"), turned into integer minor units on the way in. */
import { z } from 'zod';
import { AmountError, toMinor, type Minor } from '../../domain/money';

/** A third decimal is an error, never a rounding (domain/money.ts). */
export const moneyText = z.string().transform((text, ctx): Minor => {
  try {
    return toMinor(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof AmountError ? err.message : String(err) });
    return z.NEVER;
  }
});

/** Money on a JSON wire as a number of kroner/euros (1250.5), checked the same way: a third decimal is refused. */
export const moneyNumber = z.number({ error: 'expected a number' }).transform(String).pipe(moneyText);
