import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServiceFromIndex, openIndex, openLibraryFromIndex, type OpenedIndex } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import { VerbatimError } from '../../src/core/errors.js';
import type { Answer } from '../../src/core/types.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import type { Library, LibraryEntry } from '../../src/library/library.js';
import { openLibrary, type ImportPage } from '../../src/library/open-library.js';
import { sentencesFirstEmbedder } from '../fakes/held-back-embedder.js';

const fixtures = 'test/fixtures/library';
const pages = {
  frost: { url: 'https://valleytribune.example/news/millbrook-frost', slug: 'valley-tribune-orchard-frost' },
  closure: { url: 'https://metro-observer.example/2026/library-closure', slug: 'metro-observer-library-closure' },
} as const;
const frostQuestion = 'How cold did it get before dawn in the Millbrook valley?';
const operatorQuestion = 'What would the government have to prove before attacking?';

let workDir: string;
let config: Readonly<Config>;
let opened: OpenedIndex;
const libraries: Library[] = [];

/** Serves the fixture pages the way the real importer saves them: `<slug>.txt` and `<slug>.json` in the folder given. */
function fixtureImporter(): ImportPage & { calls: string[] } {
  const calls: string[] = [];
  const importPage = async ({ url, dir }: { url: string; dir: string }) => {
    calls.push(url);
    const page = Object.values(pages).find((candidate) => candidate.url === url);
    if (!page) throw new VerbatimError('NO_ARTICLE_IN_PAGE');
    await cp(join(fixtures, `${page.slug}.txt`), join(dir, `${page.slug}.txt`));
    await cp(join(fixtures, `${page.slug}.json`), join(dir, `${page.slug}.json`));
    return { file: join(dir, `${page.slug}.txt`) };
  };
  return Object.assign(importPage, { calls });
}

interface TestLibraryOptions {
  dir: string;
  maxArticles?: number;
  addsPerHour?: number;
  now?: () => Date;
  importPage?: ImportPage;
  indexEmbedder?: Embedder;
  logger?: RecordingLogger;
  openInBackground?: boolean;
}

async function openTestLibrary({
  dir,
  maxArticles = 50,
  addsPerHour = 10,
  now,
  importPage = fixtureImporter(),
  indexEmbedder,
  logger,
  openInBackground,
}: TestLibraryOptions): Promise<Library> {
  const library = await openLibrary({
    config: { cacheDir: config.cacheDir, library: { dir, maxArticlesPerServer: maxArticles, addsPerHourPerServer: addsPerHour } },
    operator: opened,
    importPage,
    createService: (index) => createServiceFromIndex(config, { index, embedder: opened.embedder }),
    ...(now ? { now } : {}),
    ...(indexEmbedder ? { indexEmbedder } : {}),
    ...(logger ? { logger } : {}),
    ...(openInBackground === undefined ? {} : { openInBackground }),
  });
  libraries.push(library);
  return library;
}

type LoggedLine = { level: 'info' | 'warn' | 'error'; message: string; articleId?: string };
type RecordingLogger = Pick<Logger, 'info' | 'warn' | 'error'> & { lines: LoggedLine[] };

/** Keeps what the library logs, as pino would be called: an object, then the message. */
function recordingLogger(): RecordingLogger {
  const lines: LoggedLine[] = [];
  const at = (level: LoggedLine['level']) => (details: { articleId?: string }, message: string) => {
    lines.push({ level, message, ...(details.articleId ? { articleId: details.articleId } : {}) });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') } as unknown as RecordingLogger;
}

/** A model that is down: nothing can be embedded, so only a complete saved index can be opened. */
function cannotEmbed(): Embedder {
  return {
    modelId: opened.embedder.modelId,
    dimensions: opened.embedder.dimensions,
    embed: async () => {
      throw new VerbatimError('EMBEDDING_FAILED');
    },
  };
}

const closureQuestion = 'What did the council decide?';

const freshDir = () => mkdtemp(join(workDir, 'library-'));

const heldBackEmbedder = (slug: string) =>
  sentencesFirstEmbedder({ model: opened.embedder, cacheDir: config.cacheDir, articleFile: join(fixtures, `${slug}.txt`) });

async function manifestOf(dir: string, articleId: string): Promise<{ counts: { sentences: number; chunks: number } } | null> {
  return readFile(join(dir, 'index', articleId, 'manifest.json'), 'utf8').then(
    (text) => JSON.parse(text) as { counts: { sentences: number; chunks: number } },
    () => null,
  );
}

function citedArticles(answer: Answer): string[] {
  return [...new Set(answer.citations.map((citation) => citation.article))];
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'verbatim-library-'));
  await cp('data/articles', join(workDir, 'articles'), { recursive: true });
  config = parseConfig({
    ARTICLES_DIR: join(workDir, 'articles'),
    INDEX_DIR: join(workDir, 'index'),
    CACHE_DIR: join(workDir, 'cache'),
    LIBRARY_DIR: join(workDir, 'library'),
  });
  opened = await openIndex(config);
});

afterEach(async () => {
  await Promise.all(libraries.splice(0).map((library) => library.close()));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('per-server libraries', () => {
  it('answers from an article added in one server there, with its exact sentences, publisher and URL, and never in another', async () => {
    const library = await openLibraryFromIndex(config, opened, { importPage: fixtureImporter() });
    libraries.push(library);
    const added = await library.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    expect(added.created).toBe(true);
    expect(added.entry).toMatchObject({ guildId: 'server-a', addedBy: 'user-1', sourceUrl: pages.frost.url, meta: { publisher: 'Valley Tribune' } });

    const inA = await library.service('server-a').ask(frostQuestion);
    expect(inA.found).toBe(true);
    expect(citedArticles(inA)[0]).toBe(added.entry.meta.id);
    const savedText = await readFile(join(config.library.dir, 'articles', `${added.entry.meta.id}.txt`), 'utf8');
    for (const citation of inA.citations) expect(savedText.slice(citation.start, citation.end)).toBe(citation.text);
    expect(inA.attribution).toContain('Valley Tribune');
    expect(inA.attribution).toContain(pages.frost.url);

    const inB = await library.service('server-b').ask(frostQuestion);
    expect(citedArticles(inB)).not.toContain(added.entry.meta.id);
    expect(inB.attribution).not.toContain('Valley Tribune');
    expect(library.list('server-b').map((entry) => entry.meta.id)).not.toContain(added.entry.meta.id);
    expect(library.service('server-b').sources().map((meta) => meta.id)).not.toContain(added.entry.meta.id);

    for (const guildId of ['server-a', 'server-b', null]) {
      const answer = await library.service(guildId).ask(operatorQuestion);
      expect(answer.found).toBe(true);
      expect(citedArticles(answer)).toEqual(['latin-times-cartel-strike-plans']);
    }
    expect(library.list('server-a').map((entry) => [entry.meta.id, entry.guildId])).toEqual([
      ['latin-times-cartel-strike-plans', null],
      [added.entry.meta.id, 'server-a'],
    ]);
  });

  it('adds a real page served on 127.0.0.1 through the guarded fetcher when private addresses are allowed, and refuses it by default', async () => {
    const html = await readFile('test/fixtures/pages/wordpress-council-budget.html');
    let requests = 0;
    const server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/budget`;
    try {
      const dir = await freshDir();
      const refusing = await openLibraryFromIndex({ ...config, library: { ...config.library, dir } }, opened);
      libraries.push(refusing);
      await expect(refusing.add({ guildId: 'server-a', url, addedBy: 'user-1' })).rejects.toMatchObject({ code: 'URL_BLOCKED' });
      expect(requests).toBe(0);
      expect(await readdir(join(dir, 'articles')).catch(() => [])).toEqual([]);

      const allowing = await openLibraryFromIndex({ ...config, library: { ...config.library, dir: await freshDir() }, fetch: { ...config.fetch, allowPrivateNetwork: true } }, opened);
      libraries.push(allowing);
      const { entry } = await allowing.add({ guildId: 'server-a', url, addedBy: 'user-1' });
      expect(entry.meta).toMatchObject({ publisher: 'The Millbrook Ledger', title: 'Millbrook council passes budget with library hours restored' });
      const answer = await allowing.service('server-a').ask('Why did Kessler vote against the budget?');
      expect(citedArticles(answer)[0]).toBe(entry.meta.id);
      expect(answer.citations.map((citation) => citation.text).join(' ')).toContain('reserve withdrawal set a poor precedent');
      expect(answer.attribution).toContain('The Millbrook Ledger');
    } finally {
      server.close();
    }
  });

  it('is live: a service taken before an add answers from the old set, the next one from the new article, and questions asked during the add succeed', async () => {
    const library = await openTestLibrary({ dir: await freshDir() });
    const before = library.service('server-a');
    const adding = library.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    const during = await Promise.all([
      library.service('server-b').ask(operatorQuestion),
      library.service('server-a').ask(operatorQuestion),
      before.ask(frostQuestion),
    ]);
    const { entry } = await adding;
    for (const answer of during.slice(0, 2)) expect(answer.found).toBe(true);
    expect(citedArticles(during[2] as Answer)).not.toContain(entry.meta.id);

    expect(citedArticles(await before.ask(frostQuestion))).not.toContain(entry.meta.id);
    const after = await library.service('server-a').ask(frostQuestion);
    expect(after.found).toBe(true);
    expect(citedArticles(after)[0]).toBe(entry.meta.id);
  });

  it('answers a thread on an added article from that article first, and from the whole library when the article does not answer', async () => {
    const library = await openTestLibrary({ dir: await freshDir() });
    const frost = await library.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    const closure = await library.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' });
    const thread = library.service('server-a', { articleId: frost.entry.meta.id });

    const question = 'What did the government department say it would do?';
    const own = await thread.ask(question);
    expect(citedArticles(own)).toEqual([frost.entry.meta.id]);
    expect(own.citations.map((citation) => citation.text).join(' ')).toContain('send inspectors');
    const elsewhere = await thread.ask('What did the council decide?');
    expect(citedArticles(elsewhere)).toEqual([closure.entry.meta.id]);
    expect(thread.parties()[0]?.name).toMatch(/Lindqvist|Brennan|Ishikawa/);
  });

  it('keeps one article for the same link added twice, and one file when two servers add it', async () => {
    const dir = await freshDir();
    const importPage = fixtureImporter();
    const library = await openTestLibrary({ dir, importPage });
    // Two members pasting the same link at once: the adds of one server run in turn.
    const [first, again] = await Promise.all([
      library.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' }),
      library.add({ guildId: 'server-a', url: ` ${pages.frost.url} `, addedBy: 'user-2' }),
    ]);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.entry.meta.id).toBe(first.entry.meta.id);
    expect(again.entry.addedBy).toBe('user-1');
    const other = await library.add({ guildId: 'server-b', url: pages.frost.url, addedBy: 'user-3' });
    expect(other.created).toBe(true);
    expect(other.entry.meta.id).toBe(first.entry.meta.id);
    expect(importPage.calls).toEqual([pages.frost.url]);
    expect(await readdir(join(dir, 'articles'))).toEqual([`${first.entry.meta.id}.json`, `${first.entry.meta.id}.txt`]);
    expect(library.list('server-a').filter((entry) => entry.guildId !== null)).toHaveLength(1);
  });

  it('refuses an add past the library size, and past the adds per hour until an hour has gone by', async () => {
    let clock = new Date('2026-05-01T12:00:00Z');
    const full = await openTestLibrary({ dir: await freshDir(), maxArticles: 1 });
    await full.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    await expect(full.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' })).rejects.toMatchObject({ code: 'LIBRARY_FULL' });
    expect((await full.add({ guildId: 'server-b', url: pages.closure.url, addedBy: 'user-2' })).created).toBe(true);

    const limited = await openTestLibrary({ dir: await freshDir(), addsPerHour: 1, now: () => clock });
    const first = await limited.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    clock = new Date('2026-05-01T12:20:00Z');
    await expect(limited.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('Try again in 40 minutes'),
    });
    // Removing an article frees a place in the library, not in the hour.
    await limited.remove({ guildId: 'server-a', articleId: first.entry.meta.id });
    await expect(limited.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    clock = new Date('2026-05-01T13:00:01Z');
    expect((await limited.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' })).created).toBe(true);
  });

  it('removes a server’s own article, keeps the files while another server has it, and refuses operator articles', async () => {
    const dir = await freshDir();
    const library = await openTestLibrary({ dir });
    const { entry } = await library.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    await library.add({ guildId: 'server-b', url: pages.frost.url, addedBy: 'user-2' });

    await expect(library.remove({ guildId: 'server-a', articleId: 'latin-times-cartel-strike-plans' })).rejects.toMatchObject({ code: 'ARTICLE_UNKNOWN' });
    await expect(library.remove({ guildId: 'server-c', articleId: entry.meta.id })).rejects.toMatchObject({ code: 'ARTICLE_UNKNOWN' });

    expect((await library.remove({ guildId: 'server-a', articleId: entry.meta.id })).meta.id).toBe(entry.meta.id);
    expect(citedArticles(await library.service('server-a').ask(frostQuestion))).not.toContain(entry.meta.id);
    expect(citedArticles(await library.service('server-b').ask(frostQuestion))[0]).toBe(entry.meta.id);
    expect(await readdir(join(dir, 'articles'))).toContain(`${entry.meta.id}.txt`);

    await library.remove({ guildId: 'server-b', articleId: entry.meta.id });
    expect(await readdir(join(dir, 'articles'))).toEqual([]);
    expect(await readdir(join(dir, 'index'))).toEqual([]);
  });

  it('keeps every server’s library across a restart, rebuilding a lost article index from the saved text', async () => {
    const dir = await freshDir();
    const first = await openTestLibrary({ dir });
    const frost = await first.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    const closure = await first.add({ guildId: 'server-b', url: pages.closure.url, addedBy: 'user-2' });
    await first.close();
    await rm(join(dir, 'index', frost.entry.meta.id), { recursive: true });

    const second = await openTestLibrary({ dir });
    expect(second.list('server-a').map((entry) => entry.meta.id)).toEqual(['latin-times-cartel-strike-plans', frost.entry.meta.id]);
    expect(second.list('server-b').map((entry) => entry.meta.id)).toEqual(['latin-times-cartel-strike-plans', closure.entry.meta.id]);
    expect(second.list('server-a')[1]).toEqual(frost.entry);
    const answer = await second.service('server-a').ask(frostQuestion);
    expect(citedArticles(answer)[0]).toBe(frost.entry.meta.id);
    expect(citedArticles(await second.service('server-b').ask(frostQuestion))).not.toContain(frost.entry.meta.id);
  });

  it('answers a new article from its sentences while the rest of its index is still being embedded, then from the complete index, which a restart in between rebuilds', async () => {
    const dir = await freshDir();
    const embedder = await heldBackEmbedder(pages.frost.slug);
    const library = await openTestLibrary({ dir, indexEmbedder: embedder });
    try {
      const { entry } = await library.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
      const early = await library.service('server-a').ask(frostQuestion);
      expect(embedder.heldBack).toBeGreaterThan(0);
      expect(early.found).toBe(true);
      expect(citedArticles(early)[0]).toBe(entry.meta.id);
      expect(early.citations.map((citation) => citation.text).join(' ')).toContain('minus four degrees');
      const savedText = await readFile(join(dir, 'articles', `${entry.meta.id}.txt`), 'utf8');
      for (const citation of early.citations) expect(savedText.slice(citation.start, citation.end)).toBe(citation.text);
      // Nothing on disk passes for the article's index while it holds only the sentences.
      expect(await manifestOf(dir, entry.meta.id)).toBeNull();

      // The process is gone before the rest was embedded (the first library is never closed): the next start rebuilds it.
      const restarted = await openTestLibrary({ dir });
      expect(restarted.list('server-a').map((listed) => listed.meta.id)).toContain(entry.meta.id);
      const afterRestart = await restarted.service('server-a').ask(frostQuestion);
      expect(citedArticles(afterRestart)[0]).toBe(entry.meta.id);
      await restarted.settled();
      const manifest = await manifestOf(dir, entry.meta.id);
      expect(manifest?.counts.sentences).toBe(entry.sentences);
      // Sentences, plus the paragraphs of several sentences and the clause windows of the long ones.
      expect(manifest?.counts.chunks).toBeGreaterThan(entry.sentences);
      // Which frost sentence the complete index ranks first for "how cold" is the ranker's matter (see the first test).
      const complete = await restarted.service('server-a').ask(frostQuestion);
      expect(citedArticles(complete)[0]).toBe(entry.meta.id);

      embedder.release();
      await library.settled();
      const completedHere = await library.service('server-a').ask(frostQuestion);
      expect(completedHere.citations).toEqual(complete.citations);

      // Once complete, a start reads the index as it is: a model that cannot embed anything is not needed.
      const cannotEmbed: Embedder = {
        modelId: opened.embedder.modelId,
        dimensions: opened.embedder.dimensions,
        embed: async () => {
          throw new VerbatimError('EMBEDDING_FAILED');
        },
      };
      const third = await openTestLibrary({ dir, indexEmbedder: cannotEmbed });
      expect(third.list('server-a').map((listed) => listed.meta.id)).toContain(entry.meta.id);
      expect((await third.service('server-a').ask(frostQuestion)).citations).toEqual(complete.citations);
    } finally {
      embedder.release();
    }
  });

  it('leaves no index behind for an article removed before its index was complete', async () => {
    const dir = await freshDir();
    const embedder = await heldBackEmbedder(pages.closure.slug);
    const library = await openTestLibrary({ dir, indexEmbedder: embedder });
    const { entry } = await library.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' });
    await library.remove({ guildId: 'server-a', articleId: entry.meta.id });
    embedder.release();
    await library.settled();
    expect(await readdir(join(dir, 'articles'))).toEqual([]);
    expect(await readdir(join(dir, 'index')).catch(() => [])).toEqual([]);
    expect(library.list('server-a').map((listed) => listed.meta.id)).not.toContain(entry.meta.id);
  });

  it('leaves no row and no file behind when the import or the indexing fails', async () => {
    const dir = await freshDir();
    const library = await openTestLibrary({ dir });
    await expect(library.add({ guildId: 'server-a', url: 'https://nothing.example/empty', addedBy: 'user-1' })).rejects.toMatchObject({ code: 'NO_ARTICLE_IN_PAGE' });

    const failingModel: Embedder = {
      modelId: opened.embedder.modelId,
      dimensions: opened.embedder.dimensions,
      embed: async () => {
        throw new VerbatimError('EMBEDDING_FAILED');
      },
    };
    const failing = await openTestLibrary({ dir, indexEmbedder: failingModel });
    await expect(failing.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' })).rejects.toMatchObject({ code: 'EMBEDDING_FAILED' });
    expect(failing.list('server-a')).toHaveLength(1);
    await failing.close();
    await library.close();

    const reopened = await openTestLibrary({ dir });
    expect(reopened.list('server-a')).toHaveLength(1);
    expect(await readdir(join(dir, 'articles')).catch(() => [])).toEqual([]);
    expect(await readdir(join(dir, 'staging')).catch(() => [])).toEqual([]);
  });

  it('refuses a damaged library database, naming the file and the fix', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'library.db'), 'this is not a database, just some text that is long enough to have a header'.repeat(20));
    await expect(openTestLibrary({ dir })).rejects.toMatchObject({
      code: 'LIBRARY_CORRUPT',
      message: expect.stringMatching(/library\.db.*(backup|move it aside)/s),
    });
  });
});

describe('after a restart, each server’s articles opened on first use', () => {
  /** Server A has both fixture articles, server B the frost one (shared, one file); complete indexes written. */
  async function savedLibrary(): Promise<{ dir: string; frost: string; closure: string; entries: Record<'a' | 'b', LibraryEntry[]> }> {
    const dir = await freshDir();
    const first = await openTestLibrary({ dir });
    const frost = await first.add({ guildId: 'server-a', url: pages.frost.url, addedBy: 'user-1' });
    const closure = await first.add({ guildId: 'server-a', url: pages.closure.url, addedBy: 'user-1' });
    await first.add({ guildId: 'server-b', url: pages.frost.url, addedBy: 'user-2' });
    await first.settled();
    const entries = { a: first.list('server-a'), b: first.list('server-b') };
    await first.close();
    return { dir, frost: frost.entry.meta.id, closure: closure.entry.meta.id, entries };
  }

  it('lists every server’s articles (/sources) before any question, and answers each server from its own articles only', async () => {
    const { dir, frost, closure, entries } = await savedLibrary();
    const logger = recordingLogger();
    const library = await openTestLibrary({ dir, logger, openInBackground: false });
    expect(library.list('server-a')).toEqual(entries.a);
    expect(library.list('server-b')).toEqual(entries.b);
    expect(library.list('server-c').map((entry) => entry.meta.id)).toEqual(['latin-times-cartel-strike-plans']);
    expect(library.service('server-b').sources().map((meta) => meta.id)).toEqual(['latin-times-cartel-strike-plans', frost]);

    const inB = await library.service('server-b').ask(closureQuestion);
    expect(citedArticles(inB)).not.toContain(closure);
    const inA = await library.service('server-a').ask(closureQuestion);
    expect(inA.found).toBe(true);
    expect(citedArticles(inA)[0]).toBe(closure);
    const frostInA = await library.service('server-a', { articleId: frost }).ask(frostQuestion);
    expect(citedArticles(frostInA)).toEqual([frost]);
    for (const guildId of ['server-c', null]) {
      const answer = await library.service(guildId).ask(closureQuestion);
      expect(citedArticles(answer)).not.toContain(closure);
      expect(citedArticles(answer)).not.toContain(frost);
    }
    expect(library.list('server-a')).toEqual(entries.a);
    expect(logger.lines.filter((line) => line.level !== 'info')).toEqual([]);
  });

  it('opens a server’s articles once for its questions asked together, and an article two servers share once', async () => {
    const { dir, frost } = await savedLibrary();
    // With no saved index, opening the article rebuilds it, which is logged: one line per opening.
    await rm(join(dir, 'index', frost), { recursive: true });
    const logger = recordingLogger();
    const library = await openTestLibrary({ dir, logger, openInBackground: false });
    const answers = await Promise.all([
      library.service('server-a').ask(frostQuestion),
      library.service('server-a').ask(frostQuestion),
      library.service('server-b').ask(frostQuestion),
      library.service('server-b', { articleId: frost }).ask(frostQuestion),
    ]);
    for (const answer of answers) expect(citedArticles(answer)[0]).toBe(frost);
    expect(logger.lines.filter((line) => line.articleId === frost).map((line) => line.message)).toEqual(['rebuilding the index of an added article']);
    await library.settled();
    expect((await manifestOf(dir, frost))?.counts.chunks).toBeGreaterThan(0);
  });

  it('leaves out, with a logged error, an article whose damaged index cannot be rebuilt, while the server’s other articles answer', async () => {
    const { dir, frost, closure } = await savedLibrary();
    await writeFile(join(dir, 'index', frost, 'manifest.json'), '{ not json');
    const logger = recordingLogger();
    // The model is down, so the damaged index cannot be rebuilt from the text; the intact one needs no model.
    const library = await openTestLibrary({ dir, logger, indexEmbedder: cannotEmbed(), openInBackground: false });
    // The start opened no index: the damage is found by the first server that needs the article.
    expect(logger.lines).toEqual([]);
    expect(library.list('server-a').map((entry) => entry.meta.id)).toEqual(['latin-times-cartel-strike-plans', frost, closure]);
    const answer = await library.service('server-a').ask(closureQuestion);
    expect(answer.found).toBe(true);
    expect(citedArticles(answer)[0]).toBe(closure);
    expect(citedArticles(await library.service('server-a').ask(frostQuestion))).not.toContain(frost);
    expect(logger.lines).toContainEqual({ level: 'error', message: 'an added article could not be loaded and is left out', articleId: frost });
    expect(library.list('server-a').map((entry) => entry.meta.id)).toEqual(['latin-times-cartel-strike-plans', closure]);
    // Server B's only article is the damaged one: it is answered from the operator's articles, and its error was logged once.
    expect((await library.service('server-b').ask(operatorQuestion)).found).toBe(true);
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(1);
  });

  it('answers the operator’s articles, and servers without added articles, while a server’s articles are still being opened', async () => {
    const { dir, frost } = await savedLibrary();
    await rm(join(dir, 'index', frost), { recursive: true });
    // Rebuilding the frost index embeds its sentences, which this model holds back until released.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const heldModel: Embedder = {
      modelId: opened.embedder.modelId,
      dimensions: opened.embedder.dimensions,
      embed: async (texts) => {
        await released;
        return opened.embedder.embed(texts);
      },
    };
    const library = await openTestLibrary({ dir, indexEmbedder: heldModel, openInBackground: false });
    let answeredInB = false;
    const inB = library
      .service('server-b')
      .ask(frostQuestion)
      .finally(() => (answeredInB = true));
    try {
      for (const guildId of [null, 'server-c']) expect((await library.service(guildId).ask(operatorQuestion)).found).toBe(true);
      expect(library.list('server-b').map((entry) => entry.meta.id)).toContain(frost);
      expect(answeredInB).toBe(false);
    } finally {
      release();
    }
    expect(citedArticles(await inB)[0]).toBe(frost);
  });

  it('rebuilds a damaged index from the saved text on the server’s first question, as a start did before', async () => {
    const { dir, frost } = await savedLibrary();
    await writeFile(join(dir, 'index', frost, 'lexical.json'), 'damaged');
    const library = await openTestLibrary({ dir, openInBackground: false });
    expect(citedArticles(await library.service('server-b').ask(frostQuestion))[0]).toBe(frost);
  });

  it('removes an article right after a restart, before any question, and keeps it for the other server that has it', async () => {
    const { dir, frost, closure } = await savedLibrary();
    const library = await openTestLibrary({ dir, openInBackground: false });
    expect((await library.remove({ guildId: 'server-a', articleId: frost })).meta.id).toBe(frost);
    expect(library.list('server-a').map((entry) => entry.meta.id)).toEqual(['latin-times-cartel-strike-plans', closure]);
    expect(citedArticles(await library.service('server-a').ask(frostQuestion))).not.toContain(frost);
    expect(await readdir(join(dir, 'articles'))).toContain(`${frost}.txt`);

    const again = await openTestLibrary({ dir, openInBackground: false });
    await expect(again.remove({ guildId: 'server-a', articleId: frost })).rejects.toMatchObject({ code: 'ARTICLE_UNKNOWN' });
    await again.remove({ guildId: 'server-b', articleId: frost });
    expect(await readdir(join(dir, 'articles'))).not.toContain(`${frost}.txt`);
    expect(citedArticles(await again.service('server-a').ask(closureQuestion))[0]).toBe(closure);
  });

  it('opens the other servers’ articles in the background after the start, which settled() waits for', async () => {
    const { dir, frost } = await savedLibrary();
    await rm(join(dir, 'index', frost), { recursive: true });
    const logger = recordingLogger();
    const library = await openTestLibrary({ dir, logger });
    await library.settled();
    // No question was asked: the background opened the article (rebuilding its index) on its own.
    expect(logger.lines.filter((line) => line.articleId === frost).map((line) => line.message)).toEqual(['rebuilding the index of an added article']);
    expect(await manifestOf(dir, frost)).not.toBeNull();
    expect(citedArticles(await library.service('server-b').ask(frostQuestion))[0]).toBe(frost);
  });

  it('upgrades a library database from before the summaries were recorded, listing and answering as before', async () => {
    const { dir, frost, closure, entries } = await savedLibrary();
    // The database as the previous version left it: schema 1, no summary columns.
    const old = new Database(join(dir, 'library.db'));
    old.exec('ALTER TABLE articles DROP COLUMN meta_json; ALTER TABLE articles DROP COLUMN sentences;');
    old.pragma('user_version = 1');
    old.close();
    // One article whose index was never completed: its summary comes from the saved text.
    await rm(join(dir, 'index', closure), { recursive: true });

    const upgraded = await openTestLibrary({ dir, openInBackground: false });
    expect(upgraded.list('server-a')).toEqual(entries.a);
    expect(upgraded.list('server-b')).toEqual(entries.b);
    await upgraded.close();
    const db = new Database(join(dir, 'library.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS count FROM articles WHERE meta_json IS NULL OR sentences IS NULL').get()).toEqual({ count: 0 });
    db.close();

    const restarted = await openTestLibrary({ dir, openInBackground: false });
    expect(restarted.list('server-a')).toEqual(entries.a);
    expect(citedArticles(await restarted.service('server-a').ask(closureQuestion))[0]).toBe(closure);
    expect(citedArticles(await restarted.service('server-b').ask(frostQuestion))[0]).toBe(frost);
  });
});
