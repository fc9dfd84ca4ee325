/**
 * Field schemas every JSON connector's wire uses alike: an optional field (left out or null), a day and an
 * instant. (Severa's days carry a time of day, so its wire reads them its own way.)
 */
import { z } from 'zod';

/** null or missing → undefined */
export const optionalField = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v): z.output<S> | undefined => v ?? undefined);

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

export const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant');
