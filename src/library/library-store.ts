import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { VerbatimError } from '../core/errors.js';
import type { ArticleMeta } from '../core/types.js';

/** An article that at least one server has added; its files are `articles/<id>.txt/.json`. */
export interface StoredArticle {
  id: string;
  /** The canonical URL the page named (or the URL it came from). */
  canonicalUrl: string | null;
  /** sha256 of the saved `.txt`: the same text from another link is the same article. */
  sha256: string;
}

/**
 * What /sources lists for an article, recorded when it is added (and again when its index is
 * opened and says otherwise), so a start lists every server's articles without opening one.
 */
export interface ArticleSummary {
  meta: ArticleMeta;
  sentences: number;
}

/** An article as the start reads it: null `summary` for one recorded before summaries were (schema 1). */
export interface ListedArticle extends StoredArticle {
  summary: ArticleSummary | null;
}

/** One server's claim on an article. */
export interface StoredEntry {
  guildId: string;
  articleId: string;
  /** The link as it was given. */
  sourceUrl: string;
  addedBy: string;
  /** ISO time. */
  addedAt: string;
}

/**
 * The library's records in SQLite: which articles exist, which server has which, and a log of
 * adds for the per-hour limit. Synchronous (better-sqlite3): each call is a few microseconds.
 */
export interface LibraryStore {
  readonly file: string;
  articles(): ListedArticle[];
  /** Every server's entries, each server's in the order they were added. */
  entries(): StoredEntry[];
  /** An article with this canonical or source URL, or this text. */
  findArticle(match: { url?: string; sha256?: string }): StoredArticle | undefined;
  /** Inserts the article (with its summary) if it is new and the server's entry, and logs the add: all or nothing. */
  addEntry(entry: StoredEntry & { article: StoredArticle; summary: ArticleSummary; addedAtMs: number }): void;
  /** Replaces an article's summary: one recorded before summaries were, or one its opened index contradicts. */
  recordSummary(articleId: string, summary: ArticleSummary): void;
  /** Deletes the entry; also the article when no server has it any more. True when the article went. */
  removeEntry(entry: { guildId: string; articleId: string }): { removed: boolean; articleOrphaned: boolean };
  entryCount(guildId: string): number;
  /** Times (ms) of the server's adds since `sinceMs`, oldest first. */
  addsSince(guildId: string, sinceMs: number): number[];
  close(): void;
}

/** Each step takes the schema from `user_version` N-1 to N; steps are never edited once shipped. */
const migrations: readonly string[] = [
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     canonical_url TEXT,
     sha256 TEXT NOT NULL
   );
   CREATE INDEX articles_by_canonical_url ON articles (canonical_url);
   CREATE INDEX articles_by_sha256 ON articles (sha256);
   CREATE TABLE entries (
     position INTEGER PRIMARY KEY AUTOINCREMENT,
     guild_id TEXT NOT NULL,
     article_id TEXT NOT NULL REFERENCES articles (id),
     source_url TEXT NOT NULL,
     added_by TEXT NOT NULL,
     added_at TEXT NOT NULL,
     UNIQUE (guild_id, article_id)
   );
   CREATE INDEX entries_by_source_url ON entries (source_url);
   CREATE TABLE adds (
     guild_id TEXT NOT NULL,
     added_at_ms INTEGER NOT NULL
   );
   CREATE INDEX adds_by_guild ON adds (guild_id, added_at_ms);`,
  // What /sources lists, so a start need not open every article's index; null until recorded.
  `ALTER TABLE articles ADD COLUMN meta_json TEXT;
   ALTER TABLE articles ADD COLUMN sentences INTEGER;`,
];

/** Opens (creating on first start) the library database and brings its schema up to date. */
export function openLibraryStore(file: string): LibraryStore {
  mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
  } catch (error) {
    if (error instanceof VerbatimError) throw error;
    throw new VerbatimError(
      'LIBRARY_CORRUPT',
      `The server library database ${file} could not be opened (${(error as Error).message}). Restore it from a backup, or move it aside to start with empty server libraries.`,
      { cause: error },
    );
  }

  const statements = {
    articles: db.prepare('SELECT id, canonical_url AS canonicalUrl, sha256, meta_json AS metaJson, sentences FROM articles ORDER BY id'),
    entries: db.prepare(
      'SELECT guild_id AS guildId, article_id AS articleId, source_url AS sourceUrl, added_by AS addedBy, added_at AS addedAt FROM entries ORDER BY position',
    ),
    articleById: db.prepare('SELECT id, canonical_url AS canonicalUrl, sha256 FROM articles WHERE id = ?'),
    articleByUrl: db.prepare(
      `SELECT id, canonical_url AS canonicalUrl, sha256 FROM articles
       WHERE canonical_url = @url OR id IN (SELECT article_id FROM entries WHERE source_url = @url) LIMIT 1`,
    ),
    articleBySha256: db.prepare('SELECT id, canonical_url AS canonicalUrl, sha256 FROM articles WHERE sha256 = ? LIMIT 1'),
    insertArticle: db.prepare(
      'INSERT OR IGNORE INTO articles (id, canonical_url, sha256, meta_json, sentences) VALUES (@id, @canonicalUrl, @sha256, @metaJson, @sentences)',
    ),
    updateSummary: db.prepare('UPDATE articles SET meta_json = @metaJson, sentences = @sentences WHERE id = @id'),
    insertEntry: db.prepare(
      'INSERT INTO entries (guild_id, article_id, source_url, added_by, added_at) VALUES (@guildId, @articleId, @sourceUrl, @addedBy, @addedAt)',
    ),
    insertAdd: db.prepare('INSERT INTO adds (guild_id, added_at_ms) VALUES (?, ?)'),
    forgetOldAdds: db.prepare('DELETE FROM adds WHERE added_at_ms < ?'),
    deleteEntry: db.prepare('DELETE FROM entries WHERE guild_id = ? AND article_id = ?'),
    holders: db.prepare('SELECT COUNT(*) AS count FROM entries WHERE article_id = ?'),
    deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
    entryCount: db.prepare('SELECT COUNT(*) AS count FROM entries WHERE guild_id = ?'),
    addsSince: db.prepare('SELECT added_at_ms AS at FROM adds WHERE guild_id = ? AND added_at_ms >= ? ORDER BY added_at_ms'),
  };

  const addEntry = db.transaction((entry: StoredEntry & { article: StoredArticle; summary: ArticleSummary; addedAtMs: number }) => {
    statements.insertArticle.run({ ...entry.article, ...summaryColumns(entry.summary) });
    statements.insertEntry.run(entry);
    statements.insertAdd.run(entry.guildId, entry.addedAtMs);
    // The log only needs the last hour; older rows would only grow the file.
    statements.forgetOldAdds.run(entry.addedAtMs - 24 * 3_600_000);
  });

  const removeEntry = db.transaction(({ guildId, articleId }: { guildId: string; articleId: string }) => {
    const removed = statements.deleteEntry.run(guildId, articleId).changes > 0;
    const { count } = statements.holders.get(articleId) as { count: number };
    const articleOrphaned = removed && count === 0;
    if (articleOrphaned) statements.deleteArticle.run(articleId);
    return { removed, articleOrphaned };
  });

  return {
    file,
    articles: () => (statements.articles.all() as ArticleRow[]).map(listedArticle),
    entries: () => statements.entries.all() as StoredEntry[],
    findArticle({ url, sha256 }) {
      if (url !== undefined) {
        const byUrl = statements.articleByUrl.get({ url }) as StoredArticle | undefined;
        if (byUrl) return byUrl;
      }
      return sha256 === undefined ? undefined : (statements.articleBySha256.get(sha256) as StoredArticle | undefined);
    },
    addEntry: (entry) => addEntry(entry),
    recordSummary: (articleId, summary) => statements.updateSummary.run({ id: articleId, ...summaryColumns(summary) }),
    removeEntry: (entry) => removeEntry(entry),
    entryCount: (guildId) => (statements.entryCount.get(guildId) as { count: number }).count,
    addsSince: (guildId, sinceMs) => (statements.addsSince.all(guildId, sinceMs) as Array<{ at: number }>).map((row) => row.at),
    close: () => db.close(),
  };
}

interface ArticleRow extends StoredArticle {
  metaJson: string | null;
  sentences: number | null;
}

function summaryColumns({ meta, sentences }: ArticleSummary): { metaJson: string; sentences: number } {
  return { metaJson: JSON.stringify(meta), sentences };
}

/** A summary that does not parse or is not the row's article counts as none: the start reads it again from the article's files. */
function listedArticle({ metaJson, sentences, ...article }: ArticleRow): ListedArticle {
  if (metaJson === null || sentences === null) return { ...article, summary: null };
  try {
    const meta = JSON.parse(metaJson) as Partial<ArticleMeta> | null;
    if (meta?.id !== article.id || typeof meta.title !== 'string' || typeof meta.publisher !== 'string') return { ...article, summary: null };
    return { ...article, summary: { meta: meta as ArticleMeta, sentences } };
  } catch {
    return { ...article, summary: null };
  }
}

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new VerbatimError(
      'LIBRARY_CORRUPT',
      `The server library database ${file} was written by a newer version of Verbatim (schema ${version}, this one knows ${migrations.length}). Update Verbatim.`,
    );
  }
  db.transaction(() => {
    migrations.slice(version).forEach((step, offset) => {
      db.exec(step);
      db.pragma(`user_version = ${version + offset + 1}`);
    });
  })();
}
