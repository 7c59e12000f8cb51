import type { ExtractionContext } from './extractor';
import { UNTITLED } from './topics';

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
function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/(?:ations?|ing|ed|es|s|ly|al)$/, '')
    .replace(/(.)\1$/, '$1');
}

function contentStems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}]+/gu) ?? [])
    .filter((word) => word.length > 2 && !STOPWORDS.has(word))
    .map(stem);
}

/** Below this cosine similarity a passage is about something else and gets a topic of its own. */
const MATCH_THRESHOLD = 0.25;

interface TopicChoice {
  id?: string;
  title: string;
  score: number;
}

/**
 * Picks the existing topic whose title and description share the most content words with the passage,
 * weighting title words double and rare words more; below the threshold the passage gets a new topic.
 */
export class TopicMatcher {
  private readonly topics: {
    id?: string;
    title: string;
    stems: Map<string, number>;
    titleStems: Set<string>;
  }[];

  constructor(topics: ExtractionContext['topics']) {
    this.topics = topics.map((topic) => {
      const stems = new Map<string, number>();
      for (const s of contentStems(topic.description ?? '')) stems.set(s, 1);
      for (const s of contentStems(topic.title)) stems.set(s, 2);
      return { id: topic.id, title: topic.title, stems, titleStems: new Set(contentStems(topic.title)) };
    });
  }

  match(passage: string, proposeTitle: () => string | undefined): TopicChoice {
    const words = new Set(contentStems(passage));
    let best: TopicChoice | undefined;
    for (const topic of this.topics) {
      let score = 0;
      let weights = 0;
      for (const weight of topic.stems.values()) weights += weight * weight;
      for (const word of words) score += topic.stems.get(word) ?? 0;
      // Cosine similarity between the passage's words and the topic's (title words weigh double).
      const cosine = score / Math.sqrt(Math.max(1, weights) * Math.max(1, words.size));
      if (!best || cosine > best.score) best = { id: topic.id, title: topic.title, score: cosine };
    }
    if (best && best.score >= MATCH_THRESHOLD) return best;
    // No noun phrase to title it: the caller gives the position the story's question.
    const title = proposeTitle() ?? UNTITLED;
    if (title === UNTITLED) return { title, score: 0 };
    const same = this.sameQuestion(title);
    if (same) return { ...same, score: 1 };
    const stems = new Map<string, number>();
    for (const word of words) stems.set(word, 1);
    for (const word of contentStems(title)) stems.set(word, 2);
    const proposed = { title, stems, titleStems: new Set(contentStems(title)) };
    // Later passages of the same document can join the topic this one proposed.
    this.topics.push(proposed);
    return { title, score: 0 };
  }

  /**
   * The topic, in the graph or proposed earlier, whose title asks the same question as `title`: the same
   * content words in any order and form ("Boat strikes" and "Strikes on boats"; not "Strikes" and "US
   * strikes on boats").
   */
  sameQuestion(title: string): { id?: string; title: string } | undefined {
    const asked = new Set(contentStems(title));
    if (asked.size === 0) return undefined;
    const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((w) => b.has(w));
    const found = this.topics.find((t) => same(asked, t.titleStems));
    return found && { id: found.id, title: found.title };
  }
}
