import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, openLibraryFromIndex, type OpenedIndex } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import { VerbatimError } from '../../src/core/errors.js';
import type { Answer, AnswerService } from '../../src/core/types.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import type { Library } from '../../src/library/library.js';
import { escapeMarkdown } from '../../src/render/discord-embeds.js';
import { embedText, isOriginalEdit, messageBody, startBotHarness, type BotHarness } from '../fakes/discord-harness.js';
import { manageMessages, type RecordedRequest } from '../fakes/discord-server.js';
import { sentencesFirstEmbedder } from '../fakes/held-back-embedder.js';

const pageFile = 'test/fixtures/articles/harbor-gazette-port-strike.txt';
const pageUrl = 'https://news.example/2024/port-workers-strike';
const pageArticleId = 'harbor-gazette-port-strike';

/**
 * The bot over the real Library (SQLite, per-server indexes), end to end through discord.js and
 * the fake Discord. Pages are "fetched" by copying a fixture, as the library's own tests do.
 */
describe('the bot over the real per-server library', () => {
  let folder: string;
  let config: Readonly<Config>;
  let opened: OpenedIndex;
  let harness: BotHarness;
  let pageText: string;
  const libraries: Library[] = [];
  const answers: Array<{ guildId: string | null; articleId: string | null; answer: Answer }> = [];

  /** The library as the bot opens it on every start (same folder), recording what it answers. */
  async function openRecordedLibrary({ dir, indexEmbedder }: { dir?: string; indexEmbedder?: Embedder } = {}): Promise<Library> {
    const library = await openLibraryFromIndex(dir ? { ...config, library: { ...config.library, dir } } : config, opened, {
      ...(indexEmbedder ? { indexEmbedder } : {}),
      importPage: async ({ url, dir }) => {
        if (url !== pageUrl) throw new VerbatimError('NO_ARTICLE_IN_PAGE');
        await cp(pageFile, join(dir, `${pageArticleId}.txt`));
        return { file: join(dir, `${pageArticleId}.txt`) };
      },
    });
    libraries.push(library);
    const recorded = (service: AnswerService, guildId: string | null, articleId: string | null): AnswerService => ({
      ...service,
      ask: async (question, options) => {
        const answer = await service.ask(question, options);
        answers.push({ guildId, articleId, answer });
        return answer;
      },
      parties: () => service.parties(),
      sources: () => service.sources(),
      summarize: (party, options) => service.summarize(party, options),
      quote: (speaker, about, options) => service.quote(speaker, about, options),
    });
    return {
      add: (request) => library.add(request),
      remove: (request) => library.remove(request),
      list: (guildId) => library.list(guildId),
      settled: () => library.settled(),
      close: () => library.close(),
      service: (guildId, options) => recorded(library.service(guildId, options), guildId, options?.articleId ?? null),
    };
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'verbatim-discord-library-'));
    await cp('data/articles', join(folder, 'articles'), { recursive: true });
    config = parseConfig({ ARTICLES_DIR: join(folder, 'articles'), INDEX_DIR: join(folder, 'index'), CACHE_DIR: join(folder, 'cache'), LIBRARY_DIR: join(folder, 'library') });
    opened = await openIndex(config);
    pageText = await readFile(pageFile, 'utf8');
    harness = await startBotHarness({ library: openRecordedLibrary() });
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
    for (const library of libraries) await library.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function askInThread(threadId: string, question: string): Promise<RecordedRequest> {
    const from = harness.fake.requests.length;
    harness.fake.sendMessage({ content: question, channelId: threadId });
    return harness.fake.waitForRequest(
      (request) => harness.fake.requests.indexOf(request) >= from && request.method === 'POST' && request.path === `/api/v10/channels/${threadId}/messages`,
      60_000,
    );
  }
  const expectQuotesFromPage = (reply: RecordedRequest) => {
    const { answer } = answers.at(-1) ?? {};
    expect(answer?.citations.length).toBeGreaterThan(0);
    for (const citation of answer?.citations ?? []) {
      expect(citation.article).toBe(pageArticleId);
      expect(citation.text).toBe(pageText.slice(citation.start, citation.end));
      expect(embedText(reply)).toContain(escapeMarkdown(citation.text));
    }
    expect(messageBody(reply).allowed_mentions).toEqual({ parse: [] });
  };

  it('adds with /add, answers in its thread from that article, never in another server, and still after a restart', async () => {
    const { fake } = harness;
    const other = fake.addGuild();
    fake.createGuild(other.guildId);
    const { token } = fake.sendSlashCommand({ name: 'add', options: [{ type: 3, name: 'url', value: pageUrl }], permissions: manageMessages });
    const edit = await fake.waitForRequest(isOriginalEdit(token), 60_000);
    expect(embedText(edit)).toContain('Port workers weigh strike as talks stall');
    expect(embedText(edit)).toMatch(/\d+ sentences/);
    await fake.waitForRequest((request) => /\/messages\/\d+\/threads$/.test(request.path));
    const threadId = fake.threads.at(-1)?.id ?? '';

    expectQuotesFromPage(await askInThread(threadId, 'What raise have the operators offered?'));
    expect(answers.at(-1)).toMatchObject({ guildId: fake.guildId, articleId: pageArticleId });

    const elsewhere = fake.sendSlashCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: 'What raise have the operators offered to the dock workers?' }], channelId: other.channelId });
    await fake.waitForRequest(isOriginalEdit(elsewhere.token), 60_000);
    expect(answers.at(-1)?.guildId).toBe(other.guildId);
    expect(answers.at(-1)?.answer.citations.every((citation) => citation.article !== pageArticleId)).toBe(true);

    await libraries.at(-1)?.close();
    await harness.restart({ library: openRecordedLibrary() });
    expectQuotesFromPage(await askInThread(threadId, 'When could a walkout begin?'));
    expect(answers.at(-1)).toMatchObject({ guildId: fake.guildId, articleId: pageArticleId });
  }, 180_000);

  it('replies to /add and answers in its thread while the paragraphs are still being embedded, and from the complete index after', async () => {
    const indexEmbedder = await sentencesFirstEmbedder({ model: opened.embedder, cacheDir: config.cacheDir, articleFile: pageFile });
    const library = openRecordedLibrary({ dir: await mkdtemp(join(folder, 'staged-')), indexEmbedder });
    try {
      await harness.restart({ library });
      const { fake } = harness;
      const from = fake.requests.length;
      const threadsBefore = fake.threads.length;
      const { token } = fake.sendSlashCommand({ name: 'add', options: [{ type: 3, name: 'url', value: pageUrl }], permissions: manageMessages });
      const edit = await fake.waitForRequest(isOriginalEdit(token), 60_000);
      expect(embedText(edit)).toContain('Port workers weigh strike as talks stall');
      await fake.waitForRequest((request) => fake.requests.indexOf(request) >= from && /\/messages\/\d+\/threads$/.test(request.path));
      expect(fake.threads.length).toBe(threadsBefore + 1);
      const threadId = fake.threads.at(-1)?.id ?? '';

      expectQuotesFromPage(await askInThread(threadId, 'What raise have the operators offered?'));
      expect(answers.at(-1)).toMatchObject({ guildId: fake.guildId, articleId: pageArticleId });
      expect(indexEmbedder.heldBack).toBeGreaterThan(0);

      indexEmbedder.release();
      await (await library).settled();
      expectQuotesFromPage(await askInThread(threadId, 'When could a walkout begin?'));
      expect(answers.at(-1)).toMatchObject({ guildId: fake.guildId, articleId: pageArticleId });
    } finally {
      indexEmbedder.release();
    }
  }, 180_000);
});
