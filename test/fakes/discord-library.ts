import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createAnswerService } from '../../src/app.js';
import { loadArticleFile } from '../../src/article/load-article.js';
import { parseConfig } from '../../src/config/config.js';
import { VerbatimError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import type { Answer, AnswerService } from '../../src/core/types.js';
import type { AddArticleRequest, AddedArticle, Library, LibraryEntry } from '../../src/library/library.js';

/**
 * Libraries for the Discord tests, which test the bot's use of the `Library` contract, not the
 * real library (src/library/ has its own tests).
 */

/** One service for every server, its articles listed as the operator's; adding is refused. */
export function serviceLibrary(service: AnswerService): Library & { serviceCalls: Array<{ guildId: string | null; articleId?: string }> } {
  const serviceCalls: Array<{ guildId: string | null; articleId?: string }> = [];
  return {
    serviceCalls,
    add: () => Promise.reject(new VerbatimError('URL_BLOCKED')),
    remove: () => Promise.reject(new VerbatimError('ARTICLE_UNKNOWN')),
    list: () => service.sources().map((meta) => ({ meta, guildId: null, addedBy: null, addedAt: null, sourceUrl: null, sentences: 0 })),
    service(guildId, options) {
      serviceCalls.push({ guildId, ...(options?.articleId === undefined ? {} : { articleId: options.articleId }) });
      return service;
    },
    settled: async () => {},
    close: async () => {},
  };
}

export interface FakePage {
  url: string;
  /** The article file "on" that page. */
  file: string;
}

/**
 * An in-memory library over real answer services: the operator's article files are seen by every
 * server; `pages` are what `add` can fetch. Each distinct set of files gets its own real index
 * (built once, in a temp folder), so answers quote exactly what the bot would.
 */
export class InMemoryLibrary implements Library {
  readonly calls: Array<{ method: 'add' | 'remove' | 'service'; guildId: string | null; articleId?: string; url?: string }> = [];
  /** Every answer given, with the scope it was asked in. */
  readonly answers: Array<{ guildId: string | null; articleId: string | null; answer: Answer }> = [];
  private readonly added = new Map<string, Array<LibraryEntry & { file: string }>>();
  private readonly services = new Map<string, Promise<AnswerService>>();
  private failure: Error | null = null;
  private clock = Date.parse('2025-03-01T12:00:00Z');

  private constructor(
    private readonly folder: string,
    private readonly operator: Array<LibraryEntry & { file: string }>,
    private readonly pages: readonly FakePage[],
  ) {}

  static async create({ operatorFiles, pages }: { operatorFiles: readonly string[]; pages: readonly FakePage[] }): Promise<InMemoryLibrary> {
    const folder = await mkdtemp(join(tmpdir(), 'verbatim-fake-library-'));
    const operator = await Promise.all(operatorFiles.map(async (file) => ({ ...(await entryFor(file)), file })));
    return new InMemoryLibrary(folder, operator, pages);
  }

  /** Builds the services a test will use before it starts timing anything. */
  async warm(groups: ReadonlyArray<readonly string[]>): Promise<void> {
    await Promise.all(groups.map((files) => this.serviceOver(files)));
  }

  /** The next `add` fails with this error, as the real library would (LIBRARY_FULL, FETCH_TIMEOUT…). */
  failNextAdd(error: Error): void {
    this.failure = error;
  }

  async add({ guildId, url, addedBy }: AddArticleRequest): Promise<AddedArticle> {
    this.calls.push({ method: 'add', guildId, url });
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
    const page = this.pages.find((candidate) => candidate.url === url);
    if (!page) throw new VerbatimError('NO_ARTICLE_IN_PAGE');
    const own = this.added.get(guildId) ?? [];
    const existing = own.find((entry) => entry.sourceUrl === url);
    if (existing) return { entry: existing, created: false };
    this.clock += 60_000;
    const entry = { ...(await entryFor(page.file)), guildId, addedBy, addedAt: new Date(this.clock).toISOString(), sourceUrl: url, file: page.file };
    this.added.set(guildId, [...own, entry]);
    return { entry, created: true };
  }

  async remove({ guildId, articleId }: { guildId: string; articleId: string }): Promise<LibraryEntry> {
    this.calls.push({ method: 'remove', guildId, articleId });
    const own = this.added.get(guildId) ?? [];
    const entry = own.find((candidate) => candidate.meta.id === articleId);
    if (!entry) throw new VerbatimError('ARTICLE_UNKNOWN');
    this.added.set(guildId, own.filter((candidate) => candidate !== entry));
    return entry;
  }

  list(guildId: string | null): LibraryEntry[] {
    return [...this.operator, ...(guildId === null ? [] : (this.added.get(guildId) ?? []))];
  }

  service(guildId: string | null, options: { articleId?: string } = {}): AnswerService {
    this.calls.push({ method: 'service', guildId, ...(options.articleId === undefined ? {} : { articleId: options.articleId }) });
    const entries = this.list(guildId) as Array<LibraryEntry & { file: string }>;
    const chosen = entries.find((entry) => entry.meta.id === options.articleId);
    const record = (answer: Answer) => {
      this.answers.push({ guildId, articleId: options.articleId ?? null, answer });
      return answer;
    };
    return lazyService(this.serviceOver((chosen ? [chosen] : entries).map((entry) => entry.file)), record);
  }

  /** Every index here is built whole on first use: nothing is ever left to complete. */
  async settled(): Promise<void> {}

  async close(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }

  private serviceOver(files: readonly string[]): Promise<AnswerService> {
    const key = [...files].sort().join('\n');
    let service = this.services.get(key);
    if (!service) {
      service = this.build(files, this.services.size);
      this.services.set(key, service);
    }
    return service;
  }

  private async build(files: readonly string[], number: number): Promise<AnswerService> {
    const root = join(this.folder, `set-${number}`);
    await mkdir(join(root, 'articles'), { recursive: true });
    await Promise.all(files.map((file) => copyFile(file, join(root, 'articles', basename(file)))));
    const config = parseConfig({ ARTICLES_DIR: join(root, 'articles'), INDEX_DIR: join(root, 'index'), CACHE_DIR: join(this.folder, 'cache') });
    return createAnswerService(config, { logger: createLogger({ level: 'silent' }) });
  }
}

async function entryFor(file: string): Promise<Omit<LibraryEntry, 'guildId' | 'addedBy' | 'addedAt' | 'sourceUrl'> & { guildId: null; addedBy: null; addedAt: null; sourceUrl: null }> {
  const article = await loadArticleFile(file);
  return { meta: article.meta, guildId: null, addedBy: null, addedAt: null, sourceUrl: null, sentences: article.sentences.length };
}

/** `Library.service` is synchronous; the index behind it is built on first use. */
function lazyService(service: Promise<AnswerService>, record: (answer: Answer) => Answer): AnswerService {
  let ready: AnswerService | null = null;
  service.then(
    (value) => (ready = value),
    () => undefined,
  );
  const whenReady = () => (ready === null ? service : Promise.resolve(ready));
  return {
    ask: async (question, options) => record(await (await whenReady()).ask(question, options)),
    summarize: async (party, options) => record(await (await whenReady()).summarize(party, options)),
    quote: async (speaker, about, options) => record(await (await whenReady()).quote(speaker, about, options)),
    parties: () => ready?.parties() ?? [],
    sources: () => ready?.sources() ?? [],
  };
}
