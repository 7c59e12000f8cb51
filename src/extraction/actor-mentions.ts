import nlp from 'compromise';
import type { ActorKind } from '../model/actor-schema';
import {
  COUNTRY_CODES,
  METONYMS,
  NATIONALITIES,
  ORGANIZATION_KINDS,
  PERSON_DESCRIPTOR,
  PRONOUN,
  TITLES,
} from './lexicons';
import {
  COUNTRY_ALIASES,
  CRIMINAL_GROUP_NOUNS,
  CRIMINAL_GROUPS,
  NATIONALITY_PREFIXES,
  NEWS_OUTLETS,
} from './gazetteer';

/** An actor already in the graph, as the extractor needs to recognise it. */
export interface KnownActor {
  id: string;
  name: string;
  aliases: readonly string[];
  kind: ActorKind;
  country?: string;
}

/** One actor the document talks about, gathered from all the ways it names it. */
export interface ActorEntry {
  key: string;
  name: string;
  aliases: Set<string>;
  kind: ActorKind;
  country?: string;
  /** Set when the actor is already in the graph. */
  existingId?: string;
  /** From a first name or honorific, when one says it: lets "she" skip the men. */
  gender?: 'female' | 'male';
  /** The title it carries in the text and the state or body that title belongs to. */
  role?: { title: string; organization?: string };
  /**
   * Set when the actor is named as the subject or agent of a verb: a state that acts is an actor, a place
   * is not, and a body named only in passing ("use the military", "into the committee") is none either.
   */
  acts?: boolean;
}

export interface Mention {
  start: number;
  end: number;
  surface: string;
  key: string;
  possessive: boolean;
  /** Pronouns and descriptors are resolved later, from the mentions before them. */
  via: 'name' | 'pronoun' | 'descriptor';
  person: boolean;
}

interface Term {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
  start: number;
  end: number;
  sentenceStart: boolean;
}

const FUNCTION_TAGS = [
  'Determiner',
  'Preposition',
  'Conjunction',
  'Pronoun',
  'Adverb',
  'Verb',
  'Date',
  'Value',
];
const CONNECTORS = new Set([
  'of',
  'de',
  'del',
  'la',
  'da',
  'do',
  'dos',
  'das',
  'di',
  'van',
  'von',
  'for',
  'on',
]);
/** What may follow a connector inside a name: "Office of the Director", "Juan Ramón de la Fuente". */
const SECOND_CONNECTORS = new Set(['the', 'la', 'de', 'del', 'los', 'las']);
/** Capitalised names of laws, plans and doctrines: things, never actors. */
/** "the ", "U.S. ", "Mexican " ...: what a body's name may drop and stay the same body. */
const NATIONALITY_PREFIX = new RegExp(
  `^(?:the |(?:${NATIONALITY_PREFIXES.map((w) => escapeRegExp(w)).join('|')}) )`,
  'i',
);

const NOT_ACTORS =
  /\b(?:Doctrine|Act|Resolution|Law|Treaty|Amendment|Constitution|Accords?|Plan|Operation|Manual|Order|Report|Conference|Summit|Day|Month|Week|Year)$/;
/** Titles as word lists, longest first, so "Defense Secretary" is taken whole before "Secretary". */
const TITLE_SEQUENCES = TITLES.map((t) => t.replace(/\./g, '').split(' ')).sort(
  (a, b) => b.length - a.length,
);
const TITLE_WORDS = new Set(TITLE_SEQUENCES.map((t) => t[0]!));
const SPEAKS_NEXT =
  /^\s+(?:said|says|told|tells|added|adds|declared|stated|states|warned|warns|wrote|argued|insisted|noted|explained|stressed|asked)\b/;
/**
 * What only a person's surname does at the head of a sentence: speaking, taking a side or acting on
 * someone ("Trump told reporters", "Hegseth defended", "Maduro rejected"), or being described by a
 * relative or participle clause of its own ("Sheinbaum, who has ...", "Hegseth, speaking in ..."). A
 * plural ("Officials said", "Critics said") is no surname.
 */
const SURNAME_SUBJECT_NEXT =
  /^(?:\s+(?:has|had|have|also|again|later|then|on \p{Lu}\p{Ll}+day)){0,2}\s+(?:said|says|told|tells|added|adds|declared|stated|warned|warns|wrote|argued|insisted|noted|explained|stressed|asked|defended|defends|rejected|rejects|dismissed|dismisses|denied|denies|threatened|threatens|accused|accuses|demanded|demands|called|calls|vowed|vows|backed|backs|denounced|denounces|condemned|condemns|criticized|criticizes|praised|praises|blamed|blames|urged|urges|signed|ordered|announced|announces|pledged|promised|responded|replied|appeared|spoke|met|visited|addressed|arrived|travell?ed|posted|tweeted|insists|maintains|acknowledged|conceded|admitted)\b|^\s*,\s+(?:who|speaking|addressing|writing|asked)\b/u;
/**
 * A verb right after a name makes it the subject ("the US launched", "Mexico has", "Venezuela rejected"),
 * as "by" before it makes it the agent ("killed by the United States").
 */
const ACTS_NEXT =
  /^(?:['’]s)?\s+(?:(?:has|have|had|will|would|could|can|should|must|does|did|do|says|said|cannot|insists|claims|argues|denies|rejects|warns|wants|accuses|demands|plans|intends|maintains|threatens|refuses)\b|\p{Ll}+ed\b(?!\s+by\b))/u;
/** A role noun right before a name: "DOGE head Elon Musk", "security analyst David Saucedo". */
const ROLE_BEFORE =
  /\b(?:head|chief|leader|founder|spokesman|spokeswoman|spokesperson|analyst|expert|professor|director|adviser|advisor|chairman|chairwoman|CEO|owner|researcher|lawyer|attorney|secretary|minister|ambassador|envoy|senator|governor|commander|aide|negotiator|official)\s+$/;
/**
 * An apposition naming a role right after a name: "Diosdado Cabello, Venezuela's interior minister,",
 * "Rand Paul, a Kentucky Republican,". The name is then a person's, known to compromise or not.
 */
const ROLE_AFTER =
  /^\s*,\s+(?:(?:the|a|an|former|then|\p{Lu}[\p{L}.’'-]*)\s+){0,4}?(?:\p{Ll}+\s+){0,2}?(?:minister|president|vice president|senator|secretary|spokes(?:man|woman|person)|ambassador|envoy|chief|head|leader|director|governor|mayor|analyst|expert|professor|adviser|advisor|chair(?:man|woman)?|commander|general|admiral|lawmaker|congress(?:man|woman)|representative|attorney general|prosecutor|official|diplomat|researcher|lawyer|founder|Republican|Democrat)\b/u;
const NAMED_CRIMINAL_GROUP = new RegExp(
  `(?<![\\p{L}\\d])(?:${CRIMINAL_GROUPS.map(escapeRegExp).join('|')})(?![\\p{L}\\d])`,
  'gu',
);
/** A capitalised name before a lower-case group noun: "the Sinaloa cartel". */
const DESCRIBED_CRIMINAL_GROUP = new RegExp(
  String.raw`\b((?:\p{Lu}[\p{L}'’-]+\s+){1,3})(${CRIMINAL_GROUP_NOUNS.join('|')})\b`,
  'gu',
);
/** Words that stand for a name without being one: "He called the strikes ...". */
const PRONOUN_WORD = /^(?:he|she|it|they|we|i|you|this|that|these|those|there|here|one|who)$/i;
/** A preposition of place right before a name: "in Washington", "at Caracas", "to Bogotá". */
const LOCATIVE_BEFORE = /\b(?:in|at|near|outside|inside|to|into|around|across|toward|towards)\s+$/i;
const COUNTED = /\b(?:two|three|four|five|six|several|some|few|many|\d+)\s+$/i;
/** Offices that speak for a state, as a descriptor set before the holder's name. */
const STATE_OFFICE = String.raw`(?:ambassador|envoy|representative|minister|foreign minister|secretary|president|vice president|prime minister|chancellor|diplomat|spokes(?:man|woman|person))`;
/** Country names, longest first: "United States" before "States". */
const COUNTRY_NAMES = Object.keys(COUNTRY_CODES)
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
/**
 * A state's office named before its holder, set off by a comma: "The ambassador ... of the Bolivarian
 * Republic of Venezuela to the United Nations (UN), Samuel Moncada", "Venezuela's foreign minister, Yván
 * Gil,". The country is group 1 or 2.
 */
const STATE_OFFICE_BEFORE = new RegExp(
  String.raw`(?:\b${STATE_OFFICE}\b[^.;,]{0,80}?\bof\s+(?:the\s+)?(?:\p{Lu}\p{L}+\s+(?:of\s+)?){0,3}?(${COUNTRY_NAMES})|\b(${COUNTRY_NAMES})['’]s\s+(?:[\p{Ll}-]+\s+){0,3}?${STATE_OFFICE})\b[^.;,]{0,60},\s*$`,
  'u',
);
const PARTY_ADJECTIVES = new Set([
  'Democratic',
  'Republican',
  'Democrat',
  'GOP',
  'Independent',
  'former',
  'Former',
  'then',
]);
const NOT_NAMES = new Set(
  'D.C. FTO FTOs SDGT The A An In On At But And However Meanwhile While After Before Since When If As It This That These Those Archive Image Photo Updated Source Read Watch Story Opinion Analysis Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' ',
  ),
);

/**
 * Finds the actors a document names: first the graph's own actors and their aliases, then metonyms
 * ("the White House"), then people and organisations recognised by compromise, with titles split off.
 */
export class ActorMentionFinder {
  readonly entries = new Map<string, ActorEntry>();
  readonly mentions: Mention[] = [];
  private readonly knownByAlias = new Map<string, KnownActor>();
  /** compromise's reading of the document, once: names are found in it and verbs tell who acts. */
  private readonly terms: Term[];
  private readonly verbAt = new Set<number>();

  constructor(
    private readonly text: string,
    known: readonly KnownActor[],
  ) {
    for (const actor of known) {
      for (const alias of [actor.name, ...actor.aliases, actor.id]) {
        this.knownByAlias.set(normalizeName(alias), actor);
      }
    }
    this.terms = parseTerms(text);
    for (const term of this.terms)
      if (term.tags.has('Verb') && !term.tags.has('Gerund') && !term.tags.has('Participle'))
        this.verbAt.add(term.start);
  }

  find(): { entries: Map<string, ActorEntry>; mentions: Mention[] } {
    const candidates: Mention[] = [];
    this.findKnown(candidates);
    this.findGovernmentsByLeader(candidates);
    this.findMetonyms(candidates);
    this.findOutlets(candidates);
    this.findCriminalGroups(candidates);
    this.findNamed(candidates);
    this.findRepeats(candidates);
    this.findReferring(candidates);
    // Longest mention wins an overlap; among equals, the earlier pass (the graph's own names) wins.
    const ordered = candidates
      .map((mention, order) => ({ mention, order }))
      .sort(
        (a, b) => b.mention.end - b.mention.start - (a.mention.end - a.mention.start) || a.order - b.order,
      );
    const taken: Mention[] = [];
    for (const { mention } of ordered) {
      if (taken.some((m) => m.start < mention.end && mention.start < m.end)) continue;
      taken.push(mention);
    }
    taken.sort((a, b) => a.start - b.start);
    this.mentions.push(...this.withoutNationalPossessives(taken));
    this.linkSurnames();
    this.linkAdministration();
    this.linkCommittees();
    this.linkMembers();
    this.linkAcronyms();
    this.linkOfficesBefore();
    return { entries: this.entries, mentions: this.mentions };
  }

  /**
   * "Colombia's Petro", "Venezuela's Cartel de los Soles": a state's possessive right before a person or
   * a body says which country it belongs to; the state itself takes no part in the sentence.
   */
  private withoutNationalPossessives(mentions: Mention[]): Mention[] {
    return mentions.filter((mention, i) => {
      const next = mentions[i + 1];
      const state = this.entries.get(mention.key);
      if (!mention.possessive || state?.kind !== 'state' || !next || next.key === mention.key) return true;
      if (this.entries.get(next.key)?.kind === 'state') return true;
      if (!/^['’]s\s+$/.test(this.text.slice(mention.end, next.start))) return true;
      const owned = this.entries.get(next.key);
      if (owned && !owned.country) owned.country = state.country;
      return false;
    });
  }

  private entry(name: string, kind: ActorKind, country?: string): ActorEntry {
    const known = this.knownByAlias.get(normalizeName(name));
    const key = known ? `id:${known.id}` : `name:${normalizeName(name)}`;
    // "the U.S. Department of the Treasury" and "the Department of the Treasury" are one body.
    let entry =
      this.entries.get(key) ??
      (known || isPersonKind(kind)
        ? undefined
        : [...this.entries.values()].find(
            (e) => !isPersonKind(e.kind) && withoutNationality(e.name) === withoutNationality(name),
          ));
    if (!entry) {
      entry = known
        ? {
            key,
            name: known.name,
            aliases: new Set(),
            kind: known.kind,
            country: known.country,
            existingId: known.id,
          }
        : { key, name, aliases: new Set(), kind, country };
      this.entries.set(key, entry);
    } else if (!entry.existingId && entry.kind === 'organization' && isPersonKind(kind)) {
      // A title ("President Trump") is better evidence than compromise's guess that a name is an organisation.
      entry.kind = kind;
    }
    return entry;
  }

  private add(candidates: Mention[], start: number, end: number, entry: ActorEntry, person: boolean): void {
    // "Johannesburg, South Africa (AFP) –": an agency credited in a dateline is not in the story.
    if (entry.kind === 'media' && this.text[start - 1] === '(' && this.text[end] === ')') return;
    const raw = this.text.slice(start, end);
    const possessive = /['’]s$/.test(raw) || /^['’]s\b/.test(this.text.slice(end, end + 3));
    const surface = raw.replace(/['’]s$/, '');
    const trimmedEnd = start + surface.length;
    if (surface !== entry.name) entry.aliases.add(surface.replace(/^the /, (m) => m));
    // Subject, agent, possessor of an act ("the Trump administration's designation") or object of a verb
    // ("allowed the CIA to run"): the text shows the actor doing something or having it done to it.
    // A state's possessive is mostly its territory or people ("Mexico's custody", "Mexico's soil"), and a
    // place after a preposition ("people from Colombia and Ecuador had survived") is not the verb's subject.
    const afterPreposition = /\b(?:from|in|to|of|at|near|off|into|across|with|and)\s+(?:the\s+)?$/i.test(
      this.text.slice(Math.max(0, start - 12), start),
    );
    if (
      (possessive && entry.kind !== 'state') ||
      (!afterPreposition && (ACTS_NEXT.test(this.text.slice(end, end + 40)) || this.verbFollows(end))) ||
      /\b(?:by|\p{Ll}+ed|told|tells?|sent|gave|met|hit|struck|took|brought|caught|sought|fought|made|kept|let|held|beat|urges?|asks?|calls?|allows?|accuses?|warns?|thanks?|praises?|condemns?|criticizes?|blames?)\s+(?:the\s+)?$/u.test(
        this.text.slice(Math.max(0, start - 24), start),
      )
    )
      entry.acts = true;
    candidates.push({ start, end: trimmedEnd, surface, key: entry.key, possessive, via: 'name', person });
  }

  /** "should the Trump administration decide": compromise reads a verb right after the name. */
  private verbFollows(end: number): boolean {
    const gap = /^(?:['’]s)?[ \t]+/.exec(this.text.slice(end, end + 6));
    return !!gap && this.verbAt.has(end + gap[0].length);
  }

  private findKnown(candidates: Mention[]): void {
    if (this.knownByAlias.size === 0) return;
    const aliases = [...this.knownByAlias.keys()].filter((alias) => alias.length >= 2);
    // One alternation over every alias: the text is scanned once whatever the size of the graph.
    const pattern = new RegExp(
      `(?<![\\p{L}\\d])(?:${aliases
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|')})(?![\\p{L}\\d])`,
      'giu',
    );
    for (const match of this.text.matchAll(pattern)) {
      const actor = this.knownByAlias.get(normalizeName(match[0]))!;
      // Short aliases ("US", "Trump") must keep their capitals, or common words would match.
      if (match[0].length <= 3 && match[0] !== match[0].toUpperCase()) continue;
      if (!/^\p{Lu}|^the /u.test(match[0]) && !/^\p{Lu}/u.test(actor.name)) continue;
      const entry = this.entry(actor.name, actor.kind, actor.country);
      this.add(candidates, match.index, match.index + match[0].length, entry, isPersonKind(actor.kind));
    }
  }

  /** "Trump's team", "the Trump administration", "Petro's government" name a government by its leader. */
  private findGovernmentsByLeader(candidates: Mention[]): void {
    const pattern =
      /\b(?:[Tt]he )?((?:\p{Lu}[\p{L}-]*(?:\.\p{Lu}[\p{L}-]*)* )*\p{Lu}[\p{L}-]+)(?:['’]s)? (administration|team|government|cabinet)\b/gu;
    for (const match of this.text.matchAll(pattern)) {
      const leader = match[1]!.split(' ').filter((w) => !NATIONALITIES[w] && !TITLE_WORDS.has(w));
      if (leader.length === 0 || NOT_NAMES.has(leader[0]!)) continue;
      const surname = leader[leader.length - 1]!;
      const entry = this.entry(`${surname} administration`, 'government');
      this.add(candidates, match.index, match.index + match[0].length, entry, false);
    }
  }

  /**
   * Criminal groups the gazetteer names, and a name before a lower-case "cartel" or "gang" ("the Sinaloa
   * cartel"), which compromise leaves outside the name. A nationality before it ("Mexican cartels") is
   * a description, not a name.
   */
  private findCriminalGroups(candidates: Mention[]): void {
    for (const match of this.text.matchAll(NAMED_CRIMINAL_GROUP))
      this.add(
        candidates,
        match.index,
        match.index + match[0].length,
        this.entry(match[0], 'criminal_group'),
        false,
      );
    for (const match of this.text.matchAll(DESCRIBED_CRIMINAL_GROUP)) {
      const words = match[1]!.trim().split(/\s+/);
      if (words.some((w) => NATIONALITIES[w] || /^(?:The|A|An|Drug|Its|Their|His|Her)$/.test(w))) continue;
      const noun = match[2]!;
      const name = `${words.join(' ')} ${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
      this.add(
        candidates,
        match.index,
        match.index + match[0].length,
        this.entry(name, 'criminal_group'),
        false,
      );
    }
  }

  /** The gazetteer's news outlets; `entry` gives a graph actor of the same name or alias its id. */
  private findOutlets(candidates: Mention[]): void {
    const pattern = new RegExp(
      `(?<![\\p{L}\\d])(?:${NEWS_OUTLETS.map(escapeRegExp).join('|')})(?![\\p{L}\\d])`,
      'gu',
    );
    for (const match of this.text.matchAll(pattern)) {
      const entry = this.entry(match[0], 'media');
      this.add(candidates, match.index, match.index + match[0].length, entry, false);
    }
  }

  private findMetonyms(candidates: Mention[]): void {
    for (const metonym of METONYMS) {
      for (const match of this.text.matchAll(metonym.pattern)) {
        // "speaking in Washington", "talks in Caracas": a capital named as where something happens is a
        // place, not its government.
        if (
          metonym.capital &&
          LOCATIVE_BEFORE.test(this.text.slice(Math.max(0, match.index - 12), match.index))
        )
          continue;
        const entry = this.entry(
          metonym.name ?? match[0].replace(/^the /, ''),
          metonym.kind,
          metonym.country,
        );
        this.add(candidates, match.index, match.index + match[0].length, entry, false);
      }
    }
  }

  private findNamed(candidates: Mention[]): void {
    const terms = this.terms;
    const unresolved: {
      start: number;
      end: number;
      name: string;
      surnameOnly?: boolean;
      singular?: boolean;
    }[] = [];
    let i = 0;
    while (i < terms.length) {
      // "Human Rights Watch also warned": a capitalised first word runs on into the name that follows it.
      const opensName =
        terms[i]!.sentenceStart &&
        /^\p{Lu}\p{Ll}+$/u.test(terms[i]!.text) &&
        !FUNCTION_TAGS.some((tag) => terms[i]!.tags.has(tag)) &&
        !NOT_NAMES.has(terms[i]!.text) &&
        !!terms[i + 1] &&
        isNameTerm(terms[i + 1]!) &&
        terms[i + 1]!.tags.has('ProperNoun') &&
        !breaksAfter(terms[i]!, terms[i + 1]);
      if (!isNameTerm(terms[i]!) && !opensName) {
        // A sentence's first word is capitalised anyway, so compromise may not tag "Sheinbaum condemned"
        // as a name there; it still is one when it is the surname of a person the document names.
        const first = terms[i]!;
        if (first.sentenceStart && /^\p{Lu}\p{Ll}+$/u.test(first.text) && !/^\p{Lu}/u.test(first.post.trim()))
          unresolved.push({
            start: first.start,
            end: first.end,
            name: first.text,
            surnameOnly: true,
            singular:
              first.tags.has('Singular') && !first.tags.has('Place') && !first.tags.has('Organization'),
          });
        i += 1;
        continue;
      }
      // A country named in several words ("Trinidad and Tobago Prime Minister ...") is one name.
      let j = i + (multiWordCountryAt(terms, i) ?? 1) - 1;
      while (j + 1 < terms.length && !breaksAfter(terms[j]!, terms[j + 1])) {
        const next = terms[j + 1]!;
        // "(R-KY)" after a name is a label, not more of the name.
        if (/[([“"]/.test(next.pre)) break;
        // Inside a name, a word that could be page furniture alone is part of it: "Human Rights Watch".
        const inside =
          next.tags.has('ProperNoun') && !next.tags.has('Date') && /^\p{Lu}\p{Ll}+$/u.test(next.text);
        if ((isNameTerm(next) || inside) && !next.sentenceStart) {
          j += 1;
          continue;
        }
        // Up to two connectors inside a name: "Office of the Director", "Juan Ramón de la Fuente".
        const width = SECOND_CONNECTORS.has(terms[j + 2]?.text.toLowerCase() ?? '') ? 2 : 1;
        const after = terms[j + 1 + width];
        if (
          CONNECTORS.has(next.text.toLowerCase()) &&
          after &&
          isNameTerm(after) &&
          !(next.text === 'of' && isPlaceTerm(after) && terms[i]!.tags.has('Person')) &&
          !terms.slice(j + 1, j + 1 + width).some((t, n) => breaksAfter(t, terms[j + 2 + n]))
        )
          j += 1 + width;
        else break;
      }
      this.classify(terms.slice(i, j + 1), candidates, unresolved);
      i = j + 1;
    }
    // A bare proper noun compromise could not place ("Sheinbaum told reporters") is the person whose
    // surname it is, when the document names that person in full somewhere.
    for (const { start, end, name, surnameOnly, singular } of unresolved) {
      const person = [...this.entries.values()].find(
        (e) => isPersonKind(e.kind) && e.name.includes(' ') && e.name.split(' ').at(-1) === name,
      );
      if (person) this.add(candidates, start, end, person, true);
      // "Britain has stopped sharing ...": a country opening a sentence, whatever compromise made of it.
      else if (surnameOnly && COUNTRY_CODES[COUNTRY_ALIASES[name] ?? name]) {
        const country = COUNTRY_ALIASES[name] ?? name;
        this.add(candidates, start, end, this.entry(country, 'state', COUNTRY_CODES[country]), false);
      } else if (surnameOnly) {
        // "Trump told reporters", "Sheinbaum, who ...": a sentence's first word that compromise reads as a
        // singular common noun is a surname when it does what only people do there.
        if (
          singular &&
          !NOT_NAMES.has(name) &&
          !PRONOUN_WORD.test(name) &&
          SURNAME_SUBJECT_NEXT.test(this.text.slice(end, end + 40))
        )
          this.add(candidates, start, end, this.entry(name, 'person'), true);
      }
      // A bare surname that speaks ("Sheinbaum declared") is a person even when never named in full.
      else if (
        !PRONOUN_WORD.test(name) &&
        (SPEAKS_NEXT.test(this.text.slice(end, end + 30)) ||
          SURNAME_SUBJECT_NEXT.test(this.text.slice(end, end + 40)))
      )
        this.add(candidates, start, end, this.entry(name, 'person'), true);
    }
  }

  private classify(
    span: Term[],
    candidates: Mention[],
    unresolved: { start: number; end: number; name: string }[],
  ): void {
    let words = span;
    let nationality: string | undefined;
    const titleWords: string[] = [];
    const bare = (term: Term) => stripPossessive(term.text.replace(/\.$/, ''));
    while (words.length > 1) {
      const word = bare(words[0]!);
      const several = multiWordCountryAt(words, 0);
      if (!nationality && titleWords.length === 0 && several && several < words.length) {
        nationality =
          NATIONALITIES[
            words
              .slice(0, several)
              .map((w) => w.text)
              .join(' ')
          ];
        words = words.slice(several);
        continue;
      }
      // compromise keeps the last full stop of "U.S." in the term or in what follows it.
      const dotted =
        NATIONALITIES[`${word}.`] && (words[0]!.text.endsWith('.') || words[0]!.post.startsWith('.'));
      if (!nationality && titleWords.length === 0 && (dotted || NATIONALITIES[word])) {
        nationality = dotted ? NATIONALITIES[`${word}.`] : NATIONALITIES[word];
        words = words.slice(1);
        continue;
      }
      if (PARTY_ADJECTIVES.has(word) && titleWords.length === 0) {
        words = words.slice(1);
        continue;
      }
      const title = TITLE_SEQUENCES.find(
        (t) => t.length < words.length && t.every((part, k) => bare(words[k]!) === part),
      );
      if (!title) {
        // An institution before the title ("Navy Admiral Frank M. Bradley") qualifies the title.
        const inner = titleWords.length === 0 ? innerTitleAt(words.map(bare)) : -1;
        if (inner <= 0) break;
        titleWords.push(...words.slice(0, inner).map(bare));
        words = words.slice(inner);
        continue;
      }
      titleWords.push(
        ...words.slice(0, title.length).map((w) => (w.post.startsWith('.') ? `${bare(w)}.` : bare(w))),
      );
      words = words.slice(title.length);
    }
    while (words.length > 0 && CONNECTORS.has(words[0]!.text.toLowerCase())) words = words.slice(1);
    // "Tim Kaine of Virginia": a person's name ends where "of <place>" begins.
    const of = words.findIndex((w) => w.text === 'of');
    if (of > 0 && words.slice(0, of).some((w) => w.tags.has('FirstName') || w.tags.has('LastName'))) {
      words = words.slice(0, of);
    }
    if (words.length === 0) return;
    const start = words[0]!.start;
    const end = words[words.length - 1]!.end;
    const name = stripPossessive(this.text.slice(start, end));
    // "Caribbean.(AFP": a tokenizer's glue across punctuation is no name.
    if (
      NOT_NAMES.has(name) ||
      name.length < 2 ||
      NOT_ACTORS.test(name) ||
      /[()]|\.\S/.test(name.replace(/\b\p{Lu}\.(?=\p{Lu}|\s|$)/gu, ''))
    )
      return;
    // "Two Republicans", "several Democrats": counted members of a group, not the group speaking as one.
    if (COUNTED.test(this.text.slice(Math.max(0, start - 12), start)) && /s$/.test(name)) return;
    const tags = new Set(words.flatMap((w) => [...w.tags]));
    const orgKind = ORGANIZATION_KINDS.find(([pattern]) => pattern.test(name))?.[1];
    const isPerson =
      !orgKind &&
      (titleWords.length > 0 ||
        tags.has('Person') ||
        tags.has('FirstName') ||
        tags.has('LastName') ||
        tags.has('Honorific'));
    // "Britain", "the UK": a country's other names are the country.
    const countryName = COUNTRY_ALIASES[name] ?? name;
    const country = COUNTRY_CODES[countryName];
    const state = NATIONALITIES[name] && COUNTRY_CODES[NATIONALITIES[name]] ? NATIONALITIES[name] : undefined;
    const acts = ACTS_NEXT.test(this.text.slice(end, end + 40));
    const spanStart = span[0]!.start;
    const known = this.knownByAlias.get(normalizeName(name));
    if (known) {
      this.add(candidates, spanStart, end, this.entry(known.name, known.kind), isPersonKind(known.kind));
      return;
    }
    if (isPerson) {
      const title = titleWords.join(' ');
      const entry = this.entry(
        name,
        titleWords.length > 0 && !/^(?:Mr|Mrs|Ms|Dr)\.?$/.test(title) ? 'official' : 'person',
      );
      if (title && !entry.role) entry.role = { title, organization: nationality };
      if (tags.has('FemaleName') || /^(?:Ms|Mrs)\.?$/.test(title)) entry.gender ??= 'female';
      else if (tags.has('MaleName') || /^Mr\.?$/.test(title)) entry.gender ??= 'male';
      this.add(candidates, spanStart, end, entry, true);
    } else if (country || (state && (state === name || /^U\.?S\.?$/.test(name)) && acts)) {
      // "the US launched its offensive": a country's short name acting is the state, not an adjective.
      const entry = this.entry(country ? countryName : state!, 'state', country ?? COUNTRY_CODES[state!]);
      this.add(candidates, spanStart, end, entry, false);
    } else if (words.length === 1 && (tags.has('Demonym') || NATIONALITIES[name])) {
      // "Venezuelan", "American": an adjective of nationality, not an actor.
      return;
    } else if (orgKind || tags.has('Organization') || (tags.has('Acronym') && words.length === 1)) {
      // An organisation keeps its nationality: "US Forces", not "Forces"; and it belongs to that country
      // ("Mexico's Foreign Ministry" speaks for Mexico, it is never Mexico's opponent).
      const full = nationality ? stripPossessive(this.text.slice(spanStart, end)) : name;
      const homeCountry = nationality ? COUNTRY_CODES[nationality] : undefined;
      this.add(candidates, spanStart, end, this.entry(full, orgKind ?? 'organization', homeCountry), false);
    } else if (words.length === 1) {
      unresolved.push({ start: spanStart, end, name });
    } else if (
      words.length <= 3 &&
      words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w.text)) &&
      (ROLE_BEFORE.test(this.text.slice(Math.max(0, spanStart - 30), spanStart)) ||
        ROLE_AFTER.test(this.text.slice(end, end + 80)) ||
        SPEAKS_NEXT.test(this.text.slice(end, end + 30)))
    ) {
      // A name compromise does not know ("DOGE head Elon Musk", "Elon Musk said", "Diosdado Cabello,
      // Venezuela's interior minister,") is a person by its role.
      this.add(candidates, spanStart, end, this.entry(name, 'person'), true);
    }
  }

  /**
   * A body named again in lower case or without its country ("The US State Department ... a spokesperson
   * for the state department"): the later mentions are the same actor.
   */
  private findRepeats(candidates: Mention[]): void {
    for (const entry of [...this.entries.values()]) {
      if (isPersonKind(entry.kind) || entry.kind === 'state' || !entry.name.includes(' ')) continue;
      const short = entry.name.replace(NATIONALITY_PREFIX, '');
      if (!short.includes(' ')) continue;
      const pattern = new RegExp(`(?<![\\p{L}])${escapeRegExp(short)}(?![\\p{L}])`, 'giu');
      for (const match of this.text.matchAll(pattern))
        this.add(candidates, match.index, match.index + match[0].length, entry, false);
    }
  }

  /** Pronouns and descriptors become mentions now and are given their referent during attribution. */
  private findReferring(candidates: Mention[]): void {
    for (const pattern of [PRONOUN, PERSON_DESCRIPTOR]) {
      for (const match of this.text.matchAll(pattern)) {
        candidates.push({
          start: match.index,
          end: match.index + match[0].length,
          surface: match[0],
          key: '',
          possessive: false,
          via: pattern === PRONOUN ? 'pronoun' : 'descriptor',
          person: !/^they$/i.test(match[0]),
        });
      }
    }
  }

  /**
   * "the Senate Armed Services Committee" shortened to "Senate Armed Services" or "Armed Services" is the
   * same committee, when the document names exactly one body the short name ends or starts it.
   */
  private linkCommittees(): void {
    const bodies = [...this.entries.values()].filter(
      (e) => !e.existingId && !isPersonKind(e.kind) && e.kind !== 'state' && /\bCommittee$/.test(e.name),
    );
    for (const short of [...this.entries.values()]) {
      if (short.existingId || isPersonKind(short.kind) || short.kind === 'state' || bodies.includes(short))
        continue;
      const words = short.name.replace(/^the /i, '');
      if (!/\s/.test(words)) continue;
      const longer = bodies.filter((b) => ` ${b.name.replace(/ Committee$/, '')} `.includes(` ${words} `));
      if (longer.length !== 1) continue;
      longer[0]!.aliases.add(short.name);
      for (const mention of this.mentions) if (mention.key === short.key) mention.key = longer[0]!.key;
      this.entries.delete(short.key);
    }
  }

  /** "Tren de Aragua (TDA)": an acronym given in brackets after a name is that actor's. */
  private linkAcronyms(): void {
    for (const [i, mention] of this.mentions.entries()) {
      const next = this.mentions[i + 1];
      if (!next || next.key === mention.key || !/^[\p{Lu}.]{2,8}$/u.test(next.surface)) continue;
      if (this.text.slice(mention.end, next.start) !== ' (' || this.text[next.end] !== ')') continue;
      const full = this.entries.get(mention.key);
      const short = this.entries.get(next.key);
      if (!full || !short || short.existingId || isPersonKind(full.kind)) continue;
      full.aliases.add(next.surface);
      for (const m of this.mentions) if (m.key === short.key) m.key = full.key;
      this.entries.delete(short.key);
    }
  }

  /**
   * A person introduced by the state office they hold ("Venezuela's ambassador to the UN, Samuel
   * Moncada") belongs to that state: they speak for it and never oppose it.
   */
  private linkOfficesBefore(): void {
    for (const mention of this.mentions) {
      const entry = this.entries.get(mention.key);
      if (mention.via !== 'name' || !entry || !isPersonKind(entry.kind) || entry.role?.organization) continue;
      const office = STATE_OFFICE_BEFORE.exec(
        this.text.slice(Math.max(0, mention.start - 200), mention.start),
      );
      const country = office?.[1] ?? office?.[2];
      if (country) entry.role = { title: entry.role?.title ?? '', organization: country };
    }
  }

  /** "Tren de Aragua Narcoterrorists", "Sinaloa Cartel members": a group's members, named as the group. */
  private linkMembers(): void {
    const groups = [...this.entries.values()].filter((e) => !isPersonKind(e.kind) && e.kind !== 'state');
    for (const members of groups) {
      const group = groups.find((g) => {
        const prefix = `${g.name.toLowerCase()} `;
        return (
          g !== members &&
          members.name.toLowerCase().startsWith(prefix) &&
          /^\p{L}+s$/iu.test(members.name.slice(prefix.length))
        );
      });
      if (!group || members.existingId) continue;
      group.aliases.add(members.name);
      for (const mention of this.mentions) if (mention.key === members.key) mention.key = group.key;
      this.entries.delete(members.key);
    }
  }

  /**
   * "the administration" and "the White House" are the administration the document names before them
   * (the last one, when it names several), else the one the graph already holds; never a new actor of
   * their own.
   */
  private linkAdministration(): void {
    const isAdministration = (name: string) => / administration$/i.test(name);
    const named = [...this.entries.values()].filter(
      (e) => e.key !== 'name:administration' && isAdministration(e.name),
    );
    const inGraph = [...new Set(this.knownByAlias.values())].filter(
      (a) => isAdministration(a.name) || a.aliases.some(isAdministration),
    );
    const fallback =
      named.length === 1
        ? named[0]
        : named.length === 0 && inGraph.length === 1
          ? this.entry(inGraph[0]!.name, inGraph[0]!.kind, inGraph[0]!.country)
          : undefined;
    for (const key of ['name:administration', 'name:white house']) {
      const generic = this.entries.get(key);
      if (!generic || generic.existingId) continue;
      let linked = false;
      for (const mention of this.mentions) {
        if (mention.key !== generic.key) continue;
        const before = [...this.mentions]
          .reverse()
          .find((m) => m.end <= mention.start && named.some((e) => e.key === m.key));
        const target = (before && this.entries.get(before.key)) ?? fallback;
        if (!target) continue;
        target.aliases.add(key === 'name:administration' ? 'the administration' : generic.name);
        for (const alias of generic.aliases) target.aliases.add(alias);
        target.acts ||= generic.acts;
        mention.key = target.key;
        linked = true;
      }
      if (linked && !this.mentions.some((m) => m.key === generic.key)) this.entries.delete(generic.key);
    }
  }

  /** "Sheinbaum" after (or before) "Claudia Sheinbaum" is the same person. */
  private linkSurnames(): void {
    const people = [...this.entries.values()].filter((e) => !e.existingId && isPersonKind(e.kind));
    const full = people.filter((e) => e.name.includes(' '));
    for (const short of people.filter((e) => !e.name.includes(' '))) {
      // "Persad-Bissessar" or its last part, "Bissessar", is "Kamla Persad-Bissessar".
      // "Lula" is "Luiz Inácio Lula da Silva": a name that goes by one of its later words.
      const long = full.find((e) => {
        const words = e.name.split(' ');
        const surname = words.at(-1)!;
        return (
          surname === short.name ||
          surname.split('-').at(-1) === short.name ||
          words.slice(1).includes(short.name)
        );
      });
      if (!long) continue;
      for (const alias of [short.name, ...short.aliases]) long.aliases.add(alias);
      long.gender ??= short.gender;
      if (short.role && !long.role) long.role = short.role;
      for (const mention of this.mentions) if (mention.key === short.key) mention.key = long.key;
      this.entries.delete(short.key);
    }
  }
}

function parseTerms(text: string): Term[] {
  const terms: Term[] = [];
  for (const sentence of nlp(text).json({ offset: true, terms: { offset: true } }) as CompromiseSentence[]) {
    sentence.terms.forEach((term, index) => {
      // compromise sometimes glues words across a quotation mark ('Times."This'): cut the term there.
      const glued = /["“”]/.exec(term.text);
      terms.push({
        text: glued ? term.text.slice(0, glued.index).replace(/\.$/, '') : term.text,
        pre: term.pre,
        post: glued ? `${term.text.slice(glued.index)}${term.post}` : term.post,
        tags: new Set(term.tags),
        start: term.offset.start,
        end: glued
          ? term.offset.start + term.text.slice(0, glued.index).replace(/\.$/, '').length
          : term.offset.start + term.offset.length,
        sentenceStart: index === 0 || /["“]/.test(term.pre),
      });
    });
  }
  return terms;
}

interface CompromiseSentence {
  terms: {
    text: string;
    pre: string;
    post: string;
    tags: string[];
    offset: { start: number; length: number };
  }[];
}

/** Where a title starts inside a span, when a name follows it; -1 when none does. */
function innerTitleAt(words: string[]): number {
  for (let k = 1; k < words.length - 1; k++) {
    if (
      TITLE_SEQUENCES.some((t) => k + t.length < words.length && t.every((part, n) => words[k + n] === part))
    )
      return k;
  }
  return -1;
}

const MULTI_WORD_COUNTRIES = Object.keys(NATIONALITIES)
  .filter((name) => name.includes(' '))
  .map((name) => name.split(' '));

/** How many terms from `at` spell a country's name of several words, when they do. */
function multiWordCountryAt(terms: readonly Term[], at: number): number | undefined {
  return MULTI_WORD_COUNTRIES.find((words) => words.every((word, k) => terms[at + k]?.text === word))?.length;
}

function isPlaceTerm(term: Term | undefined): boolean {
  return !!term && (term.tags.has('Place') || term.tags.has('Region') || term.tags.has('City'));
}

function isNameTerm(term: Term): boolean {
  if (!/^\p{Lu}/u.test(term.text)) return false;
  // "R-Ark.", "D-Conn.": a legislator's party and state label, not a name.
  if (/^[RDI]-\p{Lu}/u.test(term.text)) return false;
  if (term.tags.has('Person') || term.tags.has('Place') || term.tags.has('Organization')) return true;
  if (TITLE_WORDS.has(term.text.replace(/\.$/, ''))) return true;
  if (term.sentenceStart && FUNCTION_TAGS.some((tag) => term.tags.has(tag))) return false;
  if (NOT_NAMES.has(term.text)) return false;
  return term.tags.has('ProperNoun') || term.tags.has('Acronym') || !term.sentenceStart;
}

function breaksAfter(term: Term, next?: Term): boolean {
  // "Mark T. Esper", "Rep. Jim Himes": an initial's or a title's full stop does not end the name.
  if ((/^\p{Lu}$/u.test(term.text) || TITLE_WORDS.has(term.text)) && /^\.\s$/.test(term.post)) return false;
  // "Mexico's President Claudia Sheinbaum": a country's possessive in front of a title belongs to it.
  if (
    /['’]s$/.test(term.text) &&
    next &&
    NATIONALITIES[stripPossessive(term.text)] &&
    TITLE_WORDS.has(next.text)
  ) {
    return false;
  }
  // A spaced hyphen is a dash: "Mexico City, Mexico - Donald Trump's threat".
  return /[,;:!?()"“”—–]|\.\s|\s-\s/.test(term.post) || /['’]s$/.test(term.text);
}

function stripPossessive(text: string): string {
  return text.replace(/['’]s$/, '');
}

function withoutNationality(name: string): string {
  return normalizeName(name).replace(/^(?:u\.s\.|us|american|mexican|venezuelan|colombian) /, '');
}

export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^the\s+/, '')
    .replace(/'s$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isPersonKind(kind: ActorKind): boolean {
  return kind === 'official' || kind === 'person' || kind === 'expert';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
