import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface IntegrityReport {
  ok: boolean;
  /** Empty when ok; otherwise SQLite's own findings (page damage, broken indexes, dangling references). */
  problems: string[];
}

/**
 * Checks a data folder's database file the way SQLite itself does: `PRAGMA integrity_check` for the
 * file's structure, `PRAGMA foreign_key_check` for references (a statement whose actor, topic or
 * document is gone; a relation to a missing actor). Opening the file also replays the WAL, which is
 * exactly what a restart after a crash does.
 */
export function checkSqliteIntegrity(dataDir: string): IntegrityReport {
  const file = path.join(dataDir, 'stancegraph.db');
  if (!fs.existsSync(file)) return { ok: false, problems: [`stancegraph/sqlite: no database at ${file}`] };
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    );
    const dangling = (
      db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
    ).map((row) => `${row.table} row ${row.rowid} refers to a missing ${row.parent} record`);
    const problems = [...integrity.filter((line) => line !== 'ok'), ...dangling];
    return { ok: problems.length === 0, problems };
  } finally {
    db.close();
  }
}
