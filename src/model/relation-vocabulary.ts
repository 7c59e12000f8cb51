/**
 * The relation vocabulary and what each type means for opposition and alliance. Kept free of zod so the
 * browser page can import the very same lists it filters and colours by.
 */

/** The fixed vocabulary of actor-to-actor interactions. Only these ever reach a query. */
export const RELATION_TYPES = [
  'opposes',
  'supports',
  'cooperates_with',
  'allied_with',
  'threatens',
  'warns',
  'criticizes',
  'accuses',
  'rejects',
  'sanctions',
  'targets',
  'attacks',
  'authorizes',
  'negotiates_with',
  'pressures',
  'praises',
  'reports_on',
] as const;

export type RelationType = (typeof RELATION_TYPES)[number];

/** Relations that make two actors opponents, whichever direction they point. */
export const HOSTILE_RELATION_TYPES: readonly RelationType[] = [
  'opposes',
  'threatens',
  'warns',
  'criticizes',
  'accuses',
  'rejects',
  'sanctions',
  'targets',
  'attacks',
  'pressures',
];

/** Relations that make two actors allies. */
export const FRIENDLY_RELATION_TYPES: readonly RelationType[] = [
  'supports',
  'cooperates_with',
  'allied_with',
  'praises',
];

/** Neither hostile nor friendly: `authorizes`, `negotiates_with`, `reports_on`. */
export const NEUTRAL_RELATION_TYPES: readonly RelationType[] = RELATION_TYPES.filter(
  (type) => !HOSTILE_RELATION_TYPES.includes(type) && !FRIENDLY_RELATION_TYPES.includes(type),
);

export type Tone = 'hostile' | 'friendly' | 'neutral';

export function toneOf(type: RelationType): Tone {
  if (HOSTILE_RELATION_TYPES.includes(type)) return 'hostile';
  if (FRIENDLY_RELATION_TYPES.includes(type)) return 'friendly';
  return 'neutral';
}
