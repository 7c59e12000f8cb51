import { z } from 'zod';
import { withoutUndefined } from '../shared/objects';

/** A stable, URL-safe identifier: lower-case words joined by hyphens, e.g. `claudia-sheinbaum`. */
export const slugIdSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "claudia-sheinbaum"');

/** C0 and C1 control characters (NUL, tabs, line breaks, escapes...): none belongs in a name. */
const hasControlCharacter = (value: string, allowLayout: boolean): boolean => {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (allowLayout && (code === 0x09 || code === 0x0a || code === 0x0d)) continue;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
};
/** Half of a UTF-16 surrogate pair with no other half: not a character, and not valid UTF-8 once stored. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A name or title: one line of real characters, trimmed, not empty. */
export const nameSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasControlCharacter(value, false), 'must not contain control characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must not contain unpaired surrogate characters');

/** Running text (a description, a quote, a note): tabs and line breaks allowed, other controls not. */
export const textSchema = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !hasControlCharacter(value, true), 'must not contain control characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must not contain unpaired surrogate characters');

const isRealCalendarDate = (value: string): boolean => {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

/** A calendar date, `YYYY-MM-DD`. Kept as a string so it compares lexically and round-trips exactly. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in the form YYYY-MM-DD')
  .refine(isRealCalendarDate, 'is not a real calendar date');

/**
 * How much of a date the source actually gives. "In 2020, he is said to have asked..." is stored as
 * 2020-01-01 with precision `year`, so sorting and windows still work without inventing a day.
 */
const datePrecisionSchema = z.enum(['day', 'month', 'year']);

export const confidenceSchema = z.number().min(0).max(1);

export const extractionMethodSchema = z.enum(['manual', 'rules', 'llm']);
export const reviewStatusSchema = z.enum(['proposed', 'accepted', 'rejected']);

/** Where a claim sits in its document: the sentence and its character span in `Document.text`. */
export const evidenceSpanSchema = z
  .object({
    sentence: textSchema(5000).min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
  })
  .strict()
  .refine((span) => span.end > span.start, { message: 'end must be greater than start', path: ['end'] });

/**
 * What every claim (a statement or a relation) carries about where it comes from and how sure we are.
 * The update variant makes each field replaceable, and the optional ones removable with `null`.
 */
export const sourcedClaimFields = {
  datePrecision: datePrecisionSchema.default('day'),
  quote: textSchema(5000).min(1).optional(),
  evidence: evidenceSpanSchema.optional(),
  documentId: slugIdSchema.optional(),
  confidence: confidenceSchema.default(1),
  method: extractionMethodSchema.default('manual'),
  reviewStatus: reviewStatusSchema.default('accepted'),
  /** Free text for what the fields cannot say, e.g. "reported by NBC News sources, no direct quote". */
  note: textSchema(2000).optional(),
  /**
   * The actor that relayed the claim, when it is not the claimant: "Reuters reported that Graham accused
   * Petro" is Graham's claim, reported by Reuters.
   */
  reportedById: slugIdSchema.optional(),
};

/**
 * Set by the service on a stored claim with a quote or evidence span, never taken from input: `verified`
 * when both were found in the document's text, `unverified` when the document has no text to check.
 */
export const evidenceStatusSchema = z.enum(['verified', 'unverified']).meta({
  description:
    'verified: the quote and evidence span were found in the document text; unverified: the document has no text to check them against',
});

export const storedClaimFields = { evidenceStatus: evidenceStatusSchema.optional() };

export const sourcedClaimUpdateFields = {
  datePrecision: datePrecisionSchema,
  quote: sourcedClaimFields.quote.nullable(),
  evidence: evidenceSpanSchema.nullable(),
  documentId: slugIdSchema.nullable(),
  confidence: confidenceSchema,
  method: extractionMethodSchema,
  reviewStatus: reviewStatusSchema,
  note: sourcedClaimFields.note.nullable(),
  reportedById: slugIdSchema.nullable(),
};

/** A list filter: claims whose confidence is at least this. */
export const minConfidenceQuerySchema = z.coerce.number().pipe(confidenceSchema).optional();

export const paginationSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const timeWindowFields = { from: isoDateSchema.optional(), to: isoDateSchema.optional() };

/** A time window's `from` is not after its `to` (either may be absent). */
export const windowInOrder = (value: unknown): boolean => {
  const { from, to } = value as { from?: string; to?: string };
  return !from || !to || from <= to;
};

/** A query object with the window bounds added, and the check that they are in order. */
export function withTimeWindow<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, ...timeWindowFields })
    .refine(windowInOrder, { message: 'must not be after to', path: ['from'] });
}

export const timeWindowSchema = withTimeWindow({});

export type EvidenceSpan = z.infer<typeof evidenceSpanSchema>;
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;
export type TimeWindow = z.infer<typeof timeWindowSchema>;

export interface Page<T> {
  items: T[];
  total: number;
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

export function windowOf(query: TimeWindow): TimeWindow {
  return withoutUndefined({ from: query.from, to: query.to });
}

/** `true`/`false` in a query string (z.coerce.boolean would read "false" as true). */
export const queryFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .default(fallback);
