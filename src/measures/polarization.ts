import type { Position } from '../networks/stance-projection';

interface PolarizationRow {
  topicId: string;
  supporters: string[];
  opponents: string[];
  other: number;
  polarization: number;
}

/**
 * How evenly a topic splits its actors: 1 - |s - o| / (s + o) over the actors who support (s) or oppose
 * (o) it; 0 when everyone takes the same side, 1 for an even split. Neutral and mixed stances are counted
 * apart and do not move the index.
 */
export function polarizationByTopic(positions: Position[]): PolarizationRow[] {
  const topics = new Map<string, { support: Set<string>; oppose: Set<string>; other: Set<string> }>();
  for (const p of positions) {
    const t = topics.get(p.topicId) ?? { support: new Set(), oppose: new Set(), other: new Set() };
    (p.polarity === 'support' ? t.support : p.polarity === 'oppose' ? t.oppose : t.other).add(p.actorId);
    topics.set(p.topicId, t);
  }
  return [...topics]
    .map(([topicId, t]) => {
      const s = t.support.size;
      const o = t.oppose.size;
      return {
        topicId,
        supporters: [...t.support].sort(),
        opponents: [...t.oppose].sort(),
        other: t.other.size,
        polarization: s + o === 0 ? 0 : 1 - Math.abs(s - o) / (s + o),
      };
    })
    .sort((a, b) => b.polarization - a.polarization || (a.topicId < b.topicId ? -1 : 1));
}
