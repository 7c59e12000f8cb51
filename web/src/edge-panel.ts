import { actorLink, type PanelContext } from './actor-panel';
import { api } from './api-client';
import type { EdgeAttributes } from './display-graph';
import { el } from './dom';
import { evidenceBlock, polarityBadge } from './evidence-view';
import { humanize } from './graph-style';

/** Why two actors are linked: every relation, shared stance or membership behind the drawn edge. */
export async function edgePanel(
  attributes: EdgeAttributes,
  endpoints: { source: string; target: string; sourceLabel: string; targetLabel: string },
  context: PanelContext,
): Promise<HTMLElement> {
  const title = attributes.derived
    ? attributes.tone === 'hostile'
      ? 'Opposite stances'
      : 'Same stances'
    : 'Evidence';
  const panel = el('section', { className: 'panel edge-panel' }, [
    el('h2', { text: title }),
    el('div', { className: 'subtitle' }, [
      linkOrText(endpoints.source, endpoints.sourceLabel, context),
      attributes.derived ? ' ↔ ' : ' → ',
      linkOrText(endpoints.target, endpoints.targetLabel, context),
    ]),
  ]);
  for (const item of attributes.evidence) {
    if (item.derived) {
      // A derived edge names the statements on each side; show both quotes, topic by topic.
      const statements = await Promise.all(
        (item.statements ?? []).map((id) => api.statement(id).catch(() => undefined)),
      );
      for (const statement of statements) {
        if (!statement) continue;
        const who = await context.nameOf(statement.actorId);
        const block = evidenceBlock(
          {
            quote: statement.quote,
            sentence: statement.evidence?.sentence,
            start: statement.evidence?.start,
            date: statement.statedAt,
            documentId: statement.documentId,
            aboutId: statement.aboutId,
            reportedById: statement.reportedById,
          },
          `${who} — ${statement.polarity} — ${statement.topicId}`,
        );
        block.prepend(polarityBadge(statement.polarity));
        panel.append(block);
      }
    } else if (item.type === 'member_of') {
      panel.append(
        el('div', { className: 'evidence' }, [
          el('div', { className: 'lead', text: `member of, as ${item.role ?? 'member'}` }),
          item.from || item.to
            ? el('div', { className: 'meta', text: `${item.from ?? '…'} – ${item.to ?? 'now'}` })
            : null,
        ]),
      );
    } else {
      panel.append(
        evidenceBlock(
          {
            quote: item.quote,
            sentence: item.sentence,
            date: item.date,
            documentId: item.documentId,
            reportedById: item.reportedById,
            aboutId: item.aboutId,
          },
          humanize(item.type ?? 'relation'),
        ),
      );
    }
  }
  return panel;
}

function linkOrText(id: string, label: string, context: PanelContext): Node {
  return id.startsWith('topic:') ? document.createTextNode(label) : actorLink(id, label, context);
}
