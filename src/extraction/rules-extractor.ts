import { ActorMentionFinder, isPersonKind, type Mention } from './actor-mentions';
import { HEDGES, INTENSIFIERS, rebuttedSubject } from './lexicons';
import { splitSentences, type Sentence, type Span } from './text-segments';
import type { Polarity } from '../model/statement-schema';
import type { DraftRelation, DraftStatement, ExtractionDraft } from './extraction-schema';
import type { ExtractionContext, Extractor } from './extractor';
import { TopicMatcher } from './topic-matcher';
import {
  groupByProposition,
  propositionClass,
  proposeTopicTitle,
  UNTITLED,
  type Proposition,
} from './topics';
import {
  insideQuote,
  withoutQuotes,
  startsWithQuote,
  reportedClause,
  textBetween,
  textUpTo,
  textFrom,
} from './sentence-view';
import { assignMentions, resolveReferences } from './coreference';
import { findReporter, findSpeaker, pickQuote, DIRECTIVE_SPEECH, WHILE_ANOTHER_SAYS } from './attribution';
import { contrastedParts, findStanceSubjects, judgePolarity } from './stance';
import { proposeAffiliations, appositiveAffiliations } from './affiliations';
import {
  opposedAgents,
  findRelations,
  countryOf,
  clauseAgents,
  impliedRelations,
  type Discourse,
} from './relations';

/**
 * extraction/rules-extractor: the default extractor runs the stages in order over one sentence view each:
 * mentions (actor-mentions), coreference, attribution, stance, relations and affiliations, topics.
 */
const RULES_EXTRACTOR_INFO = { name: 'stancegraph-rules', version: '1.0.0' } as const;

/**
 * The default extractor: grammar and lexicons over compromise's tagging, no model. It reads each sentence
 * for who speaks (quotes, speech verbs, "according to", pronouns), what stance the words take, and which
 * actor does what to which other actor.
 */
export class RulesExtractor implements Extractor {
  readonly info = RULES_EXTRACTOR_INFO;
  readonly method = 'rules' as const;

  extract(text: string, context: ExtractionContext): Promise<ExtractionDraft> {
    return Promise.resolve(extractWithRules(text, context));
  }
}

function extractWithRules(text: string, context: ExtractionContext): ExtractionDraft {
  const sentences = splitSentences(text);
  const { entries, mentions } = new ActorMentionFinder(text, context.knownActors).find();
  const bySentence = assignMentions(sentences, mentions);
  resolveReferences(bySentence, entries);

  const topics = new TopicMatcher(context.topics);
  const statements: DraftStatement[] = [];
  const propositionOf = new Map<DraftStatement, Proposition | undefined>();
  const untitled = new Map<DraftStatement, () => string | undefined>();
  const relations: DraftRelation[] = [];
  const used = new Set<string>();
  let previousSpeaker: { key: string; paragraph: number } | undefined;

  const lastPosition = new Map<string, { polarity: Polarity; sentence: number }>();
  const discourse: Discourse = { agents: [], countries: [] };
  for (const [sentenceIndex, { sentence, mentions: here }] of bySentence.entries()) {
    const named = here.filter((m) => m.key && !insideQuote(sentence, m));
    const speaker = findSpeaker(sentence, named, entries);
    let holder = speaker?.key;
    let quote = speaker ? pickQuote(sentence, speaker.verbAt) : undefined;
    if (
      !holder &&
      previousSpeaker &&
      startsWithQuote(sentence) &&
      sentence.paragraph - previousSpeaker.paragraph <= 1
    ) {
      // A quotation that runs on without a new attribution still belongs to the last speaker.
      holder = previousSpeaker.key;
      quote = sentence.quotes[0];
    }
    previousSpeaker =
      holder && sentence.quotes.length > 0 ? { key: holder, paragraph: sentence.paragraph } : undefined;

    const evidence = { sentence: sentence.text, start: sentence.start, end: sentence.end };
    const firstStatement = statements.length;
    const firstRelation = relations.length;
    const stanceHolders = new Map<string, { content: string; named: boolean; quote?: Span; cueAt: number }>();
    let secondSpeaker: { key: string; content: string; cueAt: number } | undefined;
    if (holder) {
      // A verb of saying that takes a side ("urged the U.S. to maintain ...", "denounced") is itself part
      // of the position.
      const from =
        speaker && DIRECTIVE_SPEECH.test(textBetween(sentence, speaker.verbAt, speaker.verbEnd))
          ? speaker.verbAt
          : (speaker?.verbEnd ?? 0);
      // "..., while Washington claims the activities are part of a US anti-drug campaign": a second
      // speaker's claim is theirs, not part of what the first one said.
      const rest = sentence.text.slice(Math.max(0, from - sentence.start));
      const contrast = WHILE_ANOTHER_SAYS.exec(rest);
      const whole = reportedClause(sentence, from);
      const reported = contrast
        ? whole.slice(0, Math.max(0, whole.length - (rest.length - contrast.index)))
        : whole;
      if (contrast) {
        const at = Math.max(sentence.start, from) + contrast.index + contrast[0].length;
        const tail: Sentence = { ...sentence, start: at, text: textFrom(sentence, at) };
        const other = findSpeaker(
          tail,
          named.filter((m) => m.start >= at),
          entries,
        );
        if (other && other.key !== holder)
          secondSpeaker = {
            key: other.key,
            content: reportedClause(tail, other.verbEnd),
            cueAt: other.verbAt,
          };
      }
      // "Trump's threat ... is a non-starter, Mexican President Claudia Sheinbaum said Tuesday.": with
      // the attribution at the end, what was said is what comes before it.
      const saidBefore =
        !quote && speaker && reported.trim().split(/\s+/).length <= 3
          ? textUpTo(sentence, speaker.verbAt)
          : undefined;
      const content = quote ? `${quote.text} ${reported}` : (saidBefore ?? reported);
      stanceHolders.set(holder, {
        content,
        named: speaker?.via === 'name',
        quote,
        cueAt: speaker?.verbAt ?? 0,
      });
    }
    if (secondSpeaker && !stanceHolders.has(secondSpeaker.key))
      stanceHolders.set(secondSpeaker.key, { ...secondSpeaker, named: true });
    for (const found of findStanceSubjects(sentence, named)) {
      // "Sheinbaum said Mexico is committed to ...": a leader speaking of her own country speaks for it;
      // the position is hers, not a second one of the country's.
      const state = entries.get(found.key);
      if (
        holder &&
        holder !== found.key &&
        state?.kind === 'state' &&
        countryOf(entries.get(holder)) === state.country
      )
        continue;
      // What a speaker says wins over the stance verb after their name, unless it takes no side.
      const said = stanceHolders.get(found.key);
      if (said && judgePolarity(said.content)) continue;
      stanceHolders.set(found.key, {
        content: reportedClause(sentence, found.cueAt, true),
        named: true,
        cueAt: found.cueAt,
        // "accused the United States of “murder”": the quoted words after the stance verb are the actor's.
        quote: sentence.quotes.find((q) => q.start >= found.cueAt),
      });
    }

    // An outlet cited for what it reports ("NBC News cited six officials") takes no side in the story.
    for (const key of stanceHolders.keys()) if (entries.get(key)?.kind === 'media') stanceHolders.delete(key);
    for (const [actorKey, stance, ownJudgement] of [...stanceHolders].flatMap(([key, whole]) =>
      contrastedParts(sentence, whole).map((part) => [key, part, judgePolarity(part.content)] as const),
    )) {
      // A speaker's next quotation with no stance words of its own carries on the position they just took
      // ("..., he said. “Any American who sees the video ...”"), but only right after it.
      const last = lastPosition.get(actorKey);
      const judged =
        ownJudgement ??
        (stance.quote && last && last.sentence === sentenceIndex - 1 && last.polarity !== 'neutral'
          ? { polarity: last.polarity, strength: 0 }
          : undefined) ??
        // A quotation given to its speaker is worth proposing even when its words take no side.
        (stance.quote ? { polarity: 'neutral' as const, strength: 0 } : undefined);
      if (!judged) continue;
      lastPosition.set(actorKey, { polarity: judged.polarity, sentence: sentenceIndex });
      // What the actor is said to speak about ("said the resolution would be unconstitutional because it
      // “takes away ... military matters”") names the question before the reasons they quote.
      const spokenOf =
        stance.quote && stance.content.startsWith(stance.quote.text)
          ? stance.content.slice(stance.quote.text.length)
          : undefined;
      const proposition = (spokenOf && propositionClass(spokenOf)) || propositionClass(stance.content);
      // A proposed topic's final title comes from its class's phrase (see groupByProposition); a rebutted
      // criticism is on what it criticised.
      const topic = topics.match(stance.content, () =>
        proposeTopicTitle(rebuttedSubject(reportedClause(sentence, stance.cueAt, true))),
      );
      const hedged = HEDGES.test(stance.content);
      const confidence = clamp(
        0.45 +
          (stance.quote ? 0.2 : 0) +
          (stance.named ? 0.1 : 0) +
          Math.min(judged.strength, 3) * 0.05 -
          (hedged ? 0.1 : 0),
      );
      const statement: DraftStatement = {
        actorKey,
        topic: { id: topic.id, title: topic.title },
        polarity: judged.polarity,
        intensity: clamp(0.5 + (INTENSIFIERS.test(stance.content) ? 0.3 : 0) - (hedged ? 0.2 : 0)),
        quote: stance.quote?.text,
        evidence,
        confidence: round(confidence),
        note: stance.quote ? undefined : 'reported position, no direct quote',
      };
      statements.push(statement);
      propositionOf.set(statement, proposition);
      // A quotation with no noun phrase of its own ("We will find them wherever they operate") is on the
      // question of the sentences that lead up to it, when the story names none of its own.
      if (statement.topic.title === UNTITLED) {
        const around = [sentenceIndex, sentenceIndex - 1, sentenceIndex - 2].map(
          (i) => bySentence[i]?.sentence,
        );
        untitled.set(statement, () =>
          around.map((s) => s && proposeTopicTitle(withoutQuotes(s))).find(Boolean),
        );
      }
      used.add(actorKey);
      if (judged.polarity === 'oppose') {
        for (const target of opposedAgents(sentence, here, entries, actorKey)) {
          relations.push({
            sourceKey: actorKey,
            targetKey: target,
            type: 'opposes',
            evidence,
            quote: quote?.text,
            confidence: 0.35,
          });
          used.add(target);
        }
      }
    }

    for (const relation of findRelations(sentence, named, entries, holder)) {
      relations.push({ ...relation, evidence, quote: quote?.text });
      used.add(relation.sourceKey).add(relation.targetKey);
    }
    // A quotation that names who did what to whom ("US Military Forces conducted a kinetic strike against
    // ... Tren de Aragua") reports a relation as the speaker tells it; read it as a sentence of its own.
    for (const quoted of sentence.quotes) {
      const inside = here.filter(
        (m) => m.key && m.via === 'name' && m.start >= quoted.start && m.end <= quoted.end,
      );
      if (inside.length < 2) continue;
      for (const relation of findRelations(
        { ...sentence, ...quoted, quotes: [] },
        inside,
        entries,
        undefined,
      )) {
        relations.push({ ...relation, evidence, quote: quoted.text });
        used.add(relation.sourceKey).add(relation.targetKey);
      }
    }
    for (const relation of impliedRelations(sentence, here, entries, holder, discourse)) {
      relations.push({ ...relation, evidence, quote: quote?.text });
      used.add(relation.sourceKey).add(relation.targetKey);
    }
    relayAndTarget(
      statements.slice(firstStatement),
      relations.slice(firstRelation),
      findReporter(sentence, named, entries),
    );
    discourse.agents = clauseAgents(sentence, named, entries) ?? discourse.agents;
    for (const m of here) {
      const country = countryOf(entries.get(m.key));
      if (m.via === 'name' && country) discourse.countries.push(country);
    }
    discourse.countries.splice(0, Math.max(0, discourse.countries.length - 20));
  }

  const affiliations = [
    ...proposeAffiliations(entries, used),
    ...appositiveAffiliations(text, mentions, entries, used),
  ];
  return {
    actors: [...entries.values()]
      .filter(
        (entry) =>
          used.has(entry.key) ||
          ((isPersonKind(entry.kind) || entry.kind === 'media' || entry.acts) &&
            mentionedByName(mentions, entry.key)),
      )
      .map((entry) => ({
        key: entry.key,
        name: entry.name,
        aliases: [...entry.aliases].filter((alias) => alias !== entry.name).slice(0, 100),
        kind: entry.kind,
        country: countryOf(entry),
        existingId: entry.existingId,
        confidence: entry.existingId ? 1 : 0.6,
      })),
    statements: dedupeStatements(groupByProposition(statements, propositionOf, topics, untitled)),
    relations: dedupeRelations(relations),
    affiliations,
  };
}

/**
 * A sentence's claims as one record each: who relayed them ("Reuters reported that Graham accused
 * Petro") and whom a position is about (the actor its holder acts on in the same sentence: "accused
 * Petro" is about Petro).
 */
function relayAndTarget(statements: DraftStatement[], relations: DraftRelation[], reporter?: string): void {
  for (const statement of statements) {
    if (reporter && reporter !== statement.actorKey) statement.reportedByKey = reporter;
    const acted = relations.find((r) => r.sourceKey === statement.actorKey && r.type !== 'reports_on');
    if (acted) statement.aboutKey = acted.targetKey;
  }
  for (const relation of relations) {
    if (
      reporter &&
      relation.type !== 'reports_on' &&
      ![relation.sourceKey, relation.targetKey].includes(reporter)
    )
      relation.reportedByKey = reporter;
  }
}

function mentionedByName(mentions: Mention[], key: string): boolean {
  return mentions.some((m) => m.key === key && m.via === 'name');
}

function dedupeStatements(statements: DraftStatement[]): DraftStatement[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    const key = `${s.actorKey}|${s.evidence.start}|${s.topic.id ?? s.topic.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeRelations(relations: DraftRelation[]): DraftRelation[] {
  const seen = new Set<string>();
  return relations.filter((r) => {
    const key = `${r.sourceKey}|${r.targetKey}|${r.type}|${r.evidence.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const clamp = (value: number) => Math.max(0.05, Math.min(0.95, value));

const round = (value: number) => Math.round(value * 100) / 100;
