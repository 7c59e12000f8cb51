import type { ActorKind } from '../model/actor-schema';
import type { RelationType } from '../model/relation-vocabulary';
import { CAPITALS, CONTRABAND_AND_CRIME, COUNTRY_CODES, CRIMINAL_GROUP_WORDS } from './gazetteer';
import { verbForms } from './verb-forms';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The word lists the rules extractor reasons with. They describe how English news reports speech,
 * stance and interaction in general; none of them is tied to one article.
 */

/**
 * Verbs that introduce what an actor said or holds, in the forms news reports them in. The infinitives,
 * gerunds and most present forms of further verbs are left out: they are nouns as often as verbs ("his
 * comments", "a promise", "the demands") or open participle clauses ("highlighting the border").
 */
const SAYING_FORMS = [
  'said',
  'says',
  'say',
  'saying',
  'told',
  'tells',
  'tell',
  'added',
  'adds',
  'warned',
  'warns',
  'warning',
  'stated',
  'states',
  'insisted',
  'insists',
  'argued',
  'argues',
  'explained',
  'explains',
  'noted',
  'notes',
  'wrote',
  'writes',
  'posted',
  'tweeted',
  'tweets',
  'denounced',
  'condemned',
  'lamented',
  'protested',
  'declared',
  'declares',
  'announced',
  'announces',
  'stressed',
  'stresses',
  'emphasized',
  'emphasised',
  'maintained',
  'maintains',
  'asserted',
  'asserts',
  'claimed',
  'claims',
  'acknowledged',
  'reiterated',
  'reiterates',
  'vowed',
  'vows',
  'urged',
  'urges',
  'replied',
  'responded',
  'continued',
  'commented',
  'recalled',
  'predicted',
  'cautioned',
  'complained',
  'questioned',
  'asked',
  'called',
  'calls',
  'calling',
  'described',
  'describes',
  // A sentence may open with it: "According to Senator Tim Kaine, ...".
  '[Aa]ccording to',
];
/**
 * Further verbs of saying, by lemma, matched in their past tense: "contended", "countered", "pointed out".
 * None whose past is mostly an adjective in news: "alleged drug boats", "repeated strikes".
 */
const SAYING_VERBS_IN_PAST = [
  'contend',
  'counter',
  'retort',
  'remark',
  'observe',
  'suggest',
  'admit',
  'concede',
  'affirm',
  'reaffirm',
  'confirm',
  'underline',
  'underscore',
  'highlight',
  'point out',
  'promise',
  'pledge',
  'plead',
  'demand',
];
export const SPEECH_VERB = new RegExp(
  String.raw`\b(?:${[...SAYING_FORMS, ...verbForms(SAYING_VERBS_IN_PAST, ['past'])].join('|')})\b`,
  'g',
);

/** Words that make a sentence a position rather than a report of facts, with the direction they point. */
/**
 * Verbs of censure and praise, by lemma: a stance toward what they are said of ("lambasted the strikes")
 * and a relation toward whom ("lambasted Petro", "lauded Trump").
 */
export const CENSURING_VERBS = [
  'criticize',
  'criticise',
  'slam',
  'condemn',
  'blast',
  'denounce',
  'rebuke',
  'censure',
  'decry',
  'deplore',
  'lambast',
  'assail',
  'excoriate',
  'castigate',
  'chastise',
  'berate',
  'deride',
  'repudiate',
];
export const PRAISING_VERBS = ['praise', 'commend', 'laud', 'applaud', 'hail'];

/** Verbs of support, by lemma, matched in every form. */
const SUPPORT_VERBS = [
  'support',
  'endorse',
  'favor',
  'favour',
  'welcome',
  'approve',
  'agree',
  'cooperate',
  'coordinate',
  'collaborate',
  'consider',
  'weigh',
  'want',
  'seek',
  'authorize',
  'authorise',
  'defend',
  'justify',
  'vow',
  'pledge',
  'accept',
  'tolerate',
  'propose',
  'enforce',
  'uphold',
  'reassert',
  'champion',
  'embrace',
  ...PRAISING_VERBS,
];
/**
 * Support words kept to the forms that carry it: "back" and "plans" but no "plan" (a noun), "ordered"
 * but no "order" ("an executive order"), "threatens" but no "threatening" (a description), "escalate" but
 * no "escalation" (a danger).
 */
const SUPPORT_WORDS = [
  'back',
  'backs',
  'backed',
  'backing',
  'cooperation',
  'collaboration',
  'plans',
  'planning',
  'sought',
  'ordered',
  'orders',
  'necessary',
  'legal',
  'lawful',
  'insisted',
  'resolve',
  'demanded',
  'demands',
  'demand',
  'continue',
  'expand',
  'expanded',
  'escalate',
  'threatened',
  'declared',
  'declares',
  'threatens',
  'threaten',
  'introduced',
  'sponsored',
  'proposal',
  // "not convinced that a resolution was needed" doubts it.
  'convinced',
  // What an act is done with: "without Mexico's consent" (a negator before it) refuses the act.
  'consent',
  'permission',
  'authorization',
  'approval',
];
const SUPPORT_CUES = [...verbForms(SUPPORT_VERBS), ...SUPPORT_WORDS];
// "put forward a resolution", "sent a proposed constitutional amendment to Congress": a measure put
// forward is a measure supported.
export const PUTS_FORWARD =
  /\b(?:put(?:s|ting)? forward|(?:sent|sends|submitted|submits|presented|presents|unveiled|unveils|filed|files|refiled?|refiles|introduced|introduces) (?:a|an|the|her|his|their) (?:[\w-]+ ){0,2}(?:amendment|bill|resolution|reform|proposal|plan|initiative|measure|legislation))\b/gi;

/** Verbs of opposition, by lemma, matched in every form. */
const OPPOSE_VERBS = ['reject', 'oppose', 'violate', 'resist', 'veto', ...CENSURING_VERBS];
/** Words of opposition that are no verbs, or whose other forms say something else ("ending", "limits"). */
const OPPOSE_WORDS = [
  'opposition',
  'illegal',
  'unlawful',
  'unconstitutional',
  'unacceptable',
  'impermissible',
  'unjustified',
  'unjustifiable',
  'indefensible',
  'inhumane',
  'unconscionable',
  'abhorrent',
  'devastating',
  'detrimental',
  'disastrous',
  'dangerous',
  'reckless',
  'mistake',
  'pretext',
  'unauthorized',
  'unauthorised',
  'illegitimate',
  'unprovoked',
  'violation',
  'invade',
  'invading',
  'murder',
  'murdered',
  'piracy',
  'extrajudicial',
  'interference',
  'intervention',
  'meddling',
  'invasion',
  'subordinate',
  'subordination',
  'interventions',
  'overreach',
  'outcry',
  'disturbing',
  'troubling',
  'troubled',
  'worry',
  'worries',
  'worried',
  'worrying',
  'shocking',
  'shock',
  'horrific',
  'appalling',
  'outrageous',
  'atrocity',
  'atrocities',
  'crimes',
  'lawless',
  'executions',
  'colony',
  'aggression',
  'hostile',
  'concern',
  'concerns',
  'concerned',
  'alarm',
  'alarmed',
  'blocked',
  'block',
  'halt',
  'end',
  'stop',
  'limit',
  'restrict',
  'refuse',
];
const OPPOSE_CUES = [...verbForms(OPPOSE_VERBS), ...OPPOSE_WORDS];

/** Words for something imposed on a country; denying them ("does not subordinate itself") opposes them. */
const IMPOSITIONS: ReadonlySet<string> = new Set([
  'interference',
  'intervention',
  'interventions',
  'meddling',
  'invasion',
  'subordination',
  'subordinate',
  'violation',
  'violations',
  'aggression',
]);

/** Verbs by which an actor rebuts what others say: rejecting, dismissing, denying. */
const REBUTTING = String.raw`(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|rebuff(?:s|ed|ing)?|brush(?:es|ed|ing)? (?:aside|off)|push(?:es|ed|ing)? back (?:on|against)|den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|deflect(?:s|ed|ing)?)`;
/**
 * What a rebuttal rebuts, after its determiners ("the", "all", "such", "growing") and whose it is
 * ("Secretary of State Marco Rubio's criticism", "Democrats' concerns").
 */
const REBUTTED_DETERMINERS = String.raw`(?:the\s+|all\s+|any\s+|such\s+|this\s+|that\s+|those\s+|these\s+|growing\s+|international\s+|widespread\s+)*(?:(?:[^\s;,'’]+\s+){0,4}?[^\s;,'’]+(?:['’]s|s['’])\s+)?`;
/** Nouns that find fault: whatever they are about, rebutting them defends it. */
export const CRITICAL_NOUNS = String.raw`criticism|criticisms|condemnation|accusations?|allegations?|charges?|complaints?|concerns?|objections?`;
const CRITICAL_NOUN = new RegExp(`^(?:${CRITICAL_NOUNS})$`, 'i');
/** Who voiced what is rebutted: "criticism from Colombian President Gustavo Petro". */
const VOICED_BY = String.raw`(?:\s+(?:from|by)\s+[^,.;]{1,60}?)?`;

/**
 * Rebutting a criticism of something defends it: "rejected the criticism of the strikes", "dismissed
 * criticism from Petro over the boat strikes". The criticism's own words are the critic's, not the actor's;
 * the whole phrase reads as "defended".
 */
const REBUTTED_CRITICISM = new RegExp(
  String.raw`\b${REBUTTING}\s+${REBUTTED_DETERMINERS}(?:${CRITICAL_NOUNS}|claims?)${VOICED_BY}\s+(?:of|over|about|surrounding|against)\b[^.;]*`,
  'g',
);

/**
 * What a rebutted criticism is about, in place of the criticism: "rejected Rubio's criticism of the peace
 * talks" reads "rejected the peace talks" for the question it is on (its side is scorePolarity's).
 */
export function rebuttedSubject(clause: string): string {
  return clause.replace(REBUTTED_FRAME, '$1 ');
}
const REBUTTED_FRAME = new RegExp(
  String.raw`\b(${REBUTTING})\s+${REBUTTED_DETERMINERS}(?:${CRITICAL_NOUNS}|claims?)${VOICED_BY}\s+(?:of|over|about|surrounding|against)\s+`,
  'i',
);

/**
 * Rebutting a claim that P takes the side against P: "rejected the claim that the strikes were illegal"
 * stands for the strikes, "denied allegations that the government backed the coup" against backing it.
 * The claim's words are someone else's, so what they say is scored and turned around; a fault-finding
 * claim whose words take no side ("dismissed accusations that the boats carried fishermen") is still
 * rebutted in the actor's favour, a plain claim with no side of its own says nothing.
 */
const REBUTTED_CLAIM = new RegExp(
  String.raw`\b${REBUTTING}\s+${REBUTTED_DETERMINERS}(${CRITICAL_NOUNS}|claims?|assertions?|suggestions?|reports?|notion|idea|contention|narrative)${VOICED_BY}\s+that\b([^.;]*)`,
  'gi',
);

/**
 * Where a sentence's rebutted claims lie, as offsets into it: "rejected the claim that <Venezuela supports
 * drug trafficking>". Their words are the claim's, so no verb in them is a position or an act of the actor
 * they name.
 */
export function rebuttedClaims(text: string): { start: number; end: number }[] {
  return [...text.matchAll(REBUTTED_CLAIM)].map((match) => ({
    start: match.index + match[0].length - match[2]!.length,
    end: match.index + match[0].length,
  }));
}

/**
 * Accusing someone of an act condemns the act, whatever the act's own words say: "accused Petro of
 * supporting drug traffickers" is against supporting them, not for it (the accuser opposes what they
 * attribute to the accused; the accuses relation records whom). A denied or negated accusation ("denied
 * accusing", "did not accuse") condemns nothing, and neither does one whose accused is gapped ("boats
 * accused of carrying drugs": the sentence's speaker is no accuser). The act runs to the end of its clause.
 */
const ACCUSED_OF =
  /\b(?:accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing))\s+(?!(?:of|for)\b)(?:[^\s.;,]+\s+){1,8}?(?:of|for)\s+[^.;,]*?(?=[.;,]|\s+(?:and|but)\s+(?:has|have|had|is|are|was|were|will|would|said|says)\b|$)/g;
const DENIED_BEFORE = /\b(?:not|never|\w+n['’]t|den(?:y|ies|ied|ying))\s+(?:\w+\s+)?$/;

/**
 * An act said to threaten or endanger something is opposed by whoever says so: "warned that the
 * deployment threatens the region", "the naval buildup poses a threat to peace". The subject is an act,
 * not an actor: "Trump threatened to strike" still stands for the strike.
 */
const ACT_THREATENS =
  /\b(?:deployments?|strikes?|attacks?|actions?|presence|operations?|build-?ups?|escalation|interventions?|incursions?|policy|policies|campaign|bombings?|raids?|militari[sz]ation|manoeuvres|maneuvers|exercises)\s+(?:\w+\s+){0,2}?(?:threaten(?:s|ed)?|endanger(?:s|ed)?|jeopardi[sz](?:e|es|ed)|destabili[sz](?:e|es|ed)|undermin(?:e|es|ed)|put(?:s)? at risk|pos(?:e|es|ed) (?:an? |the )?(?:\w+ )?(?:threat|danger|risk))\b/gi;

/**
 * Whoever or whatever is said to threaten peace, the region or lives is opposed by whoever says so: "warned
 * that the United States is threatening peace in the Caribbean", "could undermine peace in the Americas".
 * Only a common good as the object: threatening the cartels, or threatening to strike, stands for the act,
 * and national security is what a government invokes against its targets. The noun ("a threat to the lives
 * of others") is left out: whose threat it is, and whether it is denied, the words do not say.
 */
const ENDANGERS_COMMON_GOOD =
  /\b(?:threaten(?:s|ed|ing)?|endanger(?:s|ed|ing)?|jeopardi[sz](?:e|es|ed|ing)|destabili[sz](?:e|es|ed|ing)|undermin(?:e|es|ed|ing))\s+(?:the\s+)?(?:\w+\s+)?(?:peace|stability|region|sovereignty|lives|democracy)\b/gi;

/** "rule out" is itself a refusal: ruling an option out opposes it, refusing to rule it out keeps it. */
const OPPOSE_PHRASES: [RegExp, number][] = [
  [/\brul(?:e|es|ed|ing) out\b/gi, -1],
  // A tally may stand between the vote and its side: "voted 49-51 against".
  [
    /\b(?:vot(?:e|es|ed|ing)(?: \d+\s*[-–]\s*\d+)?|(?:is|are|was|were|came out|spoke out|speak out|stood|stand)) against\b/gi,
    -1.5,
  ],
  [
    /\b(?:vot(?:e|es|ed|ing))(?: \d+\s*[-–]\s*\d+)? (?:for|in favou?r of|to (?:advance|pass|approve|force))\b/gi,
    1.5,
  ],
  [/\bcall(?:s|ed|ing)? (?:for|on)\b/gi, 1],
  [PUTS_FORWARD, 1],
  [/\b(?:is|are|am|were|was) going to (?:start|begin|keep|continue)\b/gi, 1],
  [/\bforc(?:e|es|ed|ing) (?:a |the )?(?:\w+ )?vote\b/gi, 1.5],
  [/\b(?:not|isn't|is not) (?:a|the) (?:military|right) (?:problem|tool|answer|solution)\b/gi, -1.5],
  // Saying a thing will not happen refuses it; saying it will happen again, or go on, stands by it.
  [
    /\b(?:(?:is|are|was|were)\s+)?(?:not|never) going to happen\b|\b(?:will|would) (?:not|never) happen\b|\bwon't happen\b/gi,
    -1.5,
  ],
  [/\bwill (?:happen|continue|go on|keep going)(?: again)?\b/gi, 1],
  // Announcing what one will do stands by it: "said he would hit the cartels on land", "we will hunt them".
  [
    /\b(?:we|i|he|she)\s+(?:will|would|shall|(?:is|are|am) going to)\s+(?:\w+\s+)?(?:hit|strike|attack|bomb|target|pursue|hunt|destroy|eliminate|take out|go after|step up|expand)\b/gi,
    1,
  ],
  [
    /\bwill (?:carry out|conduct|launch|keep up) (?:more|further|new|additional) (?:strikes|attacks|operations|raids)\b/gi,
    1,
  ],
  [/\bnon-?starter\b|\bout of the question\b|\bred line\b/gi, -1.5],
  // Naming an act a war crime condemns it; "not the way" to do something refuses the means.
  [/\bwar crimes?\b/gi, -2],
  [/\bnot the (?:right )?(?:way|answer|solution|approach)\b/gi, -1.5],
  // Standing by an act: "just the beginning", "made the right call".
  [/\b(?:just|only) the beginning\b|\bthe right (?:call|thing|decision|move)\b/gi, 1],
  [ACT_THREATENS, -2],
  [ENDANGERS_COMMON_GOOD, -2],
  // Calling an action part of one's own effort defends it: "argued the operations are part of anti-drug
  // and counter-terrorism efforts", "defended them as part of his campaign".
  [
    /\bpart of (?:a |an |the |its |their |his |her |our )?(?:[\w-]+ ){0,4}(?:efforts?|campaign|strategy|fight|war|mission)\b/gi,
    1,
  ],
  // Willingness and approval in the first person: "It's OK with me", "I'd be proud to do it".
  [
    /\b(?:(?:is|it's|it is|that's|that is) (?:ok|okay|fine|good) with (?:me|us))\b|\b(?:proud|happy|glad|willing|ready|prepared) to\b/gi,
    1,
  ],
  // Putting an option forward: "floated the idea of bombing", "urged the U.S. to maintain".
  [
    /\bfloat(?:s|ed|ing)? (?:the |an |a )?(?:idea|possibility|prospect|option|plan) of\b|\burg(?:e|es|ed|ing)\b(?! (?:\w+ )?(?:not to|against))|\b(?:is|are|was|were|remain|remains) committed to\b/gi,
    1,
  ],
];

/**
 * The kinds of proposition conflict reporting argues about, each named by the nouns and verbs that head
 * it. A position belongs to the class whose word comes first in what the actor is said to hold: "reject
 * any form of interference" is about sovereignty, "voted against the resolution" about the measure, not
 * about the strikes the measure would limit. Generic to security and foreign-policy news, not to a story.
 */
/**
 * The classes of proposition a position can be about, each with the word patterns that name it and the
 * title its topic takes when the words around the match are a verb ("will coordinate", "cooperates").
 */
export const PROPOSITION_CLASSES: { name: string; title: string; pattern: RegExp }[] = [
  {
    name: 'legislation',
    title: 'Legislation',
    pattern: /\b(?:resolutions?|measures?|bills?|legislation|amendments?|war powers|vote|votes|voting)\b/i,
  },
  {
    name: 'investigation',
    title: 'Investigation',
    pattern: /\b(?:investigat\w*|inquir(?:y|ies)|probes?|hearings?|oversight|accountab\w*|review of)\b/i,
  },
  {
    name: 'designation',
    title: 'Terrorist designation',
    pattern: /\b(?:designat\w*|terrorist (?:organi[sz]ations?|groups?)|FTOs?|blacklist\w*)\b/i,
  },
  {
    name: 'sovereignty',
    title: 'National sovereignty',
    pattern:
      /\b(?:interference|interven\w*|meddl\w*|inva(?:de|sion|ding)|sovereign\w*|subordinat\w*|colony)\b/i,
  },
  {
    name: 'cooperation',
    title: 'Cooperation',
    pattern: /\b(?:cooperat\w*|co-operat\w*|collaborat\w*|coordinat\w*|dialogue|partnership|joint)\b/i,
  },
  {
    name: 'surveillance',
    title: 'Surveillance',
    pattern: /\b(?:surveillance|reconnaissance|spy\w*|intelligence[- ]gathering)\b/i,
  },
  {
    // What kind of problem it is, and so which instrument fits: a question of its own, argued apart from
    // any one strike ("It's not a military problem. It's more of a law enforcement problem.").
    name: 'approach',
    title: 'Approach to the problem',
    pattern:
      /\b(?:military|law[- ]enforcement|police|policing|security|diplomatic|political|public[- ]health) (?:problem|issue|solution|approach|answer|tool|option|response|matter)s?\b|\bright tool\b/i,
  },
  {
    name: 'military action',
    title: 'Military action',
    pattern:
      /\b(?:strikes?|struck|striking|hit|hits|hitting|attacks?|attacked|air ?strikes?|bomb\w*|drones?|missiles?|military|kinetic|raids?|deploy\w*|troops|operations?|incursions?|boats?|vessels?)\b/i,
  },
];

/**
 * Signals that an actor declines to commit either way: an option left "on the table", a possibility not
 * ruled out ("has not dismissed the possibility of deploying troops" keeps it open, decides nothing).
 */
export const NEUTRAL_CUE =
  /\b(?:(?:all )?options? (?:are |is |will be |remain )?on the table|(?:(?:has|have|had|did|does|do) not|(?:has|have|had|did|does|do)n['’]t) (?:dismissed|dismiss|ruled out|rule out|excluded|exclude) the (?:possibility|option|prospect)|no decision (?:has|had) been made|declined to comment|remains to be seen|(?:did|does|do) not (?:say|comment))\b/i;

/** Words that turn the cue after them around. */
const NEGATORS = new Set([
  'not',
  "n't",
  'no',
  'never',
  'nothing',
  'neither',
  'nor',
  'without',
  'refuses',
  'refused',
  'refuse',
  'refusing',
  'cannot',
  "won't",
  "don't",
  "doesn't",
  "didn't",
  'against',
  'stop',
  'end',
  'halt',
  'block',
  'blocked',
  // "failed to justify the strikes": a verb that entails its complement did not happen.
  'fail',
  'fails',
  'failed',
  'failing',
]);

/** Words that make a stance tentative: they lower intensity and confidence, not direction. */
export const HEDGES =
  /\b(?:could|may|might|would|reportedly|apparently|allegedly|is said to|are said to|considering|weighing|possibly|perhaps|conceivable)\b/i;

export const INTENSIFIERS =
  /\b(?:categorically|never|under any circumstances|absolutely|strongly|firmly|totally|completely|any form|any kind)\b/i;

const CUE_WEIGHTS = new Map<string, number>([
  ...SUPPORT_CUES.map((w): [string, number] => [w, 1]),
  ...OPPOSE_CUES.map((w): [string, number] => [w, -1]),
]);
// Strong stance verbs outweigh the softer evaluative words around them.
for (const strong of [
  'reject',
  'rejects',
  'rejected',
  'oppose',
  'opposes',
  'opposed',
  'condemned',
  'condemn',
  'condemns',
  'denounced',
  'support',
  'supports',
  'supported',
  'defend',
  'defends',
  'defended',
  'endorsed',
])
  CUE_WEIGHTS.set(strong, 2 * Math.sign(CUE_WEIGHTS.get(strong)!));

const PROPOSES_BY_ASKING =
  /(?<!\b(?:was|were|been|being|is|are|am)\s+)\b(?:asked|asks|ask|asking)\b(?:\s+[^\s,;]+){0,8}?\s+(?:whether|if)\s+(?:[^\s,;]+\s+){0,4}(?:could|can|might|should)\b/i;
const FIGHTING_CRIME = new RegExp(
  String.raw`\b(?:stop(?:ping)?|fight(?:ing)?|combat(?:ting|ing)?|curb(?:ing)?|tackl(?:e|ing)|halt(?:ing)?|reduc(?:e|ing)|prevent(?:ing)?|block(?:ing)?|end(?:ing)?|dismantl(?:e|ing))\s+(?:the\s+)?(?:flow\s+of\s+)?(?:[\w-]+\s+){0,2}?(?:${CONTRABAND_AND_CRIME.join('|')})\b`,
  'g',
);
const MEASURE_CONTENT =
  /\b((?:resolutions?|measures?|bills?|legislation|amendments?|reforms?|proposals?)\b[^.;,]*?)\s*,?\s*\b(?:that|which|seeking|aimed|aiming|designed|intended|meant)\b[^.;,]*/g;
const ILLEGAL_THINGS =
  /\b(?:illegal|illicit|unlawful)\s+(?=(?:drugs?|narcotics|substances|immigra\w*|migra\w*|aliens|entr(?:y|ies)|crossings?|weapons|arms|guns|firearms|mining|logging|fishing|trade|trafficking)\b)/g;

interface PolarityScore {
  support: number;
  oppose: number;
}

/**
 * Scores a passage for support and opposition. A cue preceded (within four words) by a negator counts
 * the other way, so "will not accept" opposes and "refuses to rule out" supports.
 */
export function scorePolarity(text: string): PolarityScore {
  const score = { support: 0, oppose: 0 };
  // Asking whether something could be done puts it on the table: "asked his Secretary of Defense whether
  // missiles could be fired". Being asked ("was asked whether") commits to nothing.
  if (PROPOSES_BY_ASKING.test(text)) score.support += 1;
  // An indirect question ("to determine whether war crimes were committed") asserts none of its words.
  const lower = text
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\bwhether\b[^;]*/g, ' ')
    // "illegal drugs", "illegal immigration": names of contraband and offences, not a judgement.
    .replace(ILLEGAL_THINGS, ' ')
    // "to stop the flow of fentanyl": fighting drugs and crime is everyone's stated aim, never the question.
    .replace(FIGHTING_CRIME, ' ')
    // "a resolution seeking to halt the strikes", "an amendment that says the people reject ...": what a
    // measure would do is its content; the actor's stance is what they do with the measure.
    .replace(MEASURE_CONTENT, '$1')
    .replace(REBUTTED_CLAIM, (_whole, noun: string, claim: string) => {
      const said = scorePolarity(claim);
      if (said.support > said.oppose) return ' rejected ';
      if (said.oppose > said.support || CRITICAL_NOUN.test(noun)) return ' defended ';
      return ' ';
    })
    .replace(REBUTTED_CRITICISM, ' defended ')
    .replace(ACCUSED_OF, (_act: string, at: number, whole: string) =>
      DENIED_BEFORE.test(whole.slice(0, at)) ? ' ' : ' condemned ',
    );
  const tokens = lower.match(/[a-z]+(?:n't|'t)?|n't/g) ?? [];
  const add = (weight: number, negated: boolean) => {
    const value = negated ? -weight : weight;
    if (value > 0) score.support += value;
    else score.oppose -= value;
  };
  const phraseTokens = new Set<number>();
  for (const [pattern, weight] of OPPOSE_PHRASES) {
    for (const match of lower.matchAll(pattern)) {
      const before = lower.slice(0, match.index).match(/[a-z]+(?:n't|'t)?/g) ?? [];
      add(weight, isNegated(before, before.length));
      const index = before.length;
      for (let i = 0; i < (match[0].match(/[a-z]+/g)?.length ?? 1); i++) phraseTokens.add(index + i);
    }
  }
  tokens.forEach((token, i) => {
    if (phraseTokens.has(i)) return;
    const weight = CUE_WEIGHTS.get(token);
    if (weight === undefined) return;
    // A negator that is itself a cue ("stop", "end", "refuse") only flips what follows it. A noun naming
    // an imposition is rejected whatever negates it: "no interference", "never invasion".
    add(weight, !IMPOSITIONS.has(token) && isNegated(tokens, i));
  });
  return score;
}

function isNegated(tokens: readonly string[], index: number): boolean {
  let flips = 0;
  for (let j = Math.max(0, index - 4); j < index; j++) {
    const token = tokens[j]!;
    if (NEGATORS.has(token) || token.endsWith("n't")) flips += 1;
  }
  return flips % 2 === 1;
}

/** Verbs that relate one actor to another, in the relation vocabulary. */
export const RELATION_VERBS: [RegExp, RelationType][] = [
  [/\bwarn(?:s|ed|ing)?\b/gi, 'warns'],
  [/\bthreat(?:en|ens|ened|ening)\b/gi, 'threatens'],
  // Weighing, floating or ordering an attack on someone threatens them: "considering a drone attack on
  // Mexico's cartels", "floated the idea of bombing Mexico's drug cartels", "would authorize an attack on".
  [
    /\b(?:consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|plan(?:s|ned|ning)?|float(?:s|ed|ing)? (?:the |an? )?(?:idea|possibility|prospect|option) of|vow(?:s|ed)? to|propos(?:e|es|ed|ing)|authori[sz](?:e|es|ed|ing)|order(?:s|ed|ing)?)\b(?=\s+(?:an? |the )?(?:\S+ ){0,2}(?:strikes?|attacks?|bombing|bomb|air ?strikes?|military action|invasion|invading|striking|attacking|hitting)\b)/gi,
    'threatens',
  ],
  // Dismissing what someone said of one rejects them: "dismissed criticism from Rubio", "rebuffed Petro's claims".
  [
    /\breject(?:s|ed|ing)?\b|\b(?:dismiss(?:es|ed|ing)?|rebuff(?:s|ed|ing)?|brush(?:es|ed|ing)? (?:aside|off))\b(?=\s+(?:\S+\s+){0,4}?(?:criticism|claims?|accusations?|allegations?|charges?|complaints?|concerns?|objections?|condemnation)\b)/gi,
    'rejects',
  ],
  [/\baccus(?:e|es|ed|ing)\b/gi, 'accuses'],
  [
    new RegExp(
      String.raw`\b(?:${verbForms(CENSURING_VERBS).join('|')}|faults|faulted|blames|blamed)\b`,
      'gi',
    ),
    'criticizes',
  ],
  [
    /\b(?:cooperat|coordinat|collaborat)(?:e|es|ed|ing) with\b|\bwork(?:s|ed|ing)? (?:closely )?with\b/gi,
    'cooperates_with',
  ],
  // Authorizing an attack on someone is no authorization of them: that is the threat below.
  [
    /\b(?:authori[sz](?:e|es|ed|ing)|gave (?:the )?(?:green light|approval) to)\b(?!\s+(?:an? |the )?(?:\S+ ){0,2}(?:strikes?|attacks?|bombing|air ?strikes?|military action|invasion)\b)/gi,
    'authorizes',
  ],
  [
    /\bsanction(?:s|ed|ing)?\b|\bdesignat(?:e|es|ed|ing)\b|\bdecertif(?:y|ies|ied|ying)\b|\brevok(?:e|es|ed|ing)\b|\bblacklist(?:s|ed|ing)?\b/gi,
    'sanctions',
  ],
  [
    /\b(?:struck|attacked|bombed|fired (?:missiles )?(?:at|on)|(?:launched|conducted|carried out) (?:an? )?(?:\w+ ){0,2}(?:strikes?|attacks?) (?:on|against))\b/gi,
    'attacks',
  ],
  [
    /\bdeclar(?:e|es|ed|ing)\b(?=(?: \w+){1,4} (?:a|an) (?:threat|enemy|terrorist))|\btarget(?:s|ed|ing)?\b|\bcaptur(?:e|ed|es|ing)\b|\binvestigat(?:e|es|ed|ing)\b/gi,
    'targets',
  ],
  [/\b(?:fight(?:s|ing)?|fought|combat(?:s|ting|ing)?|crack(?:s|ed|ing)? down on)\b/gi, 'targets'],
  [
    /\bpressur(?:e|es|ed|ing)\b|\bdemand(?:s|ed|ing)?\b(?:\s+\w+){0,3}\s+from\b|\bdemand(?:s|ed|ing)?\s+that\b|\b(?:cut(?:s|ting)?(?: off)?|end(?:s|ed|ing)?|suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|withh[eo]ld(?:s|ing)?) (?:all |its |their )?(?:[\w.-]+ ){0,2}?aid to\b|\b(?:press(?:es|ed|ing)?|ask(?:s|ed|ing)?)\b(?=\s+(?:[\w.,’'-]+\s+){1,6}?for (?:an? |the )?(?:explanations?|answers|evidence|information|clarification|details)\b)/gi,
    'pressures',
  ],
  [/\bcall(?:s|ed|ing)\b(?=(?:\s+\p{Lu}[\p{L}-]+)+\s+["“]?(?:a|an|the)\s)/giu, 'accuses'],
  [new RegExp(String.raw`\b(?:${verbForms(PRAISING_VERBS).join('|')}|thanks|thanked)\b`, 'gi'), 'praises'],
  [
    /\bsupport(?:s|ed|ing)?\b|\bback(?:s|ed|ing)\b|\bendors(?:e|es|ed)\b|\bsid(?:e|ed) with\b|\b(?:st(?:an|oo)d(?:s|ing)?|standing) by\b|\bdefend(?:s|ed|ing)?\b/gi,
    'supports',
  ],
  [/\boppos(?:e|es|ed|ing)\b/gi, 'opposes'],
  [/\bnegotiat(?:e|es|ed|ing) with\b|\btalks? with\b|\bmet with\b/gi, 'negotiates_with'],
  [/\breport(?:s|ed)?\b|\bcit(?:es|ed|ing)\b|\bpoints? out\b/gi, 'reports_on'],
];

/** Nouns for the same interactions: "threats from A to B", "strikes by A on B", "A's designation of B". */
export const RELATION_NOUNS: [RegExp, RelationType][] = [
  [/\bdesignations?\b/gi, 'sanctions'],
  [/\bthreats?\b/gi, 'threatens'],
  [/\bwarnings?\b/gi, 'warns'],
  [/\bcriticism\b/gi, 'criticizes'],
  [/\baccusations?\b/gi, 'accuses'],
  [/\bpressure\b|\bjolt\b|\bdemands\b/gi, 'pressures'],
  [/\b(?:strikes?|attacks?)\b/gi, 'attacks'],
  [/\b(?:discussions?|talks|cooperation|coordination|meetings?) (?:between|with)\b/gi, 'cooperates_with'],
  [
    /\b(?:have|has|had|maintain|maintains|hold|holds|held)\s+(?:a |an )?(?:\w+\s+){0,3}(?:dialogue|cooperation|partnership|coordination)\b/gi,
    'cooperates_with',
  ],
];

/** Titles that precede a name, longest first so "Defense Secretary" wins over "Secretary". */
export const TITLES = [
  'Secretary of State',
  'Secretary of Defense',
  'Secretary of War',
  'Secretary of the Navy',
  'Defense Secretary',
  'War Secretary',
  'Homeland Security Secretary',
  'Attorney General',
  'Vice President',
  'First Lady',
  'Prime Minister',
  'Foreign Minister',
  'Defense Minister',
  'Security Minister',
  'White House Press Secretary',
  'Press Secretary',
  'House Speaker',
  'Speaker',
  'Majority Leader',
  'Minority Leader',
  'Senate Majority Leader',
  'Senate Minority Leader',
  'House Minority Leader',
  'President',
  'Secretary',
  'Minister',
  'Ambassador',
  'Senator',
  'Senators',
  'Sen.',
  'Sens.',
  'Reps.',
  'Representative',
  'Rep.',
  'Governor',
  'Gov.',
  'General',
  'Gen.',
  'Admiral',
  'Adm.',
  'Adm',
  'Vice Adm.',
  'Director',
  'Chairman',
  'Chairwoman',
  'Chair',
  'Commander',
  'Mayor',
  'Judge',
  'Justice',
  'Pope',
  'King',
  'Queen',
  'Chancellor',
  'Professor',
  'Prof.',
  'Dr.',
  'Mr.',
  'Mrs.',
  'Ms.',
];

export { COUNTRY_CODES, NATIONALITIES } from './gazetteer';

/** "Two Republicans" are two members, not the party speaking as one: a counted group is no metonym. */
function uncounted(pattern: string): RegExp {
  return new RegExp(
    String.raw`(?<!\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]everal|[Ss]ome|[Ff]ew|[Mm]any|\d+) )(?:${pattern})`,
    'g',
  );
}

/**
 * How news names actors by metonym or short form. Each maps to a canonical name and kind; the store's
 * own actors and aliases come first, this is only the fallback for an empty or new graph.
 */
/** `name` absent: the group is named by its own words ("UN human rights experts"). */
export const METONYMS: {
  pattern: RegExp;
  name?: string;
  kind: ActorKind;
  country?: string;
  /** A capital standing for its state: a place, not the state, after "in" or "at". */
  capital?: boolean;
}[] = [
  { pattern: /\b(?:the )?White House\b/g, name: 'White House', kind: 'government', country: 'US' },
  {
    // The department goes by its building and by its initials ("D.O.D."), and since 2025 by "Department of War".
    pattern:
      /\b(?:the )?(?:Pentagon|(?:U\.S\. |US )?(?:Department of (?:Defense|War)|Defen[cs]e Department|War Department)|DoD|D\.O\.D\.)(?![\p{L}])/gu,
    name: 'Pentagon',
    kind: 'agency',
    country: 'US',
  },
  {
    pattern: /\bWashington(?!,? D\.?C\.?)\b/g,
    name: 'United States',
    kind: 'state',
    country: 'US',
    capital: true,
  },
  ...Object.entries(CAPITALS).map(([capital, country]) => ({
    pattern: new RegExp(String.raw`\b${capital}(?![\p{L}])`, 'gu'),
    name: country,
    kind: 'state' as const,
    country: COUNTRY_CODES[country],
    capital: true,
  })),
  {
    pattern:
      /\b(?:the )?(?:U\.S\.|US|USA|United States)(?! (?:military|forces|Navy|Army|Senate|Congress|House|government|officials?|[A-Z]))(?:'s|’s)?/g,
    name: 'United States',
    kind: 'state',
    country: 'US',
  },
  {
    pattern:
      /\b(?:(?:the )?(?:U\.S\.|US|United States) (?:[Mm]ilitary|[Aa]rmed [Ff]orces|[Ff]orces)|the military)\b(?! (?:action|actions|operations?|strikes?|attacks?|interventions?|force|presence|bases?|officials?|personnel|leaders|campaign|buildup|assets|aircraft|deployments?|escalation|approach|problem|solution|option|tool|role|involvement|footprint|activit(?:y|ies)|pressure|threats?|power|might|targets?))|\bUS Military Forces\b/g,
    name: 'US military',
    kind: 'military',
    country: 'US',
  },
  {
    pattern: /\b(?:the )?(?:U\.S\.|US) (?:government)\b/g,
    name: 'US government',
    kind: 'government',
    country: 'US',
  },
  {
    pattern:
      /\b(?:the )?(?:U\.S\.|US) (?:intelligence services|intelligence agencies)\b|\b(?:the )?(?:intelligence|secret) services\b/g,
    name: 'US intelligence services',
    kind: 'agency',
    country: 'US',
  },
  {
    pattern: /\b(?:the )?(?:U\.S\.|US) Congress\b|\bCongress\b/g,
    name: 'US Congress',
    kind: 'legislature',
    country: 'US',
  },
  {
    pattern:
      /\b(?:the )?(?:U\.S\.|US) Senate\b|\b(?:the )?Senate\b(?! (?:Armed|Foreign|Intelligence|Judiciary|Majority|Minority|Democrats?|Republicans?))/g,
    name: 'US Senate',
    kind: 'legislature',
    country: 'US',
  },
  {
    pattern: uncounted(String.raw`\b(?:Senate |House )?Democrats\b`),
    name: 'Democrats',
    kind: 'party',
    country: 'US',
  },
  {
    pattern: uncounted(String.raw`\b(?:Senate |House )?Republicans\b|\bthe GOP\b`),
    name: 'Republicans',
    kind: 'party',
    country: 'US',
  },
  {
    pattern: /\b(?:Mexico's|Mexico’s|the Mexican) government\b/g,
    name: 'Mexican government',
    kind: 'government',
    country: 'MX',
  },
  {
    pattern: /\b(?:(?:the |Mexican |Mexico's |Mexico’s )?(?:drug )?cartels(?: in Mexico)?)\b/g,
    name: 'Mexican drug cartels',
    kind: 'criminal_group',
    country: 'MX',
  },
  { pattern: /\b(?:the )?administration\b/g, name: 'administration', kind: 'government' },
  {
    // An institution's internal overseer acts in its own name: "a Pentagon watchdog faulted him".
    pattern:
      /\b(?:the |a )?(?:Pentagon|State Department|Justice Department|DHS|CIA|FBI)(?:['’]s)? (?:watchdog|inspector general)\b/g,
    kind: 'agency',
    country: 'US',
  },
  {
    pattern:
      /\b(?:UN|U\.N\.|United Nations)(?: [a-z]+){0,3} (?:experts|investigators|monitors|rapporteurs?)\b/g,
    kind: 'international_organization',
  },
];

/** Words in an organisation's name that say what kind of actor it is. */
export const ORGANIZATION_KINDS: [RegExp, ActorKind][] = [
  [
    /\b(?:News|Times|Journal|Post|Tribune|Herald|Reuters|Press|AFP|AP|CNN|BBC|NBC|CBS|ABC|Fox|Bloomberg|Axios|Politico|Guardian|Telegraph|Newsweek|Telemundo|Univision|Televisa)\b/,
    'media',
  ],
  [/\b(?:University|College|Institute|School)\b/, 'academic_institution'],
  [new RegExp(`\\b(?:${CRIMINAL_GROUP_WORDS.map(escapeRegExp).join('|')})\\b`, 'i'), 'criminal_group'],
  [/\b(?:Senate|House|Congress|Committee|Parliament|Assembly|Legislature)\b/, 'legislature'],
  [/\b(?:Party|Democrats|Republicans|Morena|PAN|PRI)\b/, 'party'],
  [
    /\b(?:Army|Navy|Air Force|Marines|Marine Corps|Command|Coast Guard|National Guard|SOUTHCOM|Forces)\b/,
    'military',
  ],
  [
    /\b(?:United Nations|UN|U\.N\.|OAS|Organi[sz]ation of American States|NATO|European Union|EU|Interpol|Caricom|CARICOM|CELAC|Mercosur|International Criminal Court|ICC)\b/,
    'international_organization',
  ],
  [
    /\b(?:Department|Ministry|Agency|Office|Bureau|Administration|DEA|FBI|CIA|ODNI|DHS|Pentagon|Treasury)\b/,
    'agency',
  ],
  [
    /\b(?:Amnesty|Human Rights Watch|Foundation|Council|Center|Centre|Organi[sz]ation|Association|Group|Coalition|Network)\b/,
    'ngo',
  ],
  [/\b(?:government|Government|Cabinet)\b/, 'government'],
];

/**
 * Descriptors that stand for a person ("the 62-year-old", "the senator", "Mexico's president", "the top
 * Democrat on the House Intelligence Committee"), named before them or, in a story's lead, just after.
 */
export const PERSON_DESCRIPTOR =
  /\b\p{Lu}[\p{L}]+['’]s (?:president|prime minister|foreign minister|leader|top diplomat)\b|\b[Tt]he (?:top|senior|ranking|leading) (?:Democrat|Republican|member) (?:on|of) the (?:\p{Lu}[\p{L}]*\s?){1,5}|\b[Tt]he (?:(?:\p{Lu}[\p{L}.]*\s+){1,2}(?:[a-z]+\s+){0,3}(?:chief|head|envoy|spokes(?:person|man|woman)|commissioner|representative)\b|\d{2}-year-old|(?:(?:former|\p{Lu}\p{Ll}+|leftist|conservative|right-wing|left-wing)\s+){0,2}(?:president|prime minister|senator|congressman|congresswoman|lawmaker|secretary|minister|ambassador|governor|general|admiral|commander|leader|official|analyst|expert|professor|mayor)|Democrat|Republican|leftist)\b/gu;

/** Subject pronouns, and "him" as an object ("a Pentagon watchdog faulted him"); "her" is too often a possessive. */
export const PRONOUN = /\b(?:[Ss]he|[Hh]e|[Tt]hey|him)\b/g;
