import { ValidationError } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import type { ExtractionContext, Extractor } from './extractor';
import { extractionDraftSchema, type ExtractionDraft } from './extraction-schema';

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

  async extract(text: string, context: ExtractionContext): Promise<ExtractionDraft> {
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

function parseDraft(content: string, text: string): ExtractionDraft {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new ValidationError('stancegraph/llm-extractor: the model did not answer with JSON', [
      { path: [], message: 'expected one JSON object' },
    ]);
  }
  const located = locateEvidence(raw, text);
  const parsed = extractionDraftSchema.safeParse(located);
  if (!parsed.success) {
    throw new ValidationError(
      'stancegraph/llm-extractor: the model answer breaks the extraction schema',
      zodIssues(parsed.error),
    );
  }
  return parsed.data;
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
