import {
  FRIENDLY_RELATION_TYPES,
  HOSTILE_RELATION_TYPES,
  NEUTRAL_RELATION_TYPES,
} from '../../src/model/relation-vocabulary';

/** What colours and shapes mean on the map. The legend is drawn from these same tables. */
export const KIND_COLORS: Record<string, string> = {
  state: '#1f4e9c',
  government: '#3b7dd8',
  agency: '#6aa6e8',
  military: '#5b5ea6',
  legislature: '#7f6fc4',
  official: '#e08a1e',
  person: '#d4a64a',
  organization: '#2a9d8f',
  international_organization: '#1d7a70',
  ngo: '#57b894',
  party: '#b55d9a',
  criminal_group: '#8b1e1e',
  expert: '#8a8f1e',
  academic_institution: '#a4a95c',
  media: '#7d7d7d',
  other: '#a0a0a0',
  topic: '#263238',
};

export const KIND_LABELS: Record<string, string> = {
  state: 'state',
  government: 'government',
  agency: 'agency',
  military: 'military',
  legislature: 'legislature',
  official: 'official',
  person: 'person',
  organization: 'organization',
  international_organization: 'international org.',
  ngo: 'NGO',
  party: 'party',
  criminal_group: 'criminal group',
  expert: 'expert',
  academic_institution: 'academic institution',
  media: 'media',
  other: 'other',
  topic: 'topic (proposition)',
};

export type Tone = 'hostile' | 'friendly' | 'neutral';

export const TONE_COLORS: Record<Tone, string> = {
  hostile: '#d62828',
  friendly: '#2b9348',
  neutral: '#8d99ae',
};

/** Derived edges (from stances) are drawn fainter than explicit relations, which carry arrows. */
export const DERIVED_ALPHA = 'aa';

export const POLARITY_COLORS: Record<string, string> = {
  support: TONE_COLORS.friendly,
  oppose: TONE_COLORS.hostile,
  neutral: '#6c757d',
  mixed: '#b08900',
};

export const RELATION_TYPE_GROUPS: { tone: Tone; label: string; types: readonly string[] }[] = [
  { tone: 'hostile', label: 'Hostile', types: HOSTILE_RELATION_TYPES },
  { tone: 'friendly', label: 'Friendly', types: FRIENDLY_RELATION_TYPES },
  { tone: 'neutral', label: 'Neutral', types: NEUTRAL_RELATION_TYPES },
];

export const ALL_RELATION_TYPES = RELATION_TYPE_GROUPS.flatMap((group) => group.types);

export const humanize = (value: string) => value.replace(/_/g, ' ');
