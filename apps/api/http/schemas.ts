import { z } from 'zod';
import { isValidUscc } from '#libs/enterprises';

const KINDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
};
const received = (input: unknown) =>
  input === null ? 'null' : Array.isArray(input) ? 'a list' : (KINDS[typeof input] ?? typeof input);

/**
 * Zod's wording of the commonest mistakes as a client reads them ("is required (a string)", "must be a number,
 * not a string" in place of "expected string, received undefined"). A schema's own message comes first.
 */
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    const expected = KINDS[issue.expected] ?? issue.expected;
    if (issue.input === undefined) return `is required (${expected})`;
    if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be ${expected}`;
    return `must be ${expected}, not ${received(issue.input)}`;
  },
});

/** Half of a surrogate pair without its other half: not text PostgreSQL can store (nor can it a NUL byte). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string is text that can be stored and compared: no NUL byte, no lone surrogate. */
export const isWellFormedText = (value: string): boolean => !value.includes('\u0000') && !LONE_SURROGATE.test(value);

/**
 * Every string the API takes (body, query, path, header) starts here: well-formed text, refused with a 400
 * naming the field otherwise (PostgreSQL would refuse it later with a 500).
 */
export const safeString = () =>
  z.string().refine(isWellFormedText, 'must not contain NUL bytes or unpaired surrogates (ill-formed text)');

/** The years a date or time may fall in: anything else is a typing error, and outside what the database keeps. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
const inYears = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;
const YEARS = `must fall within the years ${MIN_YEAR} to ${MAX_YEAR}`;

/** An ISO 8601 time with its offset, a valid calendar time within the years 1900–9999 (UTC). */
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine((value) => inYears(Number(value.slice(0, 4))) && inYears(new Date(value).getUTCFullYear()), YEARS);
/** An ISO 8601 calendar date (`2026-03-01`) within the years 1900–9999. */
export const isoDate = z.iso.date().refine((value) => inYears(Number(value.slice(0, 4))), YEARS);

/** Every write may say when it happened (backdated entries); the server records when it learnt of it. */
export const occurredAt = isoDateTime.optional();
export const text = (max: number) => safeString().trim().min(1).max(max);
export const uscc = safeString()
  .regex(/^[0-9A-Z]{18}$/, 'must be 18 characters, digits and upper-case letters')
  .refine(isValidUscc, 'the check character does not match (GB 32100-2015)');
export const pathId = safeString().min(1).max(64);

const LEVEL = 'must be a maturity level 0–4, e.g. 2';
/** A maturity level in a query (`?level=2`). */
export const levelQuery = z.coerce.number({ error: LEVEL }).int(LEVEL).min(0, LEVEL).max(4, LEVEL);

/** The largest value of a PostgreSQL `integer` (int4), the type of a stream's version. */
export const INT4_MAX = 2_147_483_647;

/** `?asOf=<ISO time>` and/or `?version=N`: the object as recorded then, rebuilt from its events. */
export const asOfQuery = z.strictObject({
  asOf: isoDateTime.transform((value) => new Date(value)).optional(),
  version: z.coerce.number().int().min(1).max(INT4_MAX).optional(),
});
export type AsOf = z.infer<typeof asOfQuery>;

/**
 * An amount of money in yuan: at most two decimals (fen) and below 10^13 (ten trillion yuan, far beyond any
 * project), so that it stays exact as a JSON number.
 */
export const money = z
  .number()
  .nonnegative()
  .lt(1e13, 'must be below 10^13 yuan')
  .refine((value) => /^\d+(\.\d{1,2})?$/.test(String(value)), 'must have at most two decimals (fen)');

/** `X-Correlation-Id`: up to 128 characters of letters, digits and `._:/+=@-`. */
export const correlationIdHeader = z
  .string()
  .regex(/^[A-Za-z0-9._:/+=@-]{1,128}$/, 'must be 1-128 characters of letters, digits and ._:/+=@-');
/** `Idempotency-Key`: up to 200 visible ASCII characters. */
export const idempotencyKeyHeader = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 visible ASCII characters');
/** `If-Match: "<version>"` (weak or unquoted accepted): the version a write expects. */
export const ifMatchHeader = z
  .string()
  .max(64, 'must be a version such as "3"')
  .transform((value, context) => {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
    if (match?.[1]) return Number(match[1]);
    context.addIssue({ code: 'custom', message: 'must be a version such as "3"' });
    return z.NEVER;
  });
/** `X-Min-Position`: a write's `position` (decoded, and checked against the log, by the read). */
export const minPositionHeader = z
  .string()
  .max(64, 'must be the position of a write')
  .regex(/^\s*\d{1,20}-\d{1,16}\s*$/, 'must be the position of a write');
