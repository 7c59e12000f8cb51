import { isPersonKind, normalizeName, type ActorEntry, type Mention } from './actor-mentions';
import {
  COUNTRY_CODES,
  NATIONALITIES,
  METONYMS,
  RELATION_NOUNS,
  RELATION_VERBS,
  SPEECH_VERB,
  CRITICAL_NOUNS,
  rebuttedClaims,
} from './lexicons';
import type { Sentence } from './text-segments';
import { HOSTILE_RELATION_TYPES, type RelationType } from '../model/relation-vocabulary';
import type { DraftRelation } from './extraction-schema';
import { insideQuote, textBefore, reportedClause, textBetween, textUpTo, textFrom } from './sentence-view';
import { subjectBefore, conjuncts, ownsVerb, grammaticalSubject } from './attribution';
import { clauseOfVerb, subjectOfOwnVerb, within } from './clause-grammar';
import { judgePolarity } from './stance';

/**
 * The relations stage: actor-to-actor interactions from verbs and nouns of the relation vocabulary,
 * passives, relative clauses, condemned acts, and the relations the context implies.
 */
export const DESCRIBED_AS =
  /\b(?:describ(?:e|es|ed|ing)|characteri[sz](?:e|es|ed|ing)|label(?:s|led|ed|ling|ing)?|brand(?:s|ed|ing)?|denounc(?:e|es|ed|ing))\s+(?:\S+\s+){1,5}?as\s+/gi;

export const CONDEMNING: ReadonlySet<RelationType> = new Set(['criticizes', 'rejects', 'accuses', 'opposes']);

export const ACT_NOUN =
  /\b(?:deployments?|actions?|strikes?|attacks?|policy|policies|aggression|threats?|campaign|operations?|interventions?|interference|decision|measures?|raids?|presence|build-?up|rhetoric)\b/i;

/** The actor whose act is the object of a condemning verb: "the deployment of the United States". */
export function agentOfCondemnedAct(
  sentence: Sentence,
  named: Mention[],
  verbEnd: number,
): Mention | undefined {
  const clause = reportedClause(sentence, verbEnd, true);
  const clauseEnd = verbEnd + textFrom(sentence, verbEnd).indexOf(clause) + clause.length;
  return named.find(
    (m) =>
      m.start > verbEnd &&
      m.end <= Math.min(clauseEnd, verbEnd + 160) &&
      /\b(?:by|of)\s+(?:the\s+)?$/.test(textBefore(sentence, m, 8)) &&
      ACT_NOUN.test(textBetween(sentence, verbEnd, m.start)),
  );
}

/** An actor named as what someone uses or sends ("use the military", "sent troops"). */
export function isInstrument(sentence: Sentence, mention: Mention): boolean {
  return /\b(?:us(?:e|es|ed|ing)|send(?:s|ing)?|sent|deploy(?:s|ed|ing)?|employ(?:s|ed|ing)?|mobiliz(?:e|es|ed|ing))\s+(?:the\s+|its\s+|their\s+|our\s+)?$/i.test(
    textBefore(sentence, mention, 20),
  );
}

/**
 * What an act reaches through something an actor owns, runs or holds: "struck a boat operated by Tren de
 * Aragua", "targeted vessels belonging to the ELN", "revoked the visa of Gustavo Petro", "sanctioned
 * members of the Sinaloa Cartel". The owner is the act's object.
 */
const OWNED_THING = new RegExp(
  [
    String.raw`^\s+(?:(?:an?|the|two|three|several|\d+|another|alleged|suspected)\s+)*(?:[\w-]+\s+){0,2}?`,
    String.raw`(?:boats?|vessels?|ships?|submarines?|semi-submersibles?|planes?|aircraft|camps?|labs?|laboratories|facilit(?:y|ies)|targets?|convoys?|members?|operatives?)\s+`,
    String.raw`(?:(?:allegedly|reportedly|suspected of being)\s+)?`,
    String.raw`(?:(?:operated|run|owned|used|controlled|manned|crewed)\s+by|belonging\s+to|tied\s+to|linked\s+to|associated\s+with)\s+(?:the\s+)?$`,
    String.raw`|^\s+(?:the|its|his|her|their)\s+(?:[\w-]+\s+)?(?:visas?|assets|accounts|propert(?:y|ies)|funds|passports?|citizenship|licen[cs]es?|residency|accreditation|credentials)\s+(?:of|held by)\s+(?:the\s+)?$`,
    String.raw`|^\s+(?:(?:the|its|\w+)\s+){0,2}(?:members?|leaders?|operatives?|fighters|factions?|cells?|bosses|heads?|affiliates?)\s+of\s+(?:the\s+)?$`,
  ].join(''),
  'i',
);

/** A negator or a verb of stopping within the three words before a relation verb. */
export const RELATION_NEGATED =
  /\b(?:not|never|no longer|n't|stop\w*|end(?:s|ed|ing)?|halt\w*|cut(?:s|ting)?(?: off)?|suspend\w*|withh[eo]ld\w*|refus\w+|deni\w+|den(?:y|ies))\s+(?:\S+\s+){0,2}$/i;

export const STOPPED =
  /\b(?:stop\w*|end\w*|halt\w*|cut\w*(?: off)?|suspend\w*|withh[eo]ld\w*)\s+(?:\S+\s+){0,2}$/i;

export const POWERS: ReadonlySet<string> = new Set(['government', 'state', 'official', 'military', 'agency']);

/**
 * Who an opposing actor opposes: the governments, states, officials and forces the same sentence names as
 * the ones acting ("amid threats from Trump's administration", "an opportunity by the United States to
 * invade"), other than the actor itself and its own country.
 */
export function opposedAgents(
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
    // "violated Mexico's sovereignty": the one whose sovereignty, territory or people suffer the act is
    // its victim, never the party opposed.
    if (mention.possessive && VICTIM_POSSESSION.test(after)) continue;
    // "a US invasion of Venezuela", "warships near Venezuela": the target of an act is its victim and a
    // place is where it happens, whatever verb follows.
    if (
      ACT_TARGET_BEFORE.test(before) ||
      /\b(?:near|off|around|toward|towards|across|outside|inside|within)\s+(?:the\s+)?$/i.test(before)
    )
      continue;
    // Named as the actor of what is opposed, not as a place or a bystander.
    if (
      /\b(?:from|by)\s+(?:\S+\s+){0,3}$/.test(before) ||
      /^['’]s\b|^\s+(?:to|would|will|is|are|was|were|has|have|had)\b/.test(after) ||
      HARMS_NEXT.test(after) ||
      mention.possessive
    ) {
      agents.add(entry.key);
    }
  }
  return [...agents];
}

/** What belongs to a state and suffers what another does: "Mexico's sovereignty", "Colombia's waters". */
const VICTIM_POSSESSION =
  /^['’]s?\s+(?:own\s+|national\s+|territorial\s+)?(?:sovereignty|territory|territorial|waters|airspace|integrity|independence|borders?|soil|coasts?|people|citizens|nationals|fishermen|elections?|politics|affairs)\b/i;

/** An act and the preposition naming its target: "invasion of", "strikes on", "aggression against". */
const ACT_TARGET_BEFORE =
  /\b(?:invasion|invading|occupation|attacks?|strikes?|bombing|intervention|interference|aggression|incursions?|blockade|violation)\s+(?:of|on|against|in|into)\s+(?:the\s+)?$/i;

/** A name followed by an act against another: "the United States violated ...", "Washington invaded ...". */
const HARMS_NEXT =
  /^\s+(?:(?:has|have|had)\s+)?(?:violat(?:es|ed)|invad(?:es|ed)|attack(?:s|ed)|struck|bomb(?:s|ed)|kill(?:s|ed)|murder(?:s|ed)|interfer(?:es|ed)|meddl(?:es|ed)|breach(?:es|ed)|threaten(?:s|ed))\b/i;

export function governmentLedBy(
  person: ActorEntry,
  entries: Map<string, ActorEntry>,
): ActorEntry | undefined {
  if (person.kind !== 'person') return undefined;
  const surname = person.name.split(' ').at(-1)!.toLowerCase();
  return [...entries.values()].find(
    (e) => e.kind === 'government' && e.name.toLowerCase() === `${surname} administration`,
  );
}

export function findRelations(
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
    // An actor speaks for the state it belongs to; it is never hostile to it.
    const target = entries.get(targetKey);
    if (
      HOSTILE_RELATION_TYPES.includes(type) &&
      target?.kind === 'state' &&
      countryOf(entries.get(sourceKey)) === target.country
    )
      return;
    found.push({ sourceKey, targetKey, type, confidence });
  };
  const rebutted = rebuttedClaims(sentence.text);
  for (const [pattern, type] of RELATION_VERBS) {
    for (const match of sentence.text.matchAll(pattern)) {
      const at = sentence.start + match.index;
      const end = at + match[0].length;
      if (insideQuote(sentence, { start: at, end })) continue;
      // "rejected the claim that Venezuela supports the cartel": a rebutted claim reports no act.
      if (rebutted.some((claim) => claim.start <= match.index && match.index < claim.end)) continue;
      const textBefore = textUpTo(sentence, at);
      // "would stop giving financial support to Colombia" withdraws support: that is pressure, and a
      // denied or refused act ("did not attack") is no relation at all.
      const negated = RELATION_NEGATED.test(textBefore);
      if (negated && !(type === 'supports' && STOPPED.test(textBefore))) continue;
      const relationType: RelationType = negated ? 'pressures' : type;
      const clause = clauseOfVerb(sentence, at);
      const before = [...named].reverse().find((m) => m.end <= at);
      // The verb's object as the tags show it ("rejected Rubio's criticism" is aimed at Rubio); a name set
      // off by a comma after an object of another kind, as the subject of a verb of its own ("supporting
      // drug traffickers, Reuters reported") or inside a participle's clause ("condemned the strike, saying
      // it violated Colombia's sovereignty"), belongs to another clause.
      const objectPhrase = clause?.object;
      const nearest = named.find((m) => m.start >= end && m.start - end <= 40);
      const pastObject = objectPhrase && nearest && textBetween(sentence, objectPhrase.end, nearest.start);
      // "end all U.S. aid to Colombia": a verb phrase that ends in its preposition names its object after it.
      const endsInPreposition = /\s(?:to|with|from|against|on)$/i.test(match[0]);
      const after =
        (endsInPreposition ? nearest : undefined) ??
        (objectPhrase && named.find((m) => within(objectPhrase, m))) ??
        (pastObject &&
        /,/.test(pastObject) &&
        (subjectOfOwnVerb(sentence, nearest) || /^\s*,\s*\p{Ll}+ing\b/u.test(pastObject))
          ? undefined
          : nearest);
      const passive =
        /\b(?:was|were|been|being|is|are)\s+$/.test(textUpTo(sentence, at)) &&
        /^\s+by\b/.test(textFrom(sentence, end));
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
      // ", calling Petro ...": a participle set off by a comma belongs to the sentence's subject, the one
      // who speaks in it, not to the name nearest before it ("end all U.S. aid to Colombia, calling ...").
      const participle = /ing$/i.test(match[0]) && /,\s*$/.test(textBefore);
      const speakerMention = participle && speaker ? named.find((m) => m.key === speaker) : undefined;
      // "Bogotá recalled its ambassador after Trump called Petro a thug": a verb whose own subject is a
      // name no actor stands for is that name's act, not the act of the actor named before it.
      const subjectHead = clause?.subject?.head;
      const unknownNamedSubject =
        !!subjectHead &&
        !named.some((m) => within(subjectHead, m)) &&
        /^\p{Lu}\p{Ll}+$/u.test(textBetween(sentence, subjectHead.start, subjectHead.end).trim());
      const candidate =
        speakerMention ??
        grammaticalSubject(clause, named, 'head') ??
        (unknownNamedSubject ? undefined : subjectBefore(sentence, named, at));
      const agent =
        candidate && /\bto\s+$/.test(textBefore) && isInstrument(sentence, candidate) ? undefined : candidate;
      const subject = agent && ownsVerb(sentence, agent, at) ? agent : undefined;
      // Without a named subject the speaker acts only through a pronoun or an infinitive ("he would
      // target", "vowed to attack"); "a US military strike ... targeted" has a subject of its own.
      const speakerActs = /\b(?:he|she|it|they|we|I)\s+(?:\S+\s+){0,3}$|\bto\s+$/i.test(
        textUpTo(sentence, at),
      );
      // "He said the U.S. would stop giving ...": a person announcing what a state will do is the one who
      // makes that policy known; the announcement is theirs.
      const announced =
        subject &&
        speaker &&
        isPersonKind(entries.get(speaker)?.kind ?? 'other') &&
        ['state', 'government'].includes(entries.get(subject.key)?.kind ?? '') &&
        /^\s+(?:would|will)\b/.test(textBetween(sentence, subject.end, at));
      const source = announced
        ? { key: speaker }
        : (subject ?? (speaker && !agent && speakerActs ? { key: speaker } : undefined));
      if (source && !after && subject) {
        // "Tren de Aragua, a Venezuelan gang that the Trump administration designated": the object of a
        // relative clause's verb is the clause's antecedent; but the one told something ("told Reuters
        // that Mexico rejects ...") is no antecedent, it is whom a clause of saying was addressed to.
        const antecedent = relativeAntecedent(sentence, named, subject);
        const addressee =
          antecedent &&
          /\b(?:told|tells|tell|assured|informed|reminded)\s+(?:the\s+)?$/i.test(
            textUpTo(sentence, antecedent.start),
          );
        if (antecedent && !addressee) add(source.key, antecedent.key, relationType, 0.5);
        continue;
      }
      const gap = after ? textBetween(sentence, end, after.start) : '';
      // The verb's object, not an actor in an adjunct ("investigate following a Washington Post article")
      // the complement of its object ("condemned the capture of Maduro") or a relative clause on it
      // ("a strike against a boat that had departed Venezuela").
      // ... or the one who voiced what the verb rebuts: "rejected claims by Washington that ...".
      const object =
        after &&
        !/[.;:]/.test(gap) &&
        (!/\b(?:of|following|after|before|amid|during|since|because|despite|while|when|in|at|from|with|by|that|which|who|whose)\b/i.test(
          gap,
        ) ||
          (relationType === 'rejects' && VOICED_CLAIM.test(gap)) ||
          OWNED_THING.test(gap));
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
      const rest = textFrom(sentence, end);
      if (type === 'cooperates_with') {
        // "A and B have a good ongoing dialogue": the parties are the conjoined subjects before the verb.
        const subject = /^(?:have|has|had|maintain|hold|held)/i.test(match[0])
          ? subjectBefore(sentence, named, at)
          : undefined;
        const leading = subject ? named.slice(0, named.indexOf(subject) + 1).reverse() : [];
        const subjects = leading.filter(
          (m, k) =>
            k === 0 ||
            /^\s*(?:,|,? and|&)\s*(?:the\s+)?$/.test(textBetween(sentence, m.end, leading[k - 1]!.start)),
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
          ).test(textBetween(sentence, end, m.start)),
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

export const SPEECH_WORD = new RegExp(`^${SPEECH_VERB.source}$`, 'i');

/** A rebutted claim and who voiced it, up to the voice's name: " the claims by ", " criticism from the ". */
const VOICED_CLAIM = new RegExp(
  String.raw`^\s+(?:the\s+|all\s+|such\s+|these\s+|those\s+)*(?:${CRITICAL_NOUNS}|claims?)\s+(?:from|by)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.-]*\s+){0,4}$`,
  'u',
);

/** Nouns whose "that" clause says what they hold: "the claim that", "fears that", "the fact that". */
const CONTENT_NOUN =
  /^(?:claims?|assertions?|accusations?|allegations?|charges?|suggestions?|reports?|fears?|concerns?|warnings?|belief|view|notion|idea|fact|hope|news|rumou?rs?|evidence|proof|signs?)$/i;

/** The actor a relative clause starting right before `subject` ("..., a gang that <subject> ...") is about. */
export function relativeAntecedent(
  sentence: Sentence,
  named: Mention[],
  subject: Mention,
): Mention | undefined {
  const before = textUpTo(sentence, subject.start);
  const relative = /(\p{L}+)\s+(?:that|which|whom)\s+$/u.exec(before);
  // After a verb ("announced that the US military ..."), or a noun of saying ("the claim that Venezuela
  // ..."), "that" opens what was said, not a relative clause.
  if (
    !relative ||
    /ed$/.test(relative[1]!) ||
    SPEECH_WORD.test(relative[1]!) ||
    CONTENT_NOUN.test(relative[1]!)
  )
    return undefined;
  const at = sentence.start + relative.index + relative[1]!.length;
  const antecedent = [...named].reverse().find((m) => m.end <= at && !m.possessive);
  if (!antecedent) return undefined;
  const gap = textBetween(sentence, antecedent.end, at);
  return /[.;:"“”]/.test(gap) || gap.split(/\s+/).length > 8 ? undefined : antecedent;
}

/** What earlier sentences leave for later ones to refer back to. */
export interface Discourse {
  /** Who acted in the last sentence that named an actor acting: "This" in the next one is their doing. */
  agents: string[];
  /** The countries of the actors named lately, in order (the last twenty). */
  countries: string[];
}

/** The country an actor belongs to: its own, or that of the office its title names. */
export function countryOf(entry: ActorEntry | undefined): string | undefined {
  return entry?.country ?? (entry?.role?.organization ? COUNTRY_CODES[entry.role.organization] : undefined);
}

/**
 * The actors a sentence shows acting: its first named subject, not an outlet reporting it, and those
 * joined to it ("the US military and intelligence services have greatly expanded ...").
 */
export function clauseAgents(
  sentence: Sentence,
  named: Mention[],
  entries: Map<string, ActorEntry>,
): string[] | undefined {
  for (const mention of named) {
    const entry = entries.get(mention.key);
    if (!entry || entry.kind === 'media' || mention.possessive) continue;
    const before = textUpTo(sentence, mention.start);
    if (
      /\b(?:with|to|for|from|against|of|in|into|on|at|near|by|about|after|than)\s+(?:the\s+)?$/i.test(before)
    )
      continue;
    const joined = conjuncts(sentence, named, mention);
    const after = textFrom(sentence, joined.at(-1)!.end);
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
export function impliedRelations(
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

export const PERMITTED_WITHOUT_AGENT =
  /\b(?:is|are|was|were|been|be)\s+(?:\w+\s+)?(?:authori[sz]ed|approved|permitted|allowed|cleared)\b(?!\s+by\b)/;

export const RECIPROCAL_WITHOUT_PARTNER =
  /\b(?:cooperat|coordinat|collaborat)(?:es|ed)\b(?!\s+(?:with|on|in|closely|fully))(?:\s+and\s+\w+)?/g;

/** The government of a country the text names, found among the document's actors or proposed. */
export function governmentEntry(entries: Map<string, ActorEntry>, country: string): ActorEntry | undefined {
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
