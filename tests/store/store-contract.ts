import { ConflictError, NotFoundError, ValidationError } from '../../src/shared/errors';
import type { Actor } from '../../src/model/actor-schema';
import type { Statement } from '../../src/model/statement-schema';
import type { Relation } from '../../src/model/relation-schema';
import type { CounterpartQuery, GraphStore, TextSearchQuery } from '../../src/store/graph-store';
import { searchTerms } from '../../src/store/text-search';
import { historyEvents, type HistoryEvent } from '../../src/model/history-schema';
import {
  actors,
  affiliations,
  articleSnapshot,
  document,
  relations,
  statements,
  topics,
} from '../support/article-fixtures';

/** A fresh, empty store per call. */
export type StoreFactory = () => Promise<GraphStore>;

const page = { limit: 50, offset: 0 };
const noWindow = {};

/**
 * The one contract every GraphStore must keep. Each backend's test file calls this with its own factory,
 * so the embedded store and Neo4j are held to the very same answers.
 */
export function storeContract(name: string, factory: StoreFactory): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;

    beforeEach(async () => {
      store = await factory();
    });

    afterEach(async () => {
      await store.close();
    });

    const seeded = async () => {
      await store.upsertSnapshot(articleSnapshot());
      return store;
    };

    describe('records', () => {
      it('keeps every field of every kind exactly as written', async () => {
        await seeded();
        expect(await store.get('actors', actors.sheinbaum.id)).toEqual(actors.sheinbaum);
        expect(await store.get('topics', topics.unilateral.id)).toEqual(topics.unilateral);
        expect(await store.get('documents', document.id)).toEqual(document);
        expect(await store.get('statements', statements.sheinbaumOpposes.id)).toEqual(
          statements.sheinbaumOpposes,
        );
        expect(await store.get('statements', statements.usGovernmentSupports2020.id)).toEqual(
          statements.usGovernmentSupports2020,
        );
        expect(await store.get('relations', relations.hegsethWarnsMexico.id)).toEqual(
          relations.hegsethWarnsMexico,
        );
        expect(await store.get('relations', relations.usTargetsCartels.id)).toEqual(
          relations.usTargetsCartels,
        );
        expect(await store.get('affiliations', affiliations.hegsethInGovernment.id)).toEqual(
          affiliations.hegsethInGovernment,
        );
      });

      it('keeps the provenance of proposed records: extractor, review status and reviewer', async () => {
        await seeded();
        const proposedActor = {
          ...actors.vigil,
          id: 'cornell-university',
          name: 'Cornell University',
          aliases: [],
          kind: 'academic_institution' as const,
          reviewStatus: 'proposed' as const,
          extractor: { name: 'rules', version: '1.0.0' },
        };
        await store.create('actors', proposedActor);
        expect(await store.get('actors', proposedActor.id)).toEqual(proposedActor);
        const reviewed: Statement = {
          ...statements.floresMaciasOpposes,
          id: 'st-reviewed-proposal',
          method: 'rules',
          extractor: { name: 'rules', version: '1.0.0' },
          reviewedBy: 'analyst@example.org',
          reviewedAt: '2025-04-11T09:30:00.000Z',
          reviewOutcome: 'edited',
        };
        await store.create('statements', reviewed);
        expect(await store.get('statements', reviewed.id)).toEqual(reviewed);
      });

      it('answers undefined for an id it does not have', async () => {
        expect(await store.get('actors', 'nobody')).toBeUndefined();
      });

      it('refuses a second record with the same id', async () => {
        await store.create('actors', actors.sheinbaum);
        await expect(
          store.create('actors', { ...actors.sheinbaum, name: 'Someone else' }),
        ).rejects.toBeInstanceOf(ConflictError);
        expect((await store.get('actors', actors.sheinbaum.id))?.name).toBe('Claudia Sheinbaum');
      });

      it('refuses a record that points at nothing, naming the field, and writes nothing', async () => {
        await store.create('topics', topics.strikes);
        const error = await store.create('statements', statements.sheinbaumOpposes).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        const fields = (error as ValidationError).issues.map((issue) => issue.path.join('.'));
        expect(fields).toEqual(expect.arrayContaining(['actorId', 'documentId']));
        expect(await store.get('statements', statements.sheinbaumOpposes.id)).toBeUndefined();
      });

      it('refuses a second document with the same content hash', async () => {
        await store.create('documents', document);
        await expect(
          store.create('documents', { ...document, id: 'copy-of-article' }),
        ).rejects.toBeInstanceOf(ConflictError);
        expect(await store.findDocumentByHash(document.contentHash)).toEqual(document);
        expect(await store.findDocumentByHash('sha256:unknown')).toBeUndefined();
      });

      it('fetches several records at once, skipping ids it does not have', async () => {
        await seeded();
        const found = await store.getMany('actors', [actors.hegseth.id, 'nobody', actors.mexico.id]);
        expect(found.map((a) => a.id).sort()).toEqual([actors.mexico.id, actors.hegseth.id].sort());
        expect(await store.getMany('actors', [])).toEqual([]);
      });
    });

    describe('update', () => {
      it('replaces the record with what the change returns', async () => {
        await seeded();
        const updated = await store.update('actors', actors.vigil.id, (current) => ({
          ...current,
          description: 'Former DEA official',
        }));
        expect(updated.description).toBe('Former DEA official');
        expect(await store.get('actors', actors.vigil.id)).toEqual(updated);
        expect(await store.findActorsByName('Vigil')).toEqual([updated]);
      });

      it('keeps aliases searchable after they change', async () => {
        await seeded();
        await store.update('actors', actors.sheinbaum.id, (current) => ({
          ...current,
          aliases: ['Presidenta'],
        }));
        expect(await store.findActorsByName('presidenta')).toHaveLength(1);
        expect(await store.findActorsByName('The 62-year-old')).toEqual([]);
      });

      it('throws NotFoundError for a missing record', async () => {
        await expect(store.update('actors', 'nobody', (a) => a)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('refuses a change that points at nothing and leaves the record as it was', async () => {
        await seeded();
        await expect(
          store.update('statements', statements.sheinbaumOpposes.id, (s) => ({
            ...s,
            topicId: 'no-such-topic',
          })),
        ).rejects.toBeInstanceOf(ValidationError);
        expect(await store.get('statements', statements.sheinbaumOpposes.id)).toEqual(
          statements.sheinbaumOpposes,
        );
      });

      it('refuses to make a topic its own ancestor', async () => {
        await seeded();
        await expect(
          store.update('topics', topics.strikes.id, (t) => ({ ...t, parentId: topics.unilateral.id })),
        ).rejects.toBeInstanceOf(ValidationError);
        expect(await store.get('topics', topics.strikes.id)).toEqual(topics.strikes);
      });

      it('loses no update when many run at once', async () => {
        await seeded();
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.update('actors', actors.mexico.id, (current) => ({
              ...current,
              aliases: [...current.aliases, `alias ${i}`],
            })),
          ),
        );
        expect((await store.get('actors', actors.mexico.id))?.aliases).toHaveLength(20);
      });
    });

    describe('delete', () => {
      it('throws NotFoundError for a missing record', async () => {
        await expect(store.delete('actors', 'nobody')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('refuses to orphan statements, relations or affiliations', async () => {
        await seeded();
        await expect(store.delete('actors', actors.hegseth.id)).rejects.toBeInstanceOf(ConflictError);
        await expect(store.delete('documents', document.id)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get('actors', actors.hegseth.id)).toEqual(actors.hegseth);
      });

      it('names who refers to a record when it refuses to delete it', async () => {
        const snapshot = articleSnapshot();
        await store.upsertSnapshot(snapshot);
        const about = (records: { topicId?: string }[]) =>
          records.filter((record) => record.topicId === topics.strikes.id).length;
        const referrers = [
          [about(snapshot.statements), 'statements (topic_id)'],
          [about(snapshot.relations), 'relations (topic_id)'],
          [1, 'topics (parent_id)'],
        ].filter(([count]) => count !== 0);
        expect(referrers).toHaveLength(3);
        const error = await store.delete('topics', topics.strikes.id).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).message).toBe(
          `topic '${topics.strikes.id}' is referred to by ${referrers.map((r) => r.join(' ')).join(', ')}; delete those first or pass cascade=true`,
        );
      });

      it('deletes what depends on an actor when asked to cascade', async () => {
        await seeded();
        await store.delete('actors', actors.hegseth.id, { cascade: true });
        expect(await store.get('actors', actors.hegseth.id)).toBeUndefined();
        expect(await store.get('statements', statements.hegsethSupports.id)).toBeUndefined();
        expect(await store.get('relations', relations.hegsethWarnsMexico.id)).toBeUndefined();
        expect(await store.get('affiliations', affiliations.hegsethInGovernment.id)).toBeUndefined();
        expect(await store.get('statements', statements.sheinbaumOpposes.id)).toBeDefined();
      });

      it('detaches sub-topics and relations from a deleted topic, and deletes its statements', async () => {
        await seeded();
        await store.delete('topics', topics.strikes.id, { cascade: true });
        expect(await store.get('topics', topics.unilateral.id)).toEqual({
          ...topics.unilateral,
          parentId: undefined,
        });
        const { topicId, ...relationWithoutTopic } = relations.hegsethWarnsMexico;
        expect(topicId).toBeDefined();
        expect(await store.get('relations', relations.hegsethWarnsMexico.id)).toEqual(relationWithoutTopic);
        expect(await store.get('statements', statements.sheinbaumOpposes.id)).toBeUndefined();
      });

      it('deletes a leaf record outright', async () => {
        await seeded();
        await store.delete('statements', statements.floresMaciasOpposes.id);
        expect(await store.get('statements', statements.floresMaciasOpposes.id)).toBeUndefined();
      });
    });

    describe('who relayed a claim and whom it is about', () => {
      const laTimes: Actor = {
        id: 'los-angeles-times',
        name: 'Los Angeles Times',
        aliases: ['L.A. Times'],
        kind: 'media',
      };
      const relayed: Statement = {
        ...statements.sheinbaumOpposes,
        id: 'st-sheinbaum-relayed-by-la-times',
        aboutId: actors.usGovernment.id,
        reportedById: laTimes.id,
      };
      const relayedWarning: Relation = {
        ...relations.hegsethWarnsMexico,
        id: 'rel-hegseth-warning-relayed',
        reportedById: laTimes.id,
      };
      const withRelayedClaims = async () => {
        await seeded();
        await store.create('actors', laTimes);
        await store.create('statements', relayed);
        await store.create('relations', relayedWarning);
      };

      it('keeps the reporter and the target of a claim as written', async () => {
        await withRelayedClaims();
        expect(await store.get('statements', relayed.id)).toEqual(relayed);
        expect(await store.get('relations', relayedWarning.id)).toEqual(relayedWarning);
      });

      it('refuses a reporter or a target the graph does not have, naming the field, and writes nothing', async () => {
        await seeded();
        const error = await store
          .create('statements', { ...relayed, aboutId: 'nobody-known' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        const fields = (error as ValidationError).issues.map((issue) => issue.path.join('.'));
        expect(fields).toEqual(['aboutId', 'reportedById']);
        const relationError = await store.create('relations', relayedWarning).catch((e: unknown) => e);
        expect((relationError as ValidationError).issues.map((i) => i.path.join('.'))).toEqual([
          'reportedById',
        ]);
        expect(await store.get('statements', relayed.id)).toBeUndefined();
        expect(await store.get('relations', relayedWarning.id)).toBeUndefined();
      });

      it('will not delete a reporter without cascade; with it, the claims stay and lose only the link', async () => {
        await withRelayedClaims();
        const refused = await store.delete('actors', laTimes.id).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ConflictError);
        expect((refused as Error).message).toMatch(
          /statements \(reported_by_id\).*relations \(reported_by_id\)/,
        );
        await store.delete('actors', laTimes.id, { cascade: true });
        const { reportedById: _statementReporter, ...statementKept } = relayed;
        const { reportedById: _relationReporter, ...relationKept } = relayedWarning;
        expect(await store.get('statements', relayed.id)).toEqual(statementKept);
        expect(await store.get('relations', relayedWarning.id)).toEqual(relationKept);
      });

      it('keeps a claim when the actor it is about is deleted, without the link', async () => {
        await withRelayedClaims();
        await store.create('actors', { ...actors.vigil, id: 'mike-vigil-2', name: 'Michael Vigil' });
        const aboutVigil = { ...relayed, id: 'st-about-vigil', aboutId: 'mike-vigil-2' };
        await store.create('statements', aboutVigil);
        await expect(store.delete('actors', 'mike-vigil-2')).rejects.toThrow(/statements \(about_id\)/);
        await store.delete('actors', 'mike-vigil-2', { cascade: true });
        const { aboutId: _about, ...kept } = aboutVigil;
        expect(await store.get('statements', aboutVigil.id)).toEqual(kept);
      });
    });

    describe('list and search', () => {
      it('pages through records sorted by id, with the total', async () => {
        await seeded();
        const first = await store.list('actors', { limit: 3, offset: 0 });
        const rest = await store.list('actors', { limit: 10, offset: 3 });
        expect(first.total).toBe(Object.keys(actors).length);
        expect(rest.total).toBe(first.total);
        const ids = [...first.items, ...rest.items].map((a) => a.id);
        expect(ids).toEqual(
          Object.values(actors)
            .map((a) => a.id)
            .sort(),
        );
      });

      it('searches names and aliases without regard to case', async () => {
        await seeded();
        const byAlias = await store.list('actors', { ...page, q: 'white house' });
        expect(byAlias.items.map((a) => a.id)).toEqual([actors.usGovernment.id]);
        const byName = await store.list('actors', { ...page, q: 'SHEIN' });
        expect(byName.items.map((a) => a.id)).toEqual([actors.sheinbaum.id]);
        const literal = await store.list('actors', { ...page, q: '100%_' });
        expect(literal.total).toBe(0);
      });

      it('filters each kind by its fields', async () => {
        await seeded();
        expect((await store.list('actors', { ...page, kind: 'expert' })).items.map((a) => a.id)).toEqual([
          actors.floresMacias.id,
          actors.vigil.id,
        ]);
        expect((await store.list('actors', { ...page, country: 'MX' })).total).toBe(3);
        expect((await store.list('topics', { ...page, parentId: topics.strikes.id })).items).toEqual([
          topics.unilateral,
        ]);
        expect((await store.list('statements', { ...page, actorId: actors.hegseth.id })).items).toEqual([
          statements.hegsethSupports,
        ]);
        expect((await store.list('statements', { ...page, polarity: 'oppose' })).total).toBe(2);
        expect((await store.list('statements', { ...page, to: '2024-12-31' })).items).toEqual([
          statements.usGovernmentSupports2020,
        ]);
        expect((await store.list('relations', { ...page, actorId: actors.mexico.id })).items).toEqual([
          relations.hegsethWarnsMexico,
        ]);
        expect((await store.list('relations', { ...page, type: ['targets', 'threatens'] })).items).toEqual([
          relations.usTargetsCartels,
        ]);
        expect(
          (await store.list('affiliations', { ...page, organizationId: actors.mexico.id })).items,
        ).toEqual([affiliations.sheinbaumLeadsMexico]);
        expect((await store.list('documents', { ...page, q: 'drone attack' })).items).toEqual([document]);
      });

      it('filters claims by the method that made them and by a least confidence', async () => {
        await seeded();
        const guessed: Statement = {
          ...statements.floresMaciasOpposes,
          id: 'st-guessed',
          method: 'rules',
          confidence: 0.55,
        };
        const inferred = {
          ...relations.hegsethWarnsMexico,
          id: 'rel-inferred',
          method: 'rules' as const,
          confidence: 0.4,
        };
        await store.create('statements', guessed);
        await store.create('relations', inferred);
        const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();
        const allStatements = (await store.list('statements', page)).items;
        const allRelations = (await store.list('relations', page)).items;
        for (const least of [0.5, 0.6, 1]) {
          expect(ids((await store.list('statements', { ...page, minConfidence: least })).items)).toEqual(
            ids(allStatements.filter((s) => s.confidence >= least)),
          );
          expect(ids((await store.list('relations', { ...page, minConfidence: least })).items)).toEqual(
            ids(allRelations.filter((r) => r.confidence >= least)),
          );
        }
        expect((await store.list('statements', { ...page, minConfidence: 0.6 })).items).not.toContainEqual(
          guessed,
        );
        expect((await store.list('relations', { ...page, method: 'rules' })).items).toEqual([inferred]);
        const rulesAbove = await store.list('relations', { ...page, method: 'rules', minConfidence: 0.5 });
        expect(rulesAbove).toEqual({ items: [], total: 0 });
      });

      it('filters actors, topics and affiliations by review status, counting records without one as accepted', async () => {
        await seeded();
        const extractor = { name: 'rules', version: '1.0.0' };
        const proposedActor = {
          id: 'ronald-johnson',
          name: 'Ronald Johnson',
          aliases: [],
          kind: 'official' as const,
          country: 'US',
          reviewStatus: 'proposed' as const,
          extractor,
        };
        const rejectedActor = {
          ...proposedActor,
          id: 'pam-bondi',
          name: 'Pam Bondi',
          reviewStatus: 'rejected' as const,
        };
        const proposedTopic = {
          id: 'us-troops-on-mexican-soil',
          title: 'US troops on Mexican soil',
          reviewStatus: 'proposed' as const,
          extractor,
        };
        const proposedAffiliation = {
          id: 'aff-johnson-ambassador',
          memberId: proposedActor.id,
          organizationId: actors.usGovernment.id,
          role: 'US ambassador to Mexico',
          reviewStatus: 'proposed' as const,
          extractor,
        };
        const rejectedAffiliation = {
          ...affiliations.sheinbaumLeadsMexico,
          id: 'aff-sheinbaum-member-of-cartels',
          organizationId: actors.cartels.id,
          role: 'member',
          reviewStatus: 'rejected' as const,
          extractor,
          reviewedBy: 'analyst@example.org',
          reviewedAt: '2025-04-11T09:30:00.000Z',
          reviewOutcome: 'rejected' as const,
        };
        await store.upsertSnapshot({
          actors: [proposedActor, rejectedActor],
          topics: [proposedTopic],
          affiliations: [proposedAffiliation, rejectedAffiliation],
        });
        expect(await store.get('topics', proposedTopic.id)).toEqual(proposedTopic);
        expect(await store.get('affiliations', rejectedAffiliation.id)).toEqual(rejectedAffiliation);

        const ids = async (kind: 'actors' | 'topics' | 'affiliations', filter: object) =>
          (await store.list(kind, { ...page, ...filter })).items.map((r) => r.id);
        expect(await ids('actors', { reviewStatus: 'proposed' })).toEqual([proposedActor.id]);
        expect(await ids('actors', { reviewStatus: 'rejected', country: 'US' })).toEqual([rejectedActor.id]);
        expect(await ids('actors', { reviewStatus: 'accepted' })).toEqual(
          Object.values(actors)
            .map((a) => a.id)
            .sort(),
        );
        expect(await ids('topics', { reviewStatus: 'proposed' })).toEqual([proposedTopic.id]);
        expect(await ids('topics', { reviewStatus: 'accepted' })).toEqual(
          [topics.strikes.id, topics.unilateral.id].sort(),
        );
        expect(await ids('topics', { reviewStatus: 'rejected' })).toEqual([]);
        expect(await ids('affiliations', { reviewStatus: 'proposed' })).toEqual([proposedAffiliation.id]);
        expect(
          await ids('affiliations', { reviewStatus: 'rejected', memberId: actors.sheinbaum.id }),
        ).toEqual([rejectedAffiliation.id]);
        expect((await store.list('affiliations', { ...page, reviewStatus: 'accepted' })).items).toEqual([
          affiliations.hegsethInGovernment,
          affiliations.sheinbaumLeadsMexico,
        ]);
        expect((await store.list('affiliations', page)).total).toBe(4);
      });

      it('finds actors by exact name, alias or id, ignoring case and spacing', async () => {
        await seeded();
        for (const name of [
          'Sheinbaum',
          "mexico's president claudia sheinbaum",
          '  The  62-year-old ',
          'claudia-sheinbaum',
        ]) {
          expect((await store.findActorsByName(name)).map((a) => a.id)).toEqual([actors.sheinbaum.id]);
        }
        expect(await store.findActorsByName('Claudia')).toEqual([]);
      });
    });

    describe('relationship queries', () => {
      it('finds relations of given types touching an actor, in either direction', async () => {
        await seeded();
        const hostile = ['warns', 'targets'] as const;
        expect(
          await store.relations({ actorId: actors.mexico.id, types: hostile, window: noWindow }),
        ).toEqual([relations.hegsethWarnsMexico]);
        expect(
          await store.relations({ actorId: actors.hegseth.id, types: ['supports'], window: noWindow }),
        ).toEqual([]);
        expect(
          (await store.relations({ types: hostile, topicId: topics.strikes.id, window: noWindow })).map(
            (r) => r.id,
          ),
        ).toEqual([relations.hegsethWarnsMexico.id]);
        expect(await store.relations({ types: [], window: noWindow })).toEqual([]);
      });

      it('leaves undated relations out of a bounded window', async () => {
        await seeded();
        const all = await store.relations({ types: ['warns', 'targets'], window: noWindow });
        expect(all.map((r) => r.id).sort()).toEqual(
          [relations.hegsethWarnsMexico.id, relations.usTargetsCartels.id].sort(),
        );
        const april = await store.relations({
          types: ['warns', 'targets'],
          window: { from: '2025-04-10', to: '2025-04-10' },
        });
        expect(april.map((r) => r.id)).toEqual([relations.hegsethWarnsMexico.id]);
        expect(await store.relations({ types: ['warns'], window: { to: '2025-04-09' } })).toEqual([]);
      });

      it('ignores relations and statements not accepted in review', async () => {
        await seeded();
        await store.update('relations', relations.hegsethWarnsMexico.id, (r) => ({
          ...r,
          reviewStatus: 'proposed',
        }));
        await store.update('statements', statements.sheinbaumOpposes.id, (s) => ({
          ...s,
          reviewStatus: 'rejected',
        }));
        expect(
          await store.relations({ actorId: actors.mexico.id, types: ['warns'], window: noWindow }),
        ).toEqual([]);
        expect(await store.currentStances({ actorId: actors.sheinbaum.id, window: noWindow })).toEqual([]);
      });

      it("takes an actor's latest statement in the window as its current stance", async () => {
        await seeded();
        const later: Statement = {
          ...statements.usGovernmentSupports2020,
          id: 'st-us-government-2025',
          statedAt: '2025-04-10',
          datePrecision: 'day',
          polarity: 'mixed',
        };
        await store.create('statements', later);
        const now = await store.currentStances({ actorId: actors.usGovernment.id, window: noWindow });
        expect(now).toEqual([later]);
        const then = await store.currentStances({
          actorId: actors.usGovernment.id,
          window: { to: '2024-12-31' },
        });
        expect(then).toEqual([statements.usGovernmentSupports2020]);
      });

      it('breaks a same-day tie by the greater statement id', async () => {
        await seeded();
        const sameDay: Statement = {
          ...statements.sheinbaumOpposes,
          id: 'st-zz-same-day',
          polarity: 'neutral',
          quote: undefined,
        };
        await store.create('statements', sameDay);
        expect(await store.currentStances({ actorId: actors.sheinbaum.id, window: noWindow })).toEqual([
          sameDay,
        ]);
      });

      it('lists current stances on a topic sorted by actor', async () => {
        await seeded();
        const stances = await store.currentStances({ topicId: topics.strikes.id, window: noWindow });
        expect(stances.map((s) => s.id)).toEqual([
          statements.sheinbaumOpposes.id,
          statements.hegsethSupports.id,
          statements.usGovernmentSupports2020.id,
        ]);
      });

      it('pairs actors whose current stances are opposite, the asking actor first', async () => {
        await seeded();
        const pairs = await store.stancePairs({
          actorId: actors.sheinbaum.id,
          agreement: 'opposite',
          window: noWindow,
        });
        expect(pairs).toEqual([
          {
            topicId: topics.strikes.id,
            first: statements.sheinbaumOpposes,
            second: statements.hegsethSupports,
          },
          {
            topicId: topics.strikes.id,
            first: statements.sheinbaumOpposes,
            second: statements.usGovernmentSupports2020,
          },
        ]);
      });

      it('pairs every agreeing couple once, lower id first', async () => {
        await seeded();
        const pairs = await store.stancePairs({ agreement: 'same', window: noWindow });
        expect(pairs).toEqual([
          {
            topicId: topics.strikes.id,
            first: statements.hegsethSupports,
            second: statements.usGovernmentSupports2020,
          },
        ]);
        const windowed = await store.stancePairs({ agreement: 'same', window: { from: '2025-01-01' } });
        expect(windowed).toEqual([]);
        const otherTopic = await store.stancePairs({
          agreement: 'opposite',
          topicId: topics.unilateral.id,
          window: noWindow,
        });
        expect(otherTopic).toEqual([]);
      });

      it('leaves neutral and mixed stances out of agreement and conflict', async () => {
        await seeded();
        await store.update('statements', statements.hegsethSupports.id, (s) => ({
          ...s,
          polarity: 'neutral',
        }));
        await store.update('statements', statements.usGovernmentSupports2020.id, (s) => ({
          ...s,
          polarity: 'mixed',
        }));
        expect(await store.stancePairs({ agreement: 'opposite', window: noWindow })).toEqual([]);
        expect(await store.stancePairs({ agreement: 'same', window: noWindow })).toEqual([]);
      });
    });

    describe('counterparts, a page at a time', () => {
      const hostile = ['rejects', 'warns', 'targets'] as const;
      const friendly = ['supports', 'cooperates_with'] as const;
      // Sheinbaum's answer to the White House, from the article's first sentence.
      const sheinbaumRejectsUs: Relation = {
        id: 'rel-sheinbaum-rejects-us-interference',
        sourceId: actors.sheinbaum.id,
        targetId: actors.usGovernment.id,
        type: 'rejects',
        topicId: topics.strikes.id,
        date: '2025-04-10',
        datePrecision: 'day',
        quote: 'We reject any form of interference',
        documentId: document.id,
        confidence: 0.9,
        method: 'manual',
        reviewStatus: 'accepted',
      };
      const opponentsOf = (actorId: string, more: Partial<CounterpartQuery> = {}) =>
        store.counterparts({
          actorId,
          types: hostile,
          agreement: 'opposite',
          window: noWindow,
          limit: 10,
          offset: 0,
          ...more,
        });

      it('ranks by number of reasons, most first, with the relations and stance pairs behind each', async () => {
        await seeded();
        await store.create('relations', sheinbaumRejectsUs);
        expect(await opponentsOf(actors.sheinbaum.id)).toEqual({
          total: 2,
          items: [
            {
              actorId: actors.usGovernment.id,
              relations: [sheinbaumRejectsUs],
              stancePairs: [
                {
                  topicId: topics.strikes.id,
                  first: statements.sheinbaumOpposes,
                  second: statements.usGovernmentSupports2020,
                },
              ],
            },
            {
              actorId: actors.hegseth.id,
              relations: [],
              stancePairs: [
                {
                  topicId: topics.strikes.id,
                  first: statements.sheinbaumOpposes,
                  second: statements.hegsethSupports,
                },
              ],
            },
          ],
        });
      });

      it('breaks ties in the number of reasons by actor id', async () => {
        await seeded();
        const { items, total } = await opponentsOf(actors.sheinbaum.id);
        expect(total).toBe(2);
        expect(items.map((c) => c.actorId)).toEqual([actors.hegseth.id, actors.usGovernment.id]);
      });

      it('cuts pages from one ranking, and counts every counterpart in the total', async () => {
        await seeded();
        await store.create('relations', sheinbaumRejectsUs);
        const first = await opponentsOf(actors.sheinbaum.id, { limit: 1 });
        const second = await opponentsOf(actors.sheinbaum.id, { limit: 1, offset: 1 });
        const beyond = await opponentsOf(actors.sheinbaum.id, { limit: 1, offset: 2 });
        expect(first.items.map((c) => c.actorId)).toEqual([actors.usGovernment.id]);
        expect(second.items.map((c) => c.actorId)).toEqual([actors.hegseth.id]);
        expect(second.items[0]!.stancePairs[0]!.second).toEqual(statements.hegsethSupports);
        expect(beyond).toEqual({ items: [], total: 2 });
        expect([first.total, second.total]).toEqual([2, 2]);
      });

      it('follows relations in either direction, and answers an empty page for an actor without any', async () => {
        await seeded();
        expect(await opponentsOf(actors.mexico.id)).toEqual({
          total: 1,
          items: [{ actorId: actors.hegseth.id, relations: [relations.hegsethWarnsMexico], stancePairs: [] }],
        });
        expect(await opponentsOf(actors.hegseth.id, { types: ['targets'], agreement: 'same' })).toEqual({
          total: 1,
          items: [
            {
              actorId: actors.usGovernment.id,
              relations: [],
              stancePairs: [
                {
                  topicId: topics.strikes.id,
                  first: statements.hegsethSupports,
                  second: statements.usGovernmentSupports2020,
                },
              ],
            },
          ],
        });
        expect(await opponentsOf(actors.vigil.id)).toEqual({ items: [], total: 0 });
      });

      it('narrows to a topic and a time window, and leaves out what review has not accepted', async () => {
        await seeded();
        await store.create('relations', sheinbaumRejectsUs);
        const allies = (more: Partial<CounterpartQuery>) =>
          opponentsOf(actors.hegseth.id, { types: friendly, agreement: 'same', ...more });
        expect((await allies({})).total).toBe(1);
        expect(await allies({ window: { from: '2025-01-01' } })).toEqual({ items: [], total: 0 });
        expect(await allies({ topicId: topics.unilateral.id })).toEqual({ items: [], total: 0 });
        const inApril = await opponentsOf(actors.sheinbaum.id, {
          window: { from: '2025-04-01', to: '2025-04-30' },
        });
        // The 2020 stance is outside April: one reason each, so the order falls back on the ids.
        expect(inApril.items.map((c) => [c.actorId, c.relations.length, c.stancePairs.length])).toEqual([
          [actors.hegseth.id, 0, 1],
          [actors.usGovernment.id, 1, 0],
        ]);
        await store.update('relations', sheinbaumRejectsUs.id, (r) => ({ ...r, reviewStatus: 'proposed' }));
        await store.update('statements', statements.hegsethSupports.id, (s) => ({
          ...s,
          reviewStatus: 'rejected',
        }));
        const reviewed = await opponentsOf(actors.sheinbaum.id);
        expect(reviewed.total).toBe(1);
        expect(reviewed.items.map((c) => [c.actorId, c.relations.length, c.stancePairs.length])).toEqual([
          [actors.usGovernment.id, 0, 1],
        ]);
      });
    });

    describe('shortest paths', () => {
      it('walks relations and affiliations in either direction', async () => {
        await seeded();
        const paths = await store.shortestPaths({
          fromId: actors.sheinbaum.id,
          toId: actors.hegseth.id,
          maxDepth: 4,
          limit: 10,
        });
        expect(paths).toHaveLength(1);
        expect(paths[0]!.map((hop) => [hop.from, hop.to])).toEqual([
          [actors.sheinbaum.id, actors.mexico.id],
          [actors.mexico.id, actors.hegseth.id],
        ]);
        expect(paths[0]![0]!.edge).toEqual({
          kind: 'affiliation',
          affiliation: affiliations.sheinbaumLeadsMexico,
        });
        expect(paths[0]![1]!.edge).toEqual({ kind: 'relation', relation: relations.hegsethWarnsMexico });
      });

      it('returns every shortest path up to the limit, in a stable order', async () => {
        await seeded();
        await store.create('relations', {
          ...relations.hegsethWarnsMexico,
          id: 'rel-hegseth-threatens-mexico',
          type: 'threatens',
        });
        const paths = await store.shortestPaths({
          fromId: actors.sheinbaum.id,
          toId: actors.hegseth.id,
          maxDepth: 4,
          limit: 10,
        });
        expect(
          paths.map((p) =>
            p.map((hop) => (hop.edge.kind === 'relation' ? hop.edge.relation.id : hop.edge.affiliation.id)),
          ),
        ).toEqual([
          [affiliations.sheinbaumLeadsMexico.id, 'rel-hegseth-threatens-mexico'],
          [affiliations.sheinbaumLeadsMexico.id, relations.hegsethWarnsMexico.id],
        ]);
        const one = await store.shortestPaths({
          fromId: actors.sheinbaum.id,
          toId: actors.hegseth.id,
          maxDepth: 4,
          limit: 1,
        });
        expect(one).toEqual([paths[0]]);
      });

      it('gives up beyond the depth limit, and on unknown or unconnected actors', async () => {
        await seeded();
        const far = { fromId: actors.sheinbaum.id, toId: actors.cartels.id, limit: 10 };
        expect(await store.shortestPaths({ ...far, maxDepth: 3 })).toEqual([]);
        const found = await store.shortestPaths({ ...far, maxDepth: 4 });
        expect(found.map((p) => p.map((hop) => hop.to))).toEqual([
          [actors.mexico.id, actors.hegseth.id, actors.usGovernment.id, actors.cartels.id],
        ]);
        expect(
          await store.shortestPaths({
            fromId: actors.vigil.id,
            toId: actors.hegseth.id,
            maxDepth: 6,
            limit: 10,
          }),
        ).toEqual([]);
        expect(
          await store.shortestPaths({ fromId: 'nobody', toId: actors.hegseth.id, maxDepth: 6, limit: 10 }),
        ).toEqual([]);
      });

      it('walks only affiliations accepted in review or entered by hand', async () => {
        await seeded();
        const way = { fromId: actors.sheinbaum.id, toId: actors.hegseth.id, maxDepth: 4, limit: 10 };
        const viaMexico = await store.shortestPaths(way);
        for (const reviewStatus of ['proposed', 'rejected'] as const) {
          await store.update('affiliations', affiliations.sheinbaumLeadsMexico.id, (a) => ({
            ...a,
            reviewStatus,
          }));
          expect(await store.shortestPaths(way)).toEqual([]);
        }
        const accepted = await store.update('affiliations', affiliations.sheinbaumLeadsMexico.id, (a) => ({
          ...a,
          reviewStatus: 'accepted',
          reviewedBy: 'analyst@example.org',
          reviewedAt: '2025-04-11T09:30:00.000Z',
          reviewOutcome: 'accepted',
        }));
        const again = await store.shortestPaths(way);
        expect(again.map((p) => p.map((hop) => hop.to))).toEqual(
          viaMexico.map((p) => p.map((hop) => hop.to)),
        );
        expect(again[0]![0]!.edge).toEqual({ kind: 'affiliation', affiliation: accepted });
      });

      it('answers one empty path from an actor to itself', async () => {
        await seeded();
        expect(
          await store.shortestPaths({
            fromId: actors.mexico.id,
            toId: actors.mexico.id,
            maxDepth: 2,
            limit: 5,
          }),
        ).toEqual([[]]);
      });
    });

    describe('undated statements', () => {
      const undated = (id: string, polarity: Statement['polarity']): Statement => {
        const { statedAt: _date, ...rest } = statements.sheinbaumOpposes;
        return { ...rest, id, polarity, quote: undefined, evidence: undefined } as Statement;
      };
      const clean = (s: Statement) => JSON.parse(JSON.stringify(s)) as Statement;

      it('keeps an undated statement undated, and out of every window with a bound', async () => {
        await seeded();
        const record = clean(undated('st-undated-support', 'support'));
        await store.create('statements', record);
        expect(await store.get('statements', record.id)).toEqual(record);
        const ids = async (window: { from?: string; to?: string }) =>
          (await store.list('statements', { ...page, ...window })).items.map((s) => s.id);
        expect(await ids({})).toContain(record.id);
        expect(await ids({ to: '2099-12-31' })).not.toContain(record.id);
        expect(await ids({ from: '1900-01-01' })).not.toContain(record.id);
        const current = async (window: { from?: string; to?: string }) =>
          (
            await store.currentStances({
              actorId: actors.sheinbaum.id,
              topicId: topics.strikes.id,
              window,
            })
          ).map((s) => s.id);
        // A dated statement supersedes an undated one, whatever their ids.
        expect(await current({})).toEqual([statements.sheinbaumOpposes.id]);
        expect(await current({ to: '2099-12-31' })).toEqual([statements.sheinbaumOpposes.id]);
      });

      it('counts an undated statement as current only where the actor has no dated one, and only without bounds', async () => {
        await seeded();
        await store.delete('statements', statements.sheinbaumOpposes.id);
        const record = clean(undated('st-undated-oppose', 'oppose'));
        await store.create('statements', record);
        const current = async (window: { from?: string; to?: string }) =>
          (await store.currentStances({ actorId: actors.sheinbaum.id, window })).map((s) => s.id);
        expect(await current({})).toEqual([record.id]);
        expect(await current({ to: '2099-12-31' })).toEqual([]);
        const pairs = await store.stancePairs({
          actorId: actors.sheinbaum.id,
          agreement: 'opposite',
          window: { to: '2099-12-31' },
        });
        expect(pairs).toEqual([]);
      });
    });

    describe('bulk', () => {
      it('loads a snapshot idempotently', async () => {
        await seeded();
        const once = await store.counts();
        await store.upsertSnapshot(articleSnapshot());
        expect(await store.counts()).toEqual(once);
        expect(once).toEqual({
          actors: 7,
          topics: 2,
          documents: 1,
          statements: 4,
          relations: 2,
          affiliations: 2,
        });
      });

      it('loads nothing when one record of the snapshot is broken', async () => {
        const snapshot = articleSnapshot();
        snapshot.relations.push({
          ...relations.usTargetsCartels,
          id: 'rel-broken',
          targetId: 'no-such-actor',
        });
        await expect(store.upsertSnapshot(snapshot)).rejects.toBeInstanceOf(ValidationError);
        expect(await store.counts()).toEqual({
          actors: 0,
          topics: 0,
          documents: 0,
          statements: 0,
          relations: 0,
          affiliations: 0,
        });
      });

      it('refuses two documents with one text in a snapshot as a conflict, and loads none of it', async () => {
        const twin = { ...document, id: 'drone-strikes-article-copy', title: 'A copy' };
        await expect(store.upsertSnapshot({ documents: [document, twin] })).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect((await store.counts()).documents).toBe(0);
      });

      it('refuses a snapshot whose topics run in a circle, and loads none of it', async () => {
        const strikesUnderUnilateral = { ...topics.strikes, parentId: topics.unilateral.id };
        const error = await store
          .upsertSnapshot({ topics: [strikesUnderUnilateral, topics.unilateral] })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues).toEqual([
          {
            path: ['parentId'],
            message: `'${topics.unilateral.id}' descends from '${topics.strikes.id}'`,
          },
        ]);
        expect((await store.counts()).topics).toBe(0);
      });

      it("keeps a claim's evidence status as written", async () => {
        await seeded();
        const verified: Statement = { ...statements.sheinbaumOpposes, evidenceStatus: 'verified' };
        const unverified: Relation = { ...relations.hegsethWarnsMexico, evidenceStatus: 'unverified' };
        await store.upsertSnapshot({ statements: [verified], relations: [unverified] });
        expect(await store.get('statements', verified.id)).toEqual(verified);
        expect(await store.get('relations', unverified.id)).toEqual(unverified);
      });

      it('accepts a sub-topic listed before its parent', async () => {
        await store.upsertSnapshot({ topics: [topics.unilateral, topics.strikes] });
        expect(await store.get('topics', topics.unilateral.id)).toEqual(topics.unilateral);
      });

      it('reads every record back in id order, batch by batch', async () => {
        await seeded();
        const batches = [];
        for await (const batch of store.readAll('actors', 3)) batches.push(batch.map((a) => a.id));
        expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
        expect(batches.flat()).toEqual(
          Object.values(actors)
            .map((a) => a.id)
            .sort(),
        );
      });

      it('reports itself healthy', async () => {
        expect((await store.health()).ok).toBe(true);
      });
    });

    describe('commit and history', () => {
      const at = '2025-04-12T08:00:00.000Z';
      const mexicanGovernment = {
        id: 'mexican-government',
        name: 'Mexican government',
        aliases: ['Mexico'],
        kind: 'government' as const,
        country: 'MX',
      };
      const warnsGovernment = { ...relations.hegsethWarnsMexico, targetId: mexicanGovernment.id };
      const leadsGovernment = { ...affiliations.sheinbaumLeadsMexico, organizationId: mexicanGovernment.id };
      /** Mexico the state folded into the Mexican government: one relation and one affiliation move. */
      const foldMexico = (): HistoryEvent[] =>
        historyEvents(
          [
            { kind: 'actors', action: 'merged', before: null, after: mexicanGovernment },
            {
              kind: 'relations',
              action: 'merged',
              before: relations.hegsethWarnsMexico,
              after: warnsGovernment,
              causedBy: 0,
            },
            {
              kind: 'affiliations',
              action: 'merged',
              before: affiliations.sheinbaumLeadsMexico,
              after: leadsGovernment,
              causedBy: 0,
            },
            { kind: 'actors', action: 'merged', before: actors.mexico, after: null, causedBy: 0 },
          ],
          { by: 'analyst@example.org', at, reason: 'one actor under two names', documentId: document.id },
        );
      const everyEvent = { limit: 100, offset: 0 };

      it('writes, moves and removes records with their history in one commit, read back per record and per document', async () => {
        await seeded();
        const events = foldMexico();
        await store.commit({
          upsert: {
            actors: [mexicanGovernment],
            relations: [warnsGovernment],
            affiliations: [leadsGovernment],
          },
          remove: { actors: [actors.mexico.id] },
          history: events,
        });
        expect(await store.get('actors', actors.mexico.id)).toBeUndefined();
        expect(await store.get('relations', warnsGovernment.id)).toEqual(warnsGovernment);
        expect(await store.get('affiliations', leadsGovernment.id)).toEqual(leadsGovernment);
        expect(
          (await store.relations({ actorId: mexicanGovernment.id, types: ['warns'], window: noWindow })).map(
            (r) => r.id,
          ),
        ).toEqual([warnsGovernment.id]);

        expect(await store.history(everyEvent)).toEqual({ items: events, total: 4 });
        expect(await store.history({ ...everyEvent, kind: 'actors', recordId: actors.mexico.id })).toEqual({
          items: [events[3]],
          total: 1,
        });
        expect((await store.history({ ...everyEvent, documentId: document.id })).total).toBe(4);
        expect(await store.history({ ...everyEvent, documentId: 'another-document' })).toEqual({
          items: [],
          total: 0,
        });
        expect(await store.history({ limit: 2, offset: 1 })).toEqual({ items: events.slice(1, 3), total: 4 });
      });

      it('commits nothing, history included, while a removed record is still referred to', async () => {
        await seeded();
        const error = await store
          .commit({
            upsert: { actors: [mexicanGovernment], relations: [warnsGovernment] },
            remove: { actors: [actors.mexico.id] },
            history: foldMexico(),
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as Error).message).toMatch(/mexico.*affiliations \(organization_id\)/);
        expect(await store.get('actors', actors.mexico.id)).toEqual(actors.mexico);
        expect(await store.get('actors', mexicanGovernment.id)).toBeUndefined();
        expect(await store.get('relations', warnsGovernment.id)).toEqual(relations.hegsethWarnsMexico);
        expect(await store.history(everyEvent)).toEqual({ items: [], total: 0 });
      });

      it('commits nothing when a written record points at a removed one, or a removed record does not exist', async () => {
        await seeded();
        await expect(
          store.commit({ upsert: { relations: [warnsGovernment] }, history: foldMexico() }),
        ).rejects.toBeInstanceOf(ValidationError);
        await expect(
          store.commit({ remove: { actors: ['no-such-actor'] }, history: foldMexico() }),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.get('relations', warnsGovernment.id)).toEqual(relations.hegsethWarnsMexico);
        expect((await store.history(everyEvent)).total).toBe(0);
      });

      it('appends only: an event whose id is stored keeps its first version', async () => {
        const [first] = foldMexico();
        await store.commit({ history: [first!] });
        await store.commit({ history: [{ ...first!, by: 'someone-else', reason: 'rewritten' }] });
        expect(await store.history(everyEvent)).toEqual({ items: [first], total: 1 });
      });
    });

    describe('full-text search', () => {
      const everything: Omit<TextSearchQuery, 'terms'> = {
        kinds: ['statements', 'relations', 'documents'],
        reviewStatuses: ['accepted', 'proposed'],
        limit: 50,
        offset: 0,
      };
      const found = async (q: string, options: Partial<typeof everything> = {}) =>
        (await store.searchText({ ...everything, ...options, terms: searchTerms(q) })).items
          .map((hit) => `${hit.kind}:${hit.id}:${hit.field}`)
          .sort();

      it('finds quotes, evidence sentences and document text, each record once by its matching field', async () => {
        await seeded();
        expect(await found('interference')).toEqual([
          `documents:${document.id}:text`,
          `statements:${statements.sheinbaumOpposes.id}:quote`,
        ]);
        // Accents and case are ignored, and a word matches the start of a longer one.
        expect(await found('DÉVASTAT bilateral')).toEqual([
          `documents:${document.id}:text`,
          `statements:${statements.floresMaciasOpposes.id}:quote`,
        ]);
        expect(await found('closed doors', { kinds: ['relations'] })).toEqual([
          `relations:${relations.hegsethWarnsMexico.id}:evidence`,
        ]);
        expect(await found('drone attack', { kinds: ['documents'] })).toEqual([
          `documents:${document.id}:title`,
        ]);
      });

      it('needs every word in one field, and finds nothing for words no record has', async () => {
        await seeded();
        // "interference" is in Sheinbaum's sentence, "Cornell" in another one: no single field has both.
        expect(await found('interference Cornell', { kinds: ['statements'] })).toEqual([]);
        expect(await found('xylophone')).toEqual([]);
      });

      it('marks the matched words in a snippet cut from the field', async () => {
        await seeded();
        const { items, total } = await store.searchText({
          ...everything,
          kinds: ['statements'],
          terms: searchTerms('reject interference'),
        });
        expect(total).toBe(1);
        const snippet = items[0]!.snippet;
        expect(snippet.highlights.map((h) => snippet.text.slice(h.start, h.end))).toEqual([
          'reject',
          'interference',
        ]);
        expect(items[0]).toMatchObject({ documentId: document.id, reviewStatus: 'accepted' });
      });

      it('keeps claims out unless their review status is asked for, and follows every write and delete', async () => {
        await seeded();
        await store.update('statements', statements.sheinbaumOpposes.id, (s) => ({
          ...s,
          reviewStatus: 'rejected',
        }));
        expect(await found('interference', { kinds: ['statements'] })).toEqual([]);
        expect(await found('interference', { kinds: ['statements'], reviewStatuses: ['rejected'] })).toEqual([
          `statements:${statements.sheinbaumOpposes.id}:quote`,
        ]);
        await store.update('statements', statements.sheinbaumOpposes.id, (s) => ({
          ...s,
          reviewStatus: 'accepted',
          quote: 'We will never accept subordination',
        }));
        expect(await found('subordination', { kinds: ['statements'] })).toEqual([
          `statements:${statements.sheinbaumOpposes.id}:quote`,
        ]);
        await store.delete('documents', document.id, { cascade: true });
        expect(await found('interference')).toEqual([]);
        expect(await found('subordination')).toEqual([]);
      });

      it('pages with a total of every matching record', async () => {
        await seeded();
        const first = await store.searchText({ ...everything, terms: searchTerms('mexico'), limit: 1 });
        const all = await store.searchText({ ...everything, terms: searchTerms('mexico') });
        expect(first.items).toHaveLength(1);
        expect(first.total).toBe(all.total);
        expect(all.total).toBeGreaterThan(1);
      });
    });
  });
}
