import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  additionalProperties?: boolean | JsonSchema;
};

export interface ArbitraryContext {
  /** Ids that exist in the store: slug fields draw from them often, so writes can succeed. */
  ids: string[];
  /** Real sentences, for free-text fields. */
  sentences: string[];
}

const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * Values that the zod schema's JSON Schema (input side) describes: the route's own declaration is what
 * the fuzzer reads, so a route added tomorrow is fuzzed with no change here. Refinements do not show in
 * JSON Schema, so some generated values are still refused: that is part of the test.
 */
export function arbitraryFromZod(schema: z.ZodType, context: ArbitraryContext): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fromJsonSchema(json, json.$defs ?? {}, context, 0);
}

function fromJsonSchema(
  schema: JsonSchema,
  defs: Record<string, JsonSchema>,
  context: ArbitraryContext,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/$defs/', '');
    return fromJsonSchema(defs[name] ?? {}, defs, context, depth + 1);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromJsonSchema(s, defs, context, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0)
    return fromJsonSchema(schema.allOf[0]!, defs, context, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) {
        // A field named like an id (a path's `{id}` has no slug pattern) draws from existing ids too.
        const idLike = /^id$|Id$/.test(key) && value.type === 'string' && !value.pattern;
        record[key] = idLike
          ? fc.oneof(fc.constantFrom(...context.ids), fromJsonSchema(value, defs, context, depth + 1))
          : fromJsonSchema(value, defs, context, depth + 1);
      }
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in record) });
    }
    case 'array': {
      const item = schema.prefixItems
        ? fc.tuple(...schema.prefixItems.map((s) => fromJsonSchema(s, defs, context, depth + 1)))
        : fc.array(fromJsonSchema(schema.items ?? {}, defs, context, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 4, 4),
          });
      return item;
    }
    case 'string':
      return stringArbitrary(schema, context);
    case 'integer':
      return fc.integer({
        min: Math.max(
          schema.minimum ?? -1000,
          schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e9,
          -1e9,
        ),
        max: Math.min(schema.maximum ?? 1_000_000, 1e9),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema, context: ArbitraryContext): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 200, 200);
  const minLength = schema.minLength ?? 0;
  if (schema.pattern === SLUG_PATTERN) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...context.ids) },
      {
        weight: 1,
        arbitrary: fc.stringMatching(new RegExp(SLUG_PATTERN)).filter((s) => s.length <= maxLength),
      },
    );
  }
  if (schema.pattern === DATE_PATTERN) {
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      },
      { weight: 1, arbitrary: fc.stringMatching(new RegExp(DATE_PATTERN)) },
    );
  }
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= maxLength);
  if (schema.format === 'uri' || schema.format === 'url') return fc.webUrl();
  return fc
    .oneof(
      { weight: 2, arbitrary: fc.constantFrom(...context.sentences).map((s) => s.slice(0, maxLength)) },
      { weight: 1, arbitrary: fc.string({ minLength, maxLength: Math.min(maxLength, 40), unit: 'binary' }) },
    )
    .filter((s) => s.length >= minLength);
}

/** Anything at all, for the malformed half of the fuzzing: wrong types, odd keys, deep nesting. */
export const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'id',
      'actorId',
      'topicId',
      'text',
      'limit',
      'evidence',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  fc.record({ evidence: fc.record({ sentence: fc.string(), start: fc.integer(), end: fc.integer() }) }),
);
