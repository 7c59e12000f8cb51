import type { QueryParams } from '../../src/store/neo4j/neo4j-queries';
import type {
  DriverLike,
  QueryRunner,
  RecordLike,
  SessionConfig,
  SessionLike,
} from '../../src/store/neo4j/neo4j-session';

/** One statement as the store sent it. */
export interface SentQuery {
  text: string;
  params: QueryParams;
  database: string;
  mode: 'READ' | 'WRITE';
  /** The session's bookmark manager, by identity: the store shares one between all its sessions. */
  bookmarkManager: SessionConfig['bookmarkManager'];
}

/** Answers a statement with plain rows (column -> value), or throws to simulate a failure. */
export type Responder = (sent: SentQuery) => Record<string, unknown>[];

/**
 * A stand-in for neo4j-driver that records every (query, parameters) pair and answers from a responder.
 * Managed transactions run their work once; there is no retry and no real Cypher.
 */
export class FakeDriver implements DriverLike {
  readonly sent: SentQuery[] = [];
  openSessions = 0;
  closed = false;

  constructor(public respond: Responder = () => []) {}

  session(config: SessionConfig): SessionLike {
    this.openSessions++;
    const runner: QueryRunner = {
      run: async (text, params) => {
        const sent: SentQuery = {
          text,
          params,
          database: config.database,
          mode: config.defaultAccessMode,
          bookmarkManager: config.bookmarkManager,
        };
        this.sent.push(sent);
        const rows = this.respond(sent);
        return { records: rows.map(toRecord) };
      },
    };
    let open = true;
    return {
      executeRead: async (work) => work(runner),
      executeWrite: async (work) => work(runner),
      close: async () => {
        if (open) this.openSessions--;
        open = false;
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function toRecord(row: Record<string, unknown>): RecordLike {
  return {
    get(key: string) {
      if (!(key in row)) throw new Error(`fake record has no column '${key}'`);
      return row[key];
    },
  };
}
