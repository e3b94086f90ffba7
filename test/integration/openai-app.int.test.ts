// The switches in .env reach the product: with OPENAI_ANSWERS and OPENAI_EMBEDDINGS on, the same
// service the CLI and the bot use embeds and answers through an OpenAI-compatible server.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerService } from '../../src/app.js';
import { parseConfig } from '../../src/config/config.js';
import { loadArticles } from '../../src/article/load-article.js';
import type { Article } from '../../src/core/types.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../fakes/openai-server.js';

let server: FakeOpenAIServer;
let workDir: string;
let articles: Article[];

const env = () => ({
  ARTICLES_DIR: join(workDir, 'articles'),
  INDEX_DIR: join(workDir, 'index'),
  CACHE_DIR: join(workDir, 'cache'),
  OPENAI_API_KEY: 'local-test-key',
  OPENAI_BASE_URL: server.baseUrl,
  OPENAI_EMBEDDING_MODEL: 'fake-embedder',
  OPENAI_TIMEOUT_MS: '2000',
  OPENAI_MAX_RETRIES: '0',
});

beforeAll(async () => {
  server = await startFakeOpenAIServer({ embeddingDimensions: 48 });
  workDir = await mkdtemp(join(tmpdir(), 'verbatim-openai-app-'));
  await cp('data/articles', join(workDir, 'articles'), { recursive: true });
  articles = await loadArticles(join(workDir, 'articles'));
});

afterAll(async () => {
  await server.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('OpenAI-compatible answering and embedding, switched on in .env', () => {
  it('builds the index with the endpoint’s embeddings and answers with its chat model, quoting by offset', async () => {
    const service = await createAnswerService(parseConfig({ ...env(), OPENAI_ANSWERS: 'true', OPENAI_EMBEDDINGS: 'true' }));
    expect(server.requests.some((request) => request.path === '/v1/embeddings')).toBe(true);

    server.queueChat(
      reply.json({ found: true, answer: 'A credible argument of an armed attack would be needed.', claims: [{ text: 'An armed attack must be argued.', sentenceIds: ['S1'] }], parties: [] }),
    );
    const answer = await service.ask('What would the government have to prove before attacking?');

    expect(server.chatRequests()).toHaveLength(1);
    expect(answer.engine).toBe('llm');
    expect(answer.citations).toHaveLength(1);
    const [citation] = answer.citations;
    const article = articles.find((candidate) => candidate.meta.id === citation?.article);
    expect(citation?.text).toBe(article?.text.slice(citation?.start, citation?.end));
    expect(answer.attribution).toContain('© 2025 Latin Times. All rights reserved.');
  });

  it('falls back to the offline answer, saying so, when the chat model fails', async () => {
    const service = await createAnswerService(parseConfig({ ...env(), OPENAI_ANSWERS: 'true', OPENAI_EMBEDDINGS: 'true' }));
    server.queueChat(reply.status(500));
    const answer = await service.ask('What would the government have to prove before attacking?');
    expect(answer.engine).toBe('extractive');
    expect(answer.notice).toMatch(/\S/);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('refuses the index built with the endpoint’s model once the offline model is configured', async () => {
    await expect(createAnswerService(parseConfig(env()))).rejects.toMatchObject({ code: 'INDEX_MISMATCH', message: expect.stringMatching(/npm run ingest/) });
  });
});
