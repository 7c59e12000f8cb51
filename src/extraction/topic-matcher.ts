import type { ExtractionContext } from './extractor';

const STOPWORDS = new Set(
  (
    'a an the of on in at to for from by with and or but not no is are was were be been being it its this that these ' +
    'those as into over under about against any all some such than then there their them they he she his her we our ' +
    'us you your i my me will would could should may might can do does did has have had said says say also more most ' +
    'very just only what which who whom whose when where why how if while after before since between across within ' +
    'without including rather whether'
  ).split(' '),
);

/** Crude English stemming: enough to make "strikes", "strike" and "striking" meet. */
export function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/(?:ations?|ing|ed|es|s|ly|al)$/, '')
    .replace(/(.)\1$/, '$1');
}

export function contentStems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}]+/gu) ?? [])
    .filter((word) => word.length > 2 && !STOPWORDS.has(word))
    .map(stem);
}

export interface TopicChoice {
  id?: string;
  title: string;
  score: number;
}

/**
 * Picks the existing topic whose title and description share the most content words with the passage,
 * weighting title words double and rare words more; below the threshold the passage gets a new topic.
 */
export class TopicMatcher {
  private readonly topics: { id?: string; title: string; stems: Map<string, number> }[];

  constructor(topics: ExtractionContext['topics']) {
    this.topics = topics.map((topic) => {
      const stems = new Map<string, number>();
      for (const s of contentStems(topic.description ?? '')) stems.set(s, 1);
      for (const s of contentStems(topic.title)) stems.set(s, 2);
      return { id: topic.id, title: topic.title, stems };
    });
  }

  match(passage: string, proposeTitle: () => string): TopicChoice {
    const words = new Set(contentStems(passage));
    let best: TopicChoice | undefined;
    for (const topic of this.topics) {
      let score = 0;
      for (const word of words) score += topic.stems.get(word) ?? 0;
      const normalized = score / Math.sqrt(topic.stems.size || 1);
      if (!best || normalized > best.score) best = { id: topic.id, title: topic.title, score: normalized };
    }
    if (best && best.score >= 1.2) return best;
    const title = proposeTitle();
    const proposed = { title, stems: new Map(contentStems(title).map((s): [string, number] => [s, 2])) };
    // Later passages of the same document can join the topic this one proposed.
    this.topics.push(proposed);
    return { title, score: 0 };
  }
}
