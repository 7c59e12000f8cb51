import type { RelationType } from '../model/relation-vocabulary';
import type { Polarity } from '../model/statement-schema';
import {
  ActorMentionFinder,
  isPersonKind,
  normalizeName,
  type ActorEntry,
  type Mention,
} from './actor-mentions';
import type { DraftAffiliation, DraftRelation, DraftStatement, ExtractionDraft } from './extraction-schema';
import type { ExtractionContext, Extractor } from './extractor';
import {
  COUNTRY_CODES,
  NATIONALITIES,
  HEDGES,
  INTENSIFIERS,
  METONYMS,
  NEUTRAL_CUE,
  PROPOSITION_CLASSES,
  PUTS_FORWARD,
  RELATION_NOUNS,
  RELATION_VERBS,
  SPEECH_VERB,
  scorePolarity,
} from './lexicons';
import { splitSentences, type Sentence, type Span } from './text-segments';
import { TopicMatcher } from './topic-matcher';
import {
  groupByProposition,
  propositionClass,
  proposeTopicTitle,
  UNTITLED,
  type Proposition,
} from './topics';

const RULES_EXTRACTOR_INFO = { name: 'stancegraph-rules', version: '1.0.0' } as const;

/** Stance words that, right after an actor, make the actor the holder of a position. */
const STANCE_VERB =
  /\b(?:reject(?:s|ed)?|dismiss(?:es|ed)|rebuff(?:s|ed)|brush(?:es|ed) (?:aside|off)|push(?:es|ed) back (?:on|against)|oppos(?:e|es|ed)|support(?:s|ed)?|back(?:s|ed)|condemn(?:s|ed)?|denounc(?:e|es|ed)|criticiz(?:e|es|ed)|slam(?:s|med)?|(?:is|are|was|were) (?:considering|weighing|planning)|consider(?:s|ed)?|refus(?:es|ed) to rule out|(?:does|did|do) not want to rule out|rul(?:es|ed) out|vot(?:e|es|ed|ing) (?:for|against|to|in favou?r)|forc(?:e|es|ed|ing) (?:a |the )?(?:\w+ )?vote|(?:co-)?sponsor(?:s|ed)|introduc(?:es|ed)|endors(?:e|es|ed)|propos(?:e|es|ed)|float(?:s|ed)? (?:the |an? )?(?:idea|possibility|prospect|option) of|(?:is|are|was|were|remains?) committed to|want(?:s|ed)? to|(?:has|have) (?:greatly )?expanded|threaten(?:s|ed) to|vow(?:s|ed) to|call(?:s|ed) for|demand(?:s|ed) (?:that|to|an?|the)|declar(?:es|ed) (?:the |a |an )?\w+(?: \w+)? (?:a|an) (?:threat|enemy|terrorist)|approv(?:e|es|ed)|authoriz(?:e|es|ed)|accus(?:e|es|ed)|defend(?:s|ed)|expressed|voic(?:es|ed)|(?:will|would) not (?:tolerate|accept|allow))\b/gi;

/** Where a reported clause stops: the proposition rarely runs past these. */
const CLAUSE_END = /[.;:!?]|,\s|\b(?:amid|after|because|as|while|which|who|although|but)\b/;

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

interface SentenceMentions {
  sentence: Sentence;
  mentions: Mention[];
}

function extractWithRules(text: string, context: ExtractionContext): ExtractionDraft {
  const sentences = splitSentences(text);
  const { entries, mentions } = new ActorMentionFinder(text, context.knownActors).find();
  const bySentence = assignMentions(sentences, mentions);
  resolveReferences(bySentence, entries);

  const topics = new TopicMatcher(context.topics);
  const statements: DraftStatement[] = [];
  const propositionOf = new Map<DraftStatement, Proposition | undefined>();
  const untitled = new Map<DraftStatement, string | undefined>();
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
    const stanceHolders = new Map<string, { content: string; named: boolean; quote?: Span; cueAt: number }>();
    let secondSpeaker: { key: string; content: string; cueAt: number } | undefined;
    if (holder) {
      // A verb of saying that takes a side ("urged the U.S. to maintain ...", "denounced") is itself part
      // of the position.
      const from =
        speaker &&
        DIRECTIVE_SPEECH.test(
          sentence.text.slice(speaker.verbAt - sentence.start, speaker.verbEnd - sentence.start),
        )
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
        const tail: Sentence = { ...sentence, start: at, text: sentence.text.slice(at - sentence.start) };
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
          ? sentence.text.slice(0, speaker.verbAt - sentence.start)
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
      // A proposed topic's final title comes from its class's phrase (see groupByProposition).
      const topic = topics.match(stance.content, () =>
        proposeTopicTitle(reportedClause(sentence, stance.cueAt, true)),
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
      if (statement.topic.title === UNTITLED)
        untitled.set(
          statement,
          [sentenceIndex, sentenceIndex - 1, sentenceIndex - 2]
            .map((i) => bySentence[i]?.sentence)
            .map((s) => s && proposeTopicTitle(withoutQuotes(s)))
            .find(Boolean),
        );
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

function assignMentions(sentences: Sentence[], mentions: Mention[]): SentenceMentions[] {
  const result = sentences.map((sentence) => ({ sentence, mentions: [] as Mention[] }));
  let s = 0;
  for (const mention of mentions) {
    while (s < sentences.length && sentences[s]!.end <= mention.start) s += 1;
    if (s < sentences.length && sentences[s]!.start <= mention.start) result[s]!.mentions.push(mention);
  }
  return result;
}

/**
 * Gives pronouns and descriptors their referent: the nearest person named before them, outside
 * quotations and not as a possessive ("asked about Trump's mind games ... she said" is not Trump).
 */
function resolveReferences(sentences: SentenceMentions[], entries: Map<string, ActorEntry>): void {
  const recent: string[] = [];
  // News leads introduce a person by role and name them after ("The UN human rights chief on Friday said
  // ... Turk stressed"): a descriptor with nobody before it means the next person named nearby.
  const namedLater = (index: number) =>
    sentences
      .slice(index + 1, index + 4)
      .flatMap((s) => s.mentions)
      .find((m) => m.via === 'name' && isPersonKind(entries.get(m.key)?.kind ?? 'other'))?.key;
  for (const [index, { sentence, mentions }] of sentences.entries()) {
    const resolved: Mention[] = [];
    for (const mention of mentions) {
      if (mention.via === 'name') {
        resolved.push(mention);
        const entry = entries.get(mention.key);
        if (entry && isPersonKind(entry.kind) && !mention.possessive && !insideQuote(sentence, mention)) {
          recent.splice(recent.indexOf(mention.key) >>> 0, recent.includes(mention.key) ? 1 : 0);
          recent.push(mention.key);
        }
        continue;
      }
      if (!mention.person || insideQuote(sentence, mention)) continue;
      // A descriptor that names an office or a body ("the top Democrat on the House Intelligence
      // Committee", "Mexico's president") introduces someone more often than it recalls them.
      const introduces = /^[Tt]he (?:top|senior|ranking|leading) |^[Tt]he \p{Lu}|^\p{Lu}\p{L}+['’]s /u.test(
        mention.surface,
      );
      const ahead =
        mention.via === 'descriptor' && (recent.length === 0 || introduces) ? namedLater(index) : undefined;
      if (recent.length === 0 && !ahead) continue;
      resolved.push({ ...mention, key: ahead ?? referent(mention, recent, entries) });
    }
    // The person a sentence is about is its first one, usually its subject ("Trump responded by calling
    // Petro ..."): the next "he" most likely means that person, not the last one named.
    // A person after a preposition ("Asked about Petro, Rubio defended ...") is no subject.
    const people = resolved.filter(
      (m) => !m.possessive && !insideQuote(sentence, m) && isPersonKind(entries.get(m.key)?.kind ?? 'other'),
    );
    const subject = people.find((m) => !GOVERNED.test(textBefore(sentence, m, 60))) ?? people[0];
    if (subject) {
      recent.splice(recent.indexOf(subject.key) >>> 0, recent.includes(subject.key) ? 1 : 0);
      recent.push(subject.key);
    }
    mentions.splice(0, mentions.length, ...resolved);
  }
}

/** A preposition, possibly with a title or nationality after it, right before a name: it is an object. */
const GOVERNED =
  /\b(?:about|with|to|for|from|against|of|at|by|on|toward|towards|over|after|than|like|including|between|among)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}$/u;

/** "the president" is the last person introduced as a president; "she" or "the 62-year-old" the last person. */
function referent(mention: Mention, recent: string[], entries: Map<string, ActorEntry>): string {
  const noun =
    /^the (?:former )?(president|senator|secretary|minister|ambassador|governor|general|admiral|mayor)$/i.exec(
      mention.surface,
    )?.[1];
  if (noun) {
    const titled = [...recent]
      .reverse()
      .find((key) => entries.get(key)?.role?.title.toLowerCase().includes(noun));
    if (titled) return titled;
  }
  const gender = /^she$/i.test(mention.surface)
    ? 'female'
    : /^(?:he|him)$/i.test(mention.surface)
      ? 'male'
      : undefined;
  if (gender) {
    // The most recent person the pronoun can mean: gender rules people out, it does not outrank recency
    // ("Marco Rubio indicated ... He warned" is Rubio, even when only Donald Trump's first name is known).
    const match = [...recent].reverse().find((key) => (entries.get(key)?.gender ?? gender) === gender);
    if (match) return match;
  }
  return recent.at(-1)!;
}

function insideQuote(sentence: Sentence, span: { start: number; end: number }): boolean {
  return sentence.quotes.some((q) => span.start >= q.start && span.end <= q.end);
}

/** The sentence's own words, its quotations left out. */
function withoutQuotes(sentence: Sentence): string {
  let text = sentence.text;
  for (const q of [...sentence.quotes].reverse())
    text = text.slice(0, q.start - sentence.start) + text.slice(q.end - sentence.start);
  return `x ${text.replace(/["“”]/g, ' ')}`;
}

function startsWithQuote(sentence: Sentence): boolean {
  return sentence.quotes.length > 0 && sentence.quotes[0]!.start - sentence.start <= 2;
}

interface Speaker {
  key: string;
  verbAt: number;
  /** Where the verb of saying ends: what follows is what was said, the verb itself takes no side. */
  verbEnd: number;
  via: Mention['via'];
}

/** Who the sentence attributes its words to, in the usual shapes of news attribution. */
function findSpeaker(
  sentence: Sentence,
  named: Mention[],
  entries: Map<string, ActorEntry>,
): Speaker | undefined {
  for (const match of sentence.text.matchAll(SPEECH_VERB)) {
    const at = sentence.start + match.index;
    if (insideQuote(sentence, { start: at, end: at + match[0].length })) continue;
    const verbEnd = at + match[0].length;
    // Inverted attribution puts the speaker right after the verb: "warns Gustavo Flores-Macias".
    const after = named.find(
      (m) =>
        m.start >= verbEnd &&
        /^\s+(?:(?:the|a|an|[A-Z][\w.-]*)\s+){0,4}$/.test(
          sentence.text.slice(verbEnd - sentence.start, m.start - sentence.start),
        ),
    );
    if (match[0] === 'according to') {
      // "..., according to X, ...": the claim surrounds the attribution, so all of the sentence counts.
      if (after && entries.get(after.key)?.kind !== 'media')
        return { key: after.key, verbAt: at, verbEnd: sentence.start, via: after.via };
      continue;
    }
    // After an apposition ("Sen. Mark Kelly, D-Ariz., a member of ..., told") the speaker is its head.
    const apposition = /,\s*$/.test(sentence.text.slice(0, at - sentence.start));
    const before =
      (apposition ? subjectBefore(sentence, named, at) : undefined) ??
      [...named]
        .reverse()
        .find(
          (m) =>
            m.end <= at &&
            !m.possessive &&
            !clauseBreakBetween(sentence, m.end, at) &&
            !objectOfVerb(sentence, m),
        ) ??
      ownSubjectBefore(sentence, named, at);
    const textBefore = sentence.text.slice(0, at - sentence.start);
    const inverted = /["”’,]\s*$/.test(textBefore) || (/^\s*["“]/.test(sentence.text) && !before);
    if (after && (inverted || !before) && !/^(?:told|tells|tell|asked)$/.test(match[0])) {
      return { key: after.key, verbAt: at, verbEnd, via: after.via };
    }
    if (before) return { key: before.key, verbAt: at, verbEnd, via: before.via };
  }
  return undefined;
}

/** The few characters before a mention: what they say decides whether it is a subject. */
function textBefore(sentence: Sentence, span: { start: number }, width: number): string {
  return sentence.text.slice(Math.max(0, span.start - sentence.start - width), span.start - sentence.start);
}

/** `subjectBefore`, unless a clause of its own stands between that actor and the verb. */
function ownSubjectBefore(sentence: Sentence, named: Mention[], at: number): Mention | undefined {
  const subject = subjectBefore(sentence, named, at);
  return subject && ownsVerb(sentence, subject, at) ? subject : undefined;
}

/**
 * The actor a verb at `at` belongs to: the nearest actor before it that is not a possessive, skipping an
 * apposition ("Ronald Johnson, US ambassador to Mexico, refuses ...").
 */
function subjectBefore(sentence: Sentence, named: Mention[], at: number): Mention | undefined {
  const before = named.filter((m) => m.end <= at && !m.possessive);
  const gapOf = (m: Mention) => sentence.text.slice(m.end - sentence.start, at - sentence.start);
  const objectOfPreposition = (m: Mention) =>
    /\b(?:with|to|for|from|against|of|in|into|on|at|toward|towards|over|near|off|across|through|via|about|under|between|among|within|around|outside|inside|beyond|along)\s+(?:the\s+)?$/i.test(
      textBefore(sentence, m, 12),
    );
  if (/,\s*$/.test(sentence.text.slice(0, at - sentence.start))) {
    // The head of the apposition: preferably a person ("Sen. Mark Kelly, D-Ariz., a member of the
    // Senate Armed Services Committee, told ..."), otherwise the nearest name set off by two commas.
    const heads = [...before].reverse().filter(
      (m) =>
        /^\s*,/.test(gapOf(m)) &&
        gapOf(m).split(',').length <= 6 &&
        !/[;:"“”]/.test(gapOf(m)) &&
        // "the top Democrat on the House Intelligence Committee, Rep. Jim Himes, saying": not the head.
        !objectOfPreposition(m),
    );
    const head =
      heads.find((m) => m.person && gapOf(m).split(',').length >= 3) ??
      heads.find((m) => gapOf(m).split(',').length === 3);
    // "Two Republicans, Sens. Rand Paul of Kentucky and Lisa Murkowski of Alaska, joined": a group set in
    // apposition to named people stands for them; the people are the subject.
    const named = head?.person
      ? undefined
      : [...before]
          .reverse()
          .find(
            (m) =>
              m.person &&
              (!head || m.start > head.end) &&
              /^(?:\s+of(?: \p{Lu}[\p{L}.]*){1,2})?\s*,\s*$/u.test(gapOf(m)),
          );
    if (named && head) return named;
    if (head) return head;
  }
  // The object of a preposition ("in collaboration with the United States, but will not tolerate ...") is
  // no subject; the actor before it may be.
  const candidates = [...before]
    .reverse()
    .filter((m) => !/[;:]/.test(gapOf(m)) && gapOf(m).split(/\s+/).length <= 14);
  return candidates.find((m) => !objectOfPreposition(m));
}

/** The actors after `mention` joined to it by "and": "the US military and intelligence services". */
function conjuncts(sentence: Sentence, named: Mention[], mention: Mention): Mention[] {
  const all = [mention];
  for (let i = named.indexOf(mention) + 1; i < named.length; i++) {
    const between = sentence.text.slice(all.at(-1)!.end - sentence.start, named[i]!.start - sentence.start);
    // "Nicolas Maduro and his wife, Cilia Flores": a relation noun in apposition still joins them.
    if (!/^\s*(?:,|,? and|&)\s*(?:the\s+|(?:his|her|its|their)\s+\p{L}+,\s*)?$/u.test(between)) break;
    all.push(named[i]!);
  }
  return all;
}

const DESCRIBED_AS =
  /\b(?:describ(?:e|es|ed|ing)|characteri[sz](?:e|es|ed|ing)|label(?:s|led|ed|ling|ing)?|brand(?:s|ed|ing)?|denounc(?:e|es|ed|ing))\s+(?:\S+\s+){1,5}?as\s+/gi;

/** "denounced the Trump administration and urged ...": the object of one verb is not the next one's subject. */
function objectOfVerb(sentence: Sentence, mention: Mention): boolean {
  return /\b\p{Ll}{3,}ed\s+(?:the\s+)?$/u.test(textBefore(sentence, mention, 20));
}

const CONDEMNING: ReadonlySet<RelationType> = new Set(['criticizes', 'rejects', 'accuses', 'opposes']);
const ACT_NOUN =
  /\b(?:deployments?|actions?|strikes?|attacks?|policy|policies|aggression|threats?|campaign|operations?|interventions?|interference|decision|measures?|raids?|presence|build-?up|rhetoric)\b/i;

/** The actor whose act is the object of a condemning verb: "the deployment of the United States". */
function agentOfCondemnedAct(sentence: Sentence, named: Mention[], verbEnd: number): Mention | undefined {
  const clause = reportedClause(sentence, verbEnd, true);
  const clauseEnd = verbEnd + sentence.text.slice(verbEnd - sentence.start).indexOf(clause) + clause.length;
  return named.find(
    (m) =>
      m.start > verbEnd &&
      m.end <= Math.min(clauseEnd, verbEnd + 160) &&
      /\b(?:by|of)\s+(?:the\s+)?$/.test(textBefore(sentence, m, 8)) &&
      ACT_NOUN.test(sentence.text.slice(verbEnd - sentence.start, m.start - sentence.start)),
  );
}

/** An actor named as what someone uses or sends ("use the military", "sent troops"). */
function isInstrument(sentence: Sentence, mention: Mention): boolean {
  return /\b(?:us(?:e|es|ed|ing)|send(?:s|ing)?|sent|deploy(?:s|ed|ing)?|employ(?:s|ed|ing)?|mobiliz(?:e|es|ed|ing))\s+(?:the\s+|its\s+|their\s+|our\s+)?$/i.test(
    textBefore(sentence, mention, 20),
  );
}

/**
 * Whether the verb at `at` is the actor's own: not when a clause of its own comes between them ("sent an
 * amendment that says the Mexican people reject ..."), unless that clause's subject is a pronoun for the
 * actor ("announced that it had designated").
 */
function ownsVerb(sentence: Sentence, actor: Mention, at: number): boolean {
  return (
    !clauseBreakBetween(sentence, actor.end, at) ||
    /\b(?:that|who|which)\s+(?:it|he|she|they)\s+(?:\S+\s+){0,3}$/i.test(
      sentence.text.slice(actor.end - sentence.start, at - sentence.start),
    )
  );
}

function clauseBreakBetween(sentence: Sentence, from: number, to: number): boolean {
  const between = sentence.text.slice(from - sentence.start, to - sentence.start);
  return /[;:]|["“”]|\b(?:that|which|who)\b/.test(between) && !/^\s*[,"”]/.test(between);
}

function pickQuote(sentence: Sentence, verbAt: number): Span | undefined {
  // "“It's not going to happen,” she said ..., responding to Trump's warning that he would do “whatever we
  // have to do”": a sentence that opens with a quotation attributed right after it quotes that speaker;
  // later quotations belong to whoever the rest of the sentence talks about.
  const opening = sentence.quotes[0];
  if (
    opening &&
    opening.start - sentence.start <= 2 &&
    opening.end <= verbAt &&
    /^[\s,"”’]*(?:\S+\s+){0,5}$/.test(
      sentence.text.slice(opening.end - sentence.start, verbAt - sentence.start),
    )
  )
    return opening;
  // Of several quoted phrases after the verb, the one with stance words in it carries the position:
  // described strikes "minutes apart," but said he did not see "anything disturbing about it."
  const after = sentence.quotes.filter((q) => q.start >= verbAt);
  const weighs = (q: Span) => {
    const score = scorePolarity(q.text);
    return score.support + score.oppose > 0;
  };
  return (
    (after.length > 1 ? after.find(weighs) : undefined) ??
    after[0] ??
    [...sentence.quotes].reverse().find((q) => q.end <= verbAt)
  );
}

/** The words from the cue to the end of its clause: the proposition the actor takes a stance on. */
function reportedClause(sentence: Sentence, from: number, stopAtClause = false): string {
  const rest = sentence.text.slice(Math.max(0, from - sentence.start));
  if (!stopAtClause) return rest;
  const words = rest.split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    kept.push(word);
    if (kept.length > 3 && CLAUSE_END.test(` ${word} `)) break;
  }
  return kept.join(' ');
}

/** Actors named right before a stance verb: "The White House is considering", "Johnson refuses to rule out". */
/**
 * "will continue fighting them in “collaboration” with the United States, but will not tolerate foreign
 * interference": a contrastive "but" after the cue joins two positions of opposite sign, each with its own
 * quote; kept whole when the two halves do not disagree.
 */
function contrastedParts<T extends { content: string; quote?: Span; cueAt: number }>(
  sentence: Sentence,
  stance: T,
): T[] {
  // A quotation before its speech verb holds the position itself: “We coordinate, [but] we are not ...”
  const start = Math.min(stance.cueAt, stance.quote?.start ?? stance.cueAt);
  const from = Math.max(0, start - sentence.start);
  const rest = sentence.text.slice(from);
  const evaluation = EVALUATING_RELATIVE.exec(rest);
  const but = /,?\s+\[?but\]?\s+/.exec(rest) ?? evaluation;
  if (!but) return [stance];
  const at = sentence.start + from + but.index;
  const before = sentence.text.slice(from, at - sentence.start);
  let after = sentence.text.slice(at - sentence.start + but[0].length);
  const first = judgePolarity(before);
  const second = judgePolarity(after);
  if (!first || !second || first.polarity === second.polarity) return [stance];
  if (but === evaluation) {
    // "..., which Kaine called “illegal.”" judges the noun phrase before it: the position is on that.
    const lastClass = Math.max(
      ...PROPOSITION_CLASSES.map(({ pattern }) =>
        [...before.matchAll(new RegExp(pattern.source, 'gi'))].reduce(
          (last, m) => Math.max(last, m.index),
          -1,
        ),
      ),
    );
    if (lastClass >= 0) after = `${before.slice(lastClass)} ${after}`;
  }
  const around = (point: number) => sentence.quotes.find((q) => q.start <= point && point < q.end);
  return [
    {
      ...stance,
      content: before,
      quote: sentence.quotes.find((q) => q.start >= start && q.start < at) ?? around(at),
    },
    {
      ...stance,
      content: after,
      cueAt: at + but[0].length,
      quote: around(at) ?? sentence.quotes.find((q) => q.start >= at),
    },
  ];
}

/** A comma-set relative clause in which someone evaluates what precedes it: ", which Kaine called ". */
const EVALUATING_RELATIVE =
  /,\s*which\s+(?:\p{Lu}[\p{L}-]+|he|she|they)\s+(?:called|calls|described as|describes as|labell?ed|termed|branded|deemed)\s+/u;

function findStanceSubjects(sentence: Sentence, named: Mention[]): { key: string; cueAt: number }[] {
  const found: { key: string; cueAt: number }[] = [];
  for (const match of [...sentence.text.matchAll(STANCE_VERB), ...sentence.text.matchAll(PUTS_FORWARD)]) {
    const at = sentence.start + match.index;
    if (insideQuote(sentence, { start: at, end: at + match[0].length })) continue;
    // "giving financial support", "the backing of": a stance word used as a noun is nobody's verb.
    if (NOUN_BEFORE.test(sentence.text.slice(0, at - sentence.start))) continue;
    // "the resolution, which was introduced by Senator Tim Kaine": a passive's agent holds the stance.
    const verbEnd = at + match[0].length;
    if (
      /\b(?:was|were|been|being|is|are)\s+$/.test(sentence.text.slice(0, at - sentence.start)) &&
      /^\s+by\b/.test(sentence.text.slice(verbEnd - sentence.start))
    ) {
      const agent = named.find((m) => m.start > verbEnd && m.start - verbEnd <= 40);
      if (agent) found.push({ key: agent.key, cueAt: at });
      continue;
    }
    let subject = subjectBefore(sentence, named, at);
    if (!subject || !ownsVerb(sentence, subject, at)) continue;
    // "did not reject the criticism": the negation before the verb is part of the position it takes.
    const negation = NEGATED_VERB.exec(
      sentence.text.slice(subject.end - sentence.start, at - sentence.start),
    );
    found.push({ key: subject.key, cueAt: negation ? at - negation[0].length : at });
    // "Rand Paul and Lisa Murkowski joined Democrats in voting for ...": those who joined take the stance too.
    const joined = /\bjoin(?:s|ed)?\s+(?:\w+\s+){0,2}$/.exec(
      sentence.text.slice(0, subject.start - sentence.start),
    );
    const joiner = joined ? subjectBefore(sentence, named, sentence.start + joined.index) : undefined;
    if (joiner) {
      found.push({ key: joiner.key, cueAt: at });
      subject = joiner;
    }
    // "Rand Paul of Kentucky and Lisa Murkowski of Alaska joined ...": every conjoined subject.
    for (let k = named.indexOf(subject) - 1; k >= 0; k--) {
      const between = sentence.text.slice(
        named[k]!.end - sentence.start,
        named[k + 1]!.start - sentence.start,
      );
      // A label between them is no break: "Rand Paul (R-KY) and Lisa Murkowski (R-AL) joined ...".
      if (
        !/^(?:\s+of(?: \p{Lu}[\p{L}.]*){1,2}|\s*\([^()]{1,12}\))?\s*(?:,|,? and|&)\s*(?:the\s+)?$/u.test(
          between,
        )
      )
        break;
      found.push({ key: named[k]!.key, cueAt: at });
    }
  }
  return found;
}

/** A negated auxiliary right before a verb: "did not", "has never", "won't". */
const NEGATED_VERB =
  /\b(?:(?:do|does|did|has|have|had|will|would|could|can|is|are|was|were)\s+(?:not|never)|\w+n['’]t|never|no longer)\s+$/i;

const WHILE_ANOTHER_SAYS = /,?\s+(?:while|whereas)\s+(?=(?:the\s+)?\p{Lu})/u;
/** Verbs of saying that say which side the speaker takes: "urged ... to", "called for", "denounced". */
const DIRECTIVE_SPEECH =
  /^(?:urged|urges|urge|urging|called|calls|calling|denounced|condemned|lamented|protested)$/i;

const NOUN_BEFORE =
  /\b(?:giving|give|gives|gave|provid\w+|offer\w*|financial|military|political|public|popular|full|strong|broad|bipartisan|the|a|an|its|their|his|her|our|of|for)\s+$/i;
/** A negator or a verb of stopping within the three words before a relation verb. */
const RELATION_NEGATED =
  /\b(?:not|never|no longer|n't|stop\w*|end(?:s|ed|ing)?|halt\w*|cut(?:s|ting)?(?: off)?|suspend\w*|withh[eo]ld\w*|refus\w+|deni\w+|den(?:y|ies))\s+(?:\S+\s+){0,2}$/i;
const STOPPED = /\b(?:stop\w*|end\w*|halt\w*|cut\w*(?: off)?|suspend\w*|withh[eo]ld\w*)\s+(?:\S+\s+){0,2}$/i;

const POWERS: ReadonlySet<string> = new Set(['government', 'state', 'official', 'military', 'agency']);

/**
 * Who an opposing actor opposes: the governments, states, officials and forces the same sentence names as
 * the ones acting ("amid threats from Trump's administration", "an opportunity by the United States to
 * invade"), other than the actor itself and its own country.
 */
function opposedAgents(
  sentence: Sentence,
  mentions: Mention[],
  entries: Map<string, ActorEntry>,
  holderKey: string,
): string[] {
  const holder = entries.get(holderKey);
  const ownCountry = countryOf(holder);
  const agents = new Set<string>();
  for (const mention of mentions) {
    const named = entries.get(mention.key);
    // "asked about Trump's mind games: 'We reject any form of interference'": what a leader does to
    // another country, his government does; a person the text gives no office is its leader when the
    // text names "<his surname> administration".
    const entry = named && !POWERS.has(named.kind) ? governmentLedBy(named, entries) : named;
    if (!entry || entry.key === holderKey || mention.via !== 'name' || !POWERS.has(entry.kind)) continue;
    const country = countryOf(entry);
    if (ownCountry && country === ownCountry) continue;
    // Without a country on either side, only a possessive ("condemning the Trump administration's
    // policy") says whose action is opposed; a namesake of the holder is their own side.
    const holderSurname = holder?.name.split(' ').pop()?.toLowerCase();
    if (
      !ownCountry &&
      !country &&
      (!mention.possessive || entry.name.toLowerCase().includes(holderSurname ?? '\u0000'))
    )
      continue;
    const after = sentence.text.slice(mention.end - sentence.start, mention.end - sentence.start + 40);
    const before = textBefore(sentence, mention, 40);
    // "the U.S. would stop giving financial support to Colombia": an actor said to stop or withhold
    // something is the one carrying out the position, not the one it is against.
    if (
      /^\s+(?:would|will|is going to|must|should)\s+(?:not|no longer|never|stop|end|halt|cut|suspend)\b/.test(
        after,
      )
    )
      continue;
    // Named as the actor of what is opposed, not as a place or a bystander.
    if (
      /\b(?:from|by)\s+(?:\S+\s+){0,3}$/.test(before) ||
      /^['’]s\b|^\s+(?:to|would|will|is|are|was|were|has|have|had)\b/.test(after) ||
      mention.possessive
    ) {
      agents.add(entry.key);
    }
  }
  return [...agents];
}

function governmentLedBy(person: ActorEntry, entries: Map<string, ActorEntry>): ActorEntry | undefined {
  if (person.kind !== 'person') return undefined;
  const surname = person.name.split(' ').at(-1)!.toLowerCase();
  return [...entries.values()].find(
    (e) => e.kind === 'government' && e.name.toLowerCase() === `${surname} administration`,
  );
}

function judgePolarity(content: string): { polarity: Polarity; strength: number } | undefined {
  if (NEUTRAL_CUE.test(content)) return { polarity: 'neutral', strength: 1 };
  const { support, oppose } = scorePolarity(content);
  if (support === 0 && oppose === 0) return undefined;
  if (support >= 1.5 && oppose >= 1.5 && Math.abs(support - oppose) < 1)
    return { polarity: 'mixed', strength: 1 };
  if (support === oppose) return undefined;
  return support > oppose
    ? { polarity: 'support', strength: support - oppose }
    : { polarity: 'oppose', strength: oppose - support };
}

function findRelations(
  sentence: Sentence,
  named: Mention[],
  entries: Map<string, ActorEntry>,
  speaker: string | undefined,
): Omit<DraftRelation, 'evidence' | 'quote'>[] {
  const found: Omit<DraftRelation, 'evidence' | 'quote'>[] = [];
  const add = (
    sourceKey: string | undefined,
    targetKey: string | undefined,
    type: RelationType,
    confidence: number,
  ) => {
    if (!sourceKey || !targetKey || sourceKey === targetKey) return;
    found.push({ sourceKey, targetKey, type, confidence });
  };
  for (const [pattern, type] of RELATION_VERBS) {
    for (const match of sentence.text.matchAll(pattern)) {
      const at = sentence.start + match.index;
      const end = at + match[0].length;
      if (insideQuote(sentence, { start: at, end })) continue;
      const textBefore = sentence.text.slice(0, at - sentence.start);
      // "would stop giving financial support to Colombia" withdraws support: that is pressure, and a
      // denied or refused act ("did not attack") is no relation at all.
      const negated = RELATION_NEGATED.test(textBefore);
      if (negated && !(type === 'supports' && STOPPED.test(textBefore))) continue;
      const relationType: RelationType = negated ? 'pressures' : type;
      const before = [...named].reverse().find((m) => m.end <= at);
      const after = named.find((m) => m.start >= end && m.start - end <= 40);
      const passive =
        /\b(?:was|were|been|being|is|are)\s+$/.test(sentence.text.slice(0, at - sentence.start)) &&
        /^\s+by\b/.test(sentence.text.slice(end - sentence.start));
      if (type === 'reports_on') {
        const media = [before, after].find((m) => m && entries.get(m.key)?.kind === 'media');
        const subject = named.find((m) => m !== media && entries.get(m.key)?.kind !== 'media');
        for (const target of subject ? conjuncts(sentence, named, subject) : []) {
          add(media?.key, target.key, 'reports_on', 0.55);
        }
        continue;
      }
      if (passive) {
        const agent = named.find((m) => m.start > end && m.start - end <= 40);
        add(agent?.key, before?.key, relationType, 0.5);
        continue;
      }
      // "Trump claimed that a US military strike ... targeted Tren de Aragua": a verb in a reported clause
      // belongs to that clause's own subject, which may be no actor at all.
      // "would use the military to combat cartels": the instrument of an infinitive is not its agent.
      const candidate = subjectBefore(sentence, named, at);
      const nearest =
        candidate && /\bto\s+$/.test(textBefore) && isInstrument(sentence, candidate) ? undefined : candidate;
      const subject = nearest && ownsVerb(sentence, nearest, at) ? nearest : undefined;
      // Without a named subject the speaker acts only through a pronoun or an infinitive ("he would
      // target", "vowed to attack"); "a US military strike ... targeted" has a subject of its own.
      const speakerActs = /\b(?:he|she|it|they|we|I)\s+(?:\S+\s+){0,3}$|\bto\s+$/i.test(
        sentence.text.slice(0, at - sentence.start),
      );
      // "He said the U.S. would stop giving ...": a person announcing what a state will do is the one who
      // makes that policy known; the announcement is theirs.
      const announced =
        subject &&
        speaker &&
        isPersonKind(entries.get(speaker)?.kind ?? 'other') &&
        ['state', 'government'].includes(entries.get(subject.key)?.kind ?? '') &&
        /^\s+(?:would|will)\b/.test(sentence.text.slice(subject.end - sentence.start, at - sentence.start));
      const source = announced
        ? { key: speaker }
        : (subject ?? (speaker && !nearest && speakerActs ? { key: speaker } : undefined));
      if (source && !after && subject) {
        // "Tren de Aragua, a Venezuelan gang that the Trump administration designated": the object of a
        // relative clause's verb is the clause's antecedent.
        const antecedent = relativeAntecedent(sentence, named, subject);
        if (antecedent) add(source.key, antecedent.key, relationType, 0.5);
        continue;
      }
      const gap = after ? sentence.text.slice(end - sentence.start, after.start - sentence.start) : '';
      // The verb's object, not an actor in an adjunct ("investigate following a Washington Post article")
      // the complement of its object ("condemned the capture of Maduro") or a relative clause on it
      // ("a strike against a boat that had departed Venezuela").
      const object =
        after &&
        !/[.;:]/.test(gap) &&
        !/\b(?:of|following|after|before|amid|during|since|because|despite|while|when|in|at|from|with|by|that|which|who|whose)\b/i.test(
          gap,
        );
      if (source && !object && CONDEMNING.has(relationType)) {
        // "denounced ... the threat to peace posed by the military deployment of the United States":
        // condemning what an actor does condemns the actor.
        const agent = agentOfCondemnedAct(sentence, named, end);
        if (agent) add(source.key, agent.key, relationType, 0.45);
      }
      if (!source || !after || !object) continue;
      for (const target of conjuncts(sentence, named, after))
        add(source.key, target.key, relationType, subject ? 0.6 : 0.45);
    }
  }
  // Nominal forms: "threats from A ... against B", "A's pressure on B".
  for (const [pattern, type] of RELATION_NOUNS) {
    for (const match of sentence.text.matchAll(pattern)) {
      const at = sentence.start + match.index;
      const end = at + match[0].length;
      if (insideQuote(sentence, { start: at, end })) continue;
      const rest = sentence.text.slice(end - sentence.start);
      if (type === 'cooperates_with') {
        // "A and B have a good ongoing dialogue": the parties are the conjoined subjects before the verb.
        const subject = /^(?:have|has|had|maintain|hold|held)/i.test(match[0])
          ? subjectBefore(sentence, named, at)
          : undefined;
        const leading = subject ? named.slice(0, named.indexOf(subject) + 1).reverse() : [];
        const subjects = leading.filter(
          (m, k) =>
            k === 0 ||
            /^\s*(?:,|,? and|&)\s*(?:the\s+)?$/.test(
              sentence.text.slice(m.end - sentence.start, leading[k - 1]!.start - sentence.start),
            ),
        );
        if (subjects.length > 1) {
          subjects.forEach((a, i) => subjects.slice(i + 1).forEach((b) => add(b.key, a.key, type, 0.45)));
          continue;
        }
        const first = named.find((m) => m.start >= end && m.start - end <= 6);
        const parties = first ? conjuncts(sentence, named, first) : [];
        parties.forEach((a, i) => parties.slice(i + 1).forEach((b) => add(a.key, b.key, type, 0.45)));
        continue;
      }
      const agent = /^\s+(?:from|by)\s/.test(rest)
        ? named.find((m) => m.start >= end && m.start - end <= 30)
        : [...named].reverse().find((m) => m.end <= at && m.possessive && at - m.end <= 4);
      if (!agent) continue;
      const target = named.find(
        (m) =>
          m.start > agent.end &&
          m.start - end <= 90 &&
          (type === 'sanctions'
            ? /\bof\s+(?:\S+\s+){0,2}$/
            : /\b(?:on|against|to|at|over)\s+(?:\S+\s+){0,4}$/
          ).test(sentence.text.slice(end - sentence.start, m.start - sentence.start)),
      );
      const subject =
        type === 'pressures'
          ? [...named].reverse().find((m) => m.end <= agent.start && !m.possessive)
          : undefined;
      add(agent.key, target?.key ?? subject?.key, type, 0.45);
    }
  }
  // "UN human rights experts have described these U.S. operations as “extrajudicial executions”": calling
  // what an actor does by a damning name criticizes the actor.
  for (const match of sentence.text.matchAll(DESCRIBED_AS)) {
    const at = sentence.start + match.index;
    if (insideQuote(sentence, { start: at, end: at + 1 })) continue;
    const objectEnd = at + match[0].length;
    if (judgePolarity(reportedClause(sentence, objectEnd, true))?.polarity !== 'oppose') continue;
    const target = named.find((m) => m.start > at && m.end <= objectEnd);
    const subject = subjectBefore(sentence, named, at);
    add(subject?.key ?? speaker, target?.key, 'criticizes', 0.5);
  }
  // "According to <media>, X ..." reports on X.
  const according = /according to\s+(?:the\s+)?/i.exec(sentence.text);
  if (according) {
    const at = sentence.start + according.index + according[0].length;
    const source = named.find((m) => m.start >= at && m.start - at <= 3);
    if (source && entries.get(source.key)?.kind === 'media') {
      const subject =
        named.find((m) => m.start > source.end && entries.get(m.key)?.kind !== 'media') ??
        named.find((m) => m.end < source.start);
      add(source.key, subject?.key, 'reports_on', 0.55);
    }
  }
  return found;
}

const SPEECH_WORD = new RegExp(`^${SPEECH_VERB.source}$`, 'i');

/** The actor a relative clause starting right before `subject` ("..., a gang that <subject> ...") is about. */
function relativeAntecedent(sentence: Sentence, named: Mention[], subject: Mention): Mention | undefined {
  const before = sentence.text.slice(0, subject.start - sentence.start);
  const relative = /(\p{L}+)\s+(?:that|which|whom)\s+$/u.exec(before);
  // After a verb ("announced that the US military ..."), "that" opens what was said, not a relative clause.
  if (!relative || /ed$/.test(relative[1]!) || SPEECH_WORD.test(relative[1]!)) return undefined;
  const at = sentence.start + relative.index + relative[1]!.length;
  const antecedent = [...named].reverse().find((m) => m.end <= at && !m.possessive);
  if (!antecedent) return undefined;
  const gap = sentence.text.slice(antecedent.end - sentence.start, at - sentence.start);
  return /[.;:"“”]/.test(gap) || gap.split(/\s+/).length > 8 ? undefined : antecedent;
}

/** What earlier sentences leave for later ones to refer back to. */
interface Discourse {
  /** Who acted in the last sentence that named an actor acting: "This" in the next one is their doing. */
  agents: string[];
  /** The countries of the actors named lately, in order (the last twenty). */
  countries: string[];
}

/** The country an actor belongs to: its own, or that of the office its title names. */
function countryOf(entry: ActorEntry | undefined): string | undefined {
  return entry?.country ?? (entry?.role?.organization ? COUNTRY_CODES[entry.role.organization] : undefined);
}

/**
 * The actors a sentence shows acting: its first named subject, not an outlet reporting it, and those
 * joined to it ("the US military and intelligence services have greatly expanded ...").
 */
function clauseAgents(
  sentence: Sentence,
  named: Mention[],
  entries: Map<string, ActorEntry>,
): string[] | undefined {
  for (const mention of named) {
    const entry = entries.get(mention.key);
    if (!entry || entry.kind === 'media' || mention.possessive) continue;
    const before = sentence.text.slice(0, mention.start - sentence.start);
    if (
      /\b(?:with|to|for|from|against|of|in|into|on|at|near|by|about|after|than)\s+(?:the\s+)?$/i.test(before)
    )
      continue;
    const joined = conjuncts(sentence, named, mention);
    const after = sentence.text.slice(joined.at(-1)!.end - sentence.start);
    if (
      /^\s+(?:\w+\s+)?(?:(?:have|has|had|will|would|could|can|may|might|must|is|are|was|were)\b|\p{Ll}+ed\b)/u.test(
        after,
      )
    )
      return joined.map((m) => m.key);
  }
  return undefined;
}

/**
 * Relations the grammar leaves implicit and the context supplies:
 * - a passive permission with no agent, told by an official ("reconnaissance flights, which, according to
 *   Mexico's President Claudia Sheinbaum, are also authorized"): the official's government grants it, to
 *   whoever a leading "This" refers back to, the last sentence's agents;
 * - a state that "cooperates" or "coordinates" with no partner named does so with the foreign country the
 *   story last named ("Mexico coordinates and cooperates, but does not subordinate itself").
 */
function impliedRelations(
  sentence: Sentence,
  mentions: Mention[],
  entries: Map<string, ActorEntry>,
  speaker: string | undefined,
  discourse: Discourse,
): Omit<DraftRelation, 'evidence' | 'quote'>[] {
  const found: Omit<DraftRelation, 'evidence' | 'quote'>[] = [];
  const official = speaker ? entries.get(speaker) : undefined;
  if (
    official &&
    isPersonKind(official.kind) &&
    official.role?.organization &&
    PERMITTED_WITHOUT_AGENT.test(sentence.text) &&
    /^(?:This|That|These|Such)\b/.test(sentence.text)
  ) {
    const government = governmentEntry(entries, official.role.organization);
    for (const agent of discourse.agents)
      if (government && countryOf(entries.get(agent)) !== government.country)
        found.push({ sourceKey: government.key, targetKey: agent, type: 'authorizes', confidence: 0.4 });
  }
  for (const match of sentence.text.matchAll(RECIPROCAL_WITHOUT_PARTNER)) {
    const at = sentence.start + match.index;
    const subject = [...mentions]
      .reverse()
      .find((m) => m.via === 'name' && m.end <= at && at - m.end <= 20 && !m.possessive);
    const entry = subject ? entries.get(subject.key) : undefined;
    if (!entry || !['state', 'government'].includes(entry.kind)) continue;
    const own = countryOf(entry);
    const partnerCountry = [...discourse.countries].reverse().find((c) => c !== own);
    const partner = [...entries.values()].find((e) => e.kind === 'state' && e.country === partnerCountry);
    if (partner)
      found.push({ sourceKey: entry.key, targetKey: partner.key, type: 'cooperates_with', confidence: 0.35 });
  }
  return found;
}

const PERMITTED_WITHOUT_AGENT =
  /\b(?:is|are|was|were|been|be)\s+(?:\w+\s+)?(?:authori[sz]ed|approved|permitted|allowed|cleared)\b(?!\s+by\b)/;
const RECIPROCAL_WITHOUT_PARTNER =
  /\b(?:cooperat|coordinat|collaborat)(?:es|ed)\b(?!\s+(?:with|on|in|closely|fully))(?:\s+and\s+\w+)?/g;

/** The government of a country the text names, found among the document's actors or proposed. */
function governmentEntry(entries: Map<string, ActorEntry>, country: string): ActorEntry | undefined {
  const code = COUNTRY_CODES[country];
  if (!code) return undefined;
  const existing = [...entries.values()].find((e) => e.kind === 'government' && e.country === code);
  if (existing) return existing;
  // Named as the metonyms name it ("US government", "Mexican government"), else by the nationality.
  const adjective = Object.entries(NATIONALITIES).find(
    ([word, place]) => place === country && word !== country && /^\p{Lu}\p{Ll}+$/u.test(word),
  )?.[0];
  const name =
    METONYMS.find((m) => m.kind === 'government' && m.country === code && m.name)?.name ??
    (adjective && `${adjective} government`);
  if (!name) return undefined;
  const entry: ActorEntry = {
    key: `name:${normalizeName(name)}`,
    name,
    aliases: new Set([`government of ${country}`]),
    kind: 'government',
    country: code,
  };
  entries.set(entry.key, entry);
  return entry;
}

function proposeAffiliations(entries: Map<string, ActorEntry>, used: Set<string>): DraftAffiliation[] {
  const affiliations: DraftAffiliation[] = [];
  for (const entry of [...entries.values()]) {
    if (!entry.role?.organization || !used.has(entry.key)) continue;
    const organization = [...entries.values()].find(
      (e) => normalizeName(e.name) === normalizeName(entry.role!.organization!),
    );
    const key = organization?.key ?? `name:${normalizeName(entry.role.organization)}`;
    if (!organization) {
      entries.set(key, {
        key,
        name: entry.role.organization,
        aliases: new Set(),
        kind: 'state',
        country: COUNTRY_CODES[entry.role.organization],
      });
    }
    used.add(key);
    affiliations.push({ memberKey: entry.key, organizationKey: key, role: entry.role.title || undefined });
  }
  return affiliations;
}

const ROLE_NOUN =
  /^,\s+(?:the\s+)?(?:(U\.S\.|US|American|Mexican|Mexico['’]s|Venezuelan|Colombian)\s+)?((?:[a-z][\w-]* ){0,3}(?:ambassador|secretary|minister|president|senator|spokesperson|spokesman|spokeswoman|director|chief|leader|analyst|expert|researcher|professor|official|adviser|advisor|commander)\b[^,.;]{0,60})/;
/** "Gustavo Flores-Macias from Cornell University", "Mike Vigil, who used to work for the DEA". */
const MEMBER_OF =
  /^(?:\s+(?:from|of|at|with)|,?\s+who\s+(?:used to |once |now |still )?(?:work(?:s|ed)?|serve[sd]?|(?:is|was) (?:a |an )?(?:member|official|agent|officer)) (?:for|at|in|with|of))\s+(?:the\s+)?$/;

/**
 * Roles given in apposition ("Ronald Johnson, US ambassador to Mexico") and membership given by a
 * preposition ("Gustavo Flores-Macias from Cornell University").
 */
function appositiveAffiliations(
  text: string,
  mentions: Mention[],
  entries: Map<string, ActorEntry>,
  used: Set<string>,
): DraftAffiliation[] {
  const found: DraftAffiliation[] = [];
  const named = mentions.filter((m) => m.via === 'name');
  named.forEach((mention, i) => {
    const member = entries.get(mention.key);
    if (!member || !isPersonKind(member.kind)) return;
    const next = named[i + 1];
    if (next && MEMBER_OF.test(text.slice(mention.end, next.start))) {
      const organization = entries.get(next.key);
      if (organization && !isPersonKind(organization.kind)) {
        if (organization.kind === 'academic_institution' && member.kind === 'person') member.kind = 'expert';
        found.push({ memberKey: member.key, organizationKey: organization.key });
        used.add(organization.key);
        return;
      }
    }
    const role = ROLE_NOUN.exec(text.slice(mention.end, mention.end + 120));
    if (!role) return;
    const title = role[2]!.trim();
    if (/\b(?:analyst|expert|researcher|professor)\b/.test(title) && member.kind === 'person')
      member.kind = 'expert';
    else if (member.kind === 'person') member.kind = 'official';
    const nation = role[1] ? NATIONALITIES[role[1].replace(/['’]s$/, '')] : undefined;
    if (!nation) return;
    const key = `name:${normalizeName(nation)}`;
    const organization = [...entries.values()].find(
      (e) => normalizeName(e.name) === normalizeName(nation),
    ) ?? {
      key,
      name: nation,
      aliases: new Set<string>(),
      kind: 'state' as const,
      country: COUNTRY_CODES[nation],
    };
    entries.set(organization.key, organization);
    found.push({ memberKey: member.key, organizationKey: organization.key, role: title });
    used.add(organization.key);
  });
  return found;
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
