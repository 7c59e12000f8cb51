import type { Mention } from './actor-mentions';
import {
  CENSURING_VERBS,
  NEUTRAL_CUE,
  PRAISING_VERBS,
  PROPOSITION_CLASSES,
  PUTS_FORWARD,
  rebuttedClaims,
  scorePolarity,
} from './lexicons';
import type { Sentence, Span } from './text-segments';
import type { Polarity } from '../model/statement-schema';
import { insideQuote, textBetween, textUpTo, textFrom } from './sentence-view';
import { subjectBefore, ownsVerb } from './attribution';
import { verbForms } from './verb-forms';

/**
 * The stance stage: which actors a sentence shows taking a position (stance verbs, passives, conjoined
 * subjects), what side the words take on the proposition, and "but" splitting two positions.
 */
/**
 * Verbs of praise and censure, by lemma and in every form: whoever "lauded" or "lambasted" something
 * takes a side on it whether or not their words are reported.
 */
const EVALUATING_VERBS = [
  'welcome',
  'champion',
  'embrace',
  'favor',
  'favour',
  'resist',
  'veto',
  ...PRAISING_VERBS,
  ...CENSURING_VERBS,
];
/** Stance words that, right after an actor, make the actor the holder of a position. */
export const STANCE_VERB = new RegExp(
  String.raw`\b(?:reject(?:s|ed)?|dismiss(?:es|ed)?|rebuff(?:s|ed)?|brush(?:es|ed)? (?:aside|off)|den(?:y|ies|ied)|push(?:es|ed) back (?:on|against)|oppos(?:e|es|ed)|support(?:s|ed)?|back(?:s|ed)|condemn(?:s|ed)?|denounc(?:e|es|ed)|criticiz(?:e|es|ed)|slam(?:s|med)?|(?:is|are|was|were) (?:considering|weighing|planning)|consider(?:s|ed)?|refus(?:es|ed) to rule out|(?:does|did|do) not want to rule out|rul(?:es|ed) out|vot(?:e|es|ed|ing)(?: \d+\s*[-–]\s*\d+)? (?:for|against|to|in favou?r)|forc(?:e|es|ed|ing) (?:a |the )?(?:\w+ )?vote|(?:co-)?sponsor(?:s|ed)|introduc(?:es|ed)|endors(?:e|es|ed)|propos(?:e|es|ed)|float(?:s|ed)? (?:the |an? )?(?:idea|possibility|prospect|option) of|(?:is|are|was|were|remains?) committed to|want(?:s|ed)? to|(?:has|have) (?:greatly )?expanded|threaten(?:s|ed) to|vow(?:s|ed) to|call(?:s|ed) for|demand(?:s|ed) (?:that|to|an?|the)|declar(?:es|ed) (?:the |a |an )?\w+(?: \w+)? (?:a|an) (?:threat|enemy|terrorist)|approv(?:e|es|ed)|authoriz(?:e|es|ed)|accus(?:e|es|ed)|defend(?:s|ed)|expressed|voic(?:es|ed)|(?:will|would) not (?:tolerate|accept|allow)|${verbForms(EVALUATING_VERBS).join('|')})\b`,
  'gi',
);

/**
 * "will continue fighting them in “collaboration” with the United States, but will not tolerate foreign
 * interference": a contrastive "but" after the cue joins two positions of opposite sign, each with its own
 * quote; kept whole when the two halves do not disagree.
 */
export function contrastedParts<T extends { content: string; quote?: Span; cueAt: number }>(
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
export const EVALUATING_RELATIVE =
  /,\s*which\s+(?:\p{Lu}[\p{L}-]+|he|she|they)\s+(?:called|calls|described as|describes as|labell?ed|termed|branded|deemed)\s+/u;

export function findStanceSubjects(sentence: Sentence, named: Mention[]): { key: string; cueAt: number }[] {
  const found: { key: string; cueAt: number }[] = [];
  const rebutted = rebuttedClaims(sentence.text);
  for (const match of [...sentence.text.matchAll(STANCE_VERB), ...sentence.text.matchAll(PUTS_FORWARD)]) {
    const at = sentence.start + match.index;
    if (insideQuote(sentence, { start: at, end: at + match[0].length })) continue;
    // "rejected the claim that Venezuela supports ...": a claim someone rebuts is no position of its subject.
    if (rebutted.some((claim) => claim.start <= match.index && match.index < claim.end)) continue;
    // "giving financial support", "the backing of": a stance word used as a noun is nobody's verb.
    if (NOUN_BEFORE.test(textUpTo(sentence, at))) continue;
    // "the resolution, which was introduced by Senator Tim Kaine": a passive's agent holds the stance.
    const verbEnd = at + match[0].length;
    if (
      /\b(?:was|were|been|being|is|are)\s+$/.test(textUpTo(sentence, at)) &&
      /^\s+by\b/.test(textFrom(sentence, verbEnd))
    ) {
      const agent = named.find((m) => m.start > verbEnd && m.start - verbEnd <= 40);
      if (agent) found.push({ key: agent.key, cueAt: at });
      continue;
    }
    let subject = subjectBefore(sentence, named, at);
    if (!subject || !ownsVerb(sentence, subject, at)) continue;
    // "did not reject the criticism": the negation before the verb is part of the position it takes.
    const negation = NEGATED_VERB.exec(textBetween(sentence, subject.end, at));
    found.push({ key: subject.key, cueAt: negation ? at - negation[0].length : at });
    // "Rand Paul and Lisa Murkowski joined Democrats in voting for ...": those who joined take the stance too.
    const joined = /\bjoin(?:s|ed)?\s+(?:\w+\s+){0,2}$/.exec(textUpTo(sentence, subject.start));
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
export const NEGATED_VERB =
  /\b(?:(?:do|does|did|has|have|had|will|would|could|can|is|are|was|were)\s+(?:not|never)|\w+n['’]t|never|no longer)\s+$/i;

export const NOUN_BEFORE =
  /\b(?:giving|give|gives|gave|provid\w+|offer\w*|financial|military|political|public|popular|full|strong|broad|bipartisan|the|a|an|its|their|his|her|our|of|for)\s+$/i;

export function judgePolarity(content: string): { polarity: Polarity; strength: number } | undefined {
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
