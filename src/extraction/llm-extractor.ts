import type { z } from 'zod';
import { ValidationError } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import type { ExtractionContext, Extractor } from './extractor';
import {
  draftActorSchema,
  draftAffiliationSchema,
  draftRelationSchema,
  draftStatementSchema,
  extractionDraftSchema,
  type ExtractionResult,
  type RejectedItem,
} from './extraction-schema';

interface LlmSettings {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

const INSTRUCTIONS = `You extract stances and relations from English news text for a stakeholder graph.
Answer with one JSON object and nothing else:
{"actors":[{"key","name","aliases":[],"kind","country"?,"existingId"?}],
 "statements":[{"actorKey","topic":{"id"?,"title"},"polarity":"support|oppose|neutral|mixed","intensity","quote"?,"evidence":{"sentence"},"confidence"}],
 "relations":[{"sourceKey","targetKey","type","quote"?,"evidence":{"sentence"},"confidence"}],
 "affiliations":[{"memberKey","organizationKey","role"?}]}
kind is one of state, government, agency, military, legislature, official, person, organization,
international_organization, ngo, party, criminal_group, expert, academic_institution, media, other.
type is one of opposes, supports, cooperates_with, allied_with, threatens, warns, criticizes, accuses, rejects,
sanctions, targets, attacks, authorizes, negotiates_with, pressures, praises, reports_on.
evidence.sentence and quote must be copied verbatim from the text. Reuse the known actors' ids as existingId and the
known topics' ids as topic.id when they fit.`;

/**
 * An optional extractor that asks any OpenAI-compatible chat-completions endpoint. Its answer is held to
 * the same schemas as the rules extractor's; evidence sentences are located in the text, and an answer
 * that quotes words the text does not contain is refused rather than stored.
 */
export class LlmExtractor implements Extractor {
  readonly method = 'llm' as const;
  readonly info;

  constructor(private readonly settings: LlmSettings) {
    this.info = { name: 'stancegraph-llm', version: `1.0.0+${settings.model}`.slice(0, 50) };
  }

  async extract(text: string, context: ExtractionContext): Promise<ExtractionResult> {
    const response = await fetch(new URL('chat/completions', withSlash(this.settings.baseUrl)), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.settings.apiKey ? { authorization: `Bearer ${this.settings.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: this.settings.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: INSTRUCTIONS },
          {
            role: 'user',
            content: JSON.stringify({
              knownActors: context.knownActors.map((a) => ({ id: a.id, name: a.name, aliases: a.aliases })),
              knownTopics: context.topics.map((t) => ({ id: t.id, title: t.title })),
              text,
            }),
          },
        ],
      }),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    if (!response.ok) {
      throw new Error(
        `stancegraph/llm-extractor: the endpoint answered ${response.status} ${response.statusText}`,
      );
    }
    const body = (await response.json()) as { choices?: { message?: { content?: string } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (!content) throw new Error('stancegraph/llm-extractor: the endpoint answered without a message');
    return parseDraft(stripFences(content), text);
  }
}

/**
 * Reads the model's answer item by item: an item that breaks its schema, quotes a sentence the text does
 * not contain, or names an actor that is not in the answer is left out and reported by list, index and
 * field; the rest is kept. Only an answer that is no JSON object at all is refused whole.
 */
function parseDraft(content: string, text: string): ExtractionResult {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new ValidationError('stancegraph/llm-extractor: the model did not answer with JSON', [
      { path: [], message: 'expected one JSON object' },
    ]);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError('stancegraph/llm-extractor: the model did not answer with one JSON object', [
      { path: [], message: 'expected one JSON object' },
    ]);
  }
  const located = locateEvidence(raw, text) as Record<string, unknown>;
  const rejected: RejectedItem[] = [];
  const items = <T>(list: RejectedItem['list'], schema: z.ZodType<T>): { item: T; index: number }[] => {
    const value = located[list] ?? [];
    if (!Array.isArray(value)) {
      rejected.push({ list, index: 0, field: '', message: 'expected a list' });
      return [];
    }
    return value.flatMap((candidate: unknown, index) => {
      const parsed = schema.safeParse(candidate);
      if (parsed.success) return [{ item: parsed.data, index }];
      const evidence = (candidate as { evidence?: { sentence?: unknown; start?: unknown } } | null)?.evidence;
      const unplaced = typeof evidence?.sentence === 'string' && evidence.start === undefined;
      const reported = new Set<string>();
      for (const issue of parsed.error.issues) {
        const raw = issue.path.map(String).join('.');
        const field = unplaced && raw.startsWith('evidence') ? 'evidence.sentence' : raw;
        if (reported.has(field)) continue;
        reported.add(field);
        rejected.push(
          unplaced && field.startsWith('evidence')
            ? { list, index, field: 'evidence.sentence', message: 'the text does not contain this sentence' }
            : { list, index, field, message: issue.message },
        );
      }
      return [];
    });
  };
  const actors = items('actors', draftActorSchema);
  const keys = new Set(actors.map(({ item }) => item.key));
  const known = <T>(list: RejectedItem['list'], kept: { item: T; index: number }[], fields: (keyof T)[]) =>
    kept.filter(({ item, index }) => {
      const missing = fields.find((field) => !keys.has(item[field] as string));
      if (missing !== undefined)
        rejected.push({ list, index, field: String(missing), message: 'names no actor of the answer' });
      return missing === undefined;
    });
  const draft = {
    actors: actors.map(({ item }) => item),
    statements: known('statements', items('statements', draftStatementSchema), ['actorKey']).map(
      (k) => k.item,
    ),
    relations: known('relations', items('relations', draftRelationSchema), ['sourceKey', 'targetKey']).map(
      (k) => k.item,
    ),
    affiliations: known('affiliations', items('affiliations', draftAffiliationSchema), [
      'memberKey',
      'organizationKey',
    ]).map((k) => k.item),
  };
  const parsed = extractionDraftSchema.safeParse(draft);
  if (!parsed.success) {
    throw new ValidationError(
      'stancegraph/llm-extractor: the model answer breaks the extraction schema',
      zodIssues(parsed.error),
    );
  }
  return rejected.length > 0 ? { ...parsed.data, rejected } : parsed.data;
}

/** Adds character offsets to each evidence sentence; a sentence not found in the text stays unplaced. */
function locateEvidence(raw: unknown, text: string): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const draft = raw as Record<string, unknown>;
  for (const list of ['statements', 'relations']) {
    const items = draft[list];
    if (!Array.isArray(items)) continue;
    draft[list] = items.map((item: unknown) => {
      const evidence = (item as { evidence?: { sentence?: unknown } } | null)?.evidence;
      if (typeof evidence?.sentence !== 'string') return item;
      const start = text.indexOf(evidence.sentence);
      if (start < 0) return item;
      return { ...(item as object), evidence: { ...evidence, start, end: start + evidence.sentence.length } };
    });
  }
  return draft;
}

function stripFences(content: string): string {
  return content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
