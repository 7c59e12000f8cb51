import { statedAtKey, type Statement } from '../model/statement-schema';
import { append } from '../shared/multimap';

interface StanceChange {
  actorId: string;
  topicId: string;
  before: Statement;
  after: Statement;
}

/**
 * Polarity flips: for each actor and topic, every pair of consecutive sided statements (support or
 * oppose, in date order, ties by id) whose sides differ. Neutral and mixed statements in between do not
 * hide a flip, nor count as one.
 */
export function stanceChanges(statements: Statement[]): StanceChange[] {
  const series = new Map<string, Statement[]>();
  for (const s of statements) {
    // An undated statement cannot be placed before or after another: it is no side of a change.
    if (s.polarity !== 'support' && s.polarity !== 'oppose') continue;
    if (s.statedAt === undefined) continue;
    const key = `${s.actorId}\u0000${s.topicId}`;
    append(series, key, s);
  }
  const changes: StanceChange[] = [];
  for (const list of series.values()) {
    list.sort((a, b) =>
      a.statedAt === b.statedAt ? (a.id < b.id ? -1 : 1) : statedAtKey(a) < statedAtKey(b) ? -1 : 1,
    );
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!;
      const after = list[i]!;
      if (before.polarity !== after.polarity)
        changes.push({ actorId: after.actorId, topicId: after.topicId, before, after });
    }
  }
  return changes.sort(
    (a, b) =>
      compareText(statedAtKey(a.after), statedAtKey(b.after)) ||
      (a.actorId < b.actorId ? -1 : a.actorId > b.actorId ? 1 : 0) ||
      (a.topicId < b.topicId ? -1 : 1),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
