import { Writable } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerEngine, EngineInput, Intent } from '../../src/answer/answer-engine.js';
import { citeSentence } from '../../src/answer/citations.js';
import { fallbackNotice, createLLMEngine } from '../../src/answer/llm-engine.js';
import { quotedSpans } from '../../src/answer/llm-quotes.js';
import type { Config } from '../../src/config/config.js';
import { loadArticles } from '../../src/article/load-article.js';
import { VerbatimError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import type { Answer, Article, Party } from '../../src/core/types.js';
import { createOpenAIEmbedder } from '../../src/embedding/openai-embedder.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../fakes/openai-server.js';
import { buildArticle, retrieveAll } from '../unit/llm/article-fixture.js';

const apiKey = 'sk-test-0123456789abcdefghijklmnop';
const article = buildArticle();
// Labels follow retrieval rank; `retrieveAll` ranks in article order, so S3 is the third sentence.
const sentence = (label: string) => {
  const found = article.sentences[Number(label.slice(1)) - 1];
  if (found === undefined) throw new Error(`the fixture has no ${label}`);
  return found;
};
const party = (name: string): Party => {
  const found = article.parties.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`the fixture has no party ${name}`);
  return found;
};

interface ModelAnswer {
  found?: boolean;
  answer: string;
  claims?: { text: string; sentenceIds: string[] }[];
  parties?: { party: string; summary: string; sentenceIds: string[] }[];
}
const modelAnswer = ({ found = true, answer, claims = [], parties = [] }: ModelAnswer) => reply.json({ found, answer, claims, parties });
const validAnswer = modelAnswer({
  answer: 'The council postponed the dam vote by a month to study the costs.',
  claims: [
    { text: 'The vote moved to next month.', sentenceIds: ['S1'] },
    { text: 'Members wanted time to study costs.', sentenceIds: ['S2'] },
  ],
});

let server: FakeOpenAIServer;
let logLines: string;
let sleeps: number[];
let fallbackCalls: number;

const fallback: AnswerEngine = {
  name: 'extractive',
  answer(input: EngineInput): Promise<Answer> {
    fallbackCalls += 1;
    const first = input.retrieved[0]?.sentence;
    return Promise.resolve({
      question: input.question,
      kind: 'answer',
      answer: 'Extractive answer.',
      found: true,
      citations: first === undefined ? [] : [citeSentence(article, first)],
      parties: [],
      moreAvailable: 0,
      attribution: 'Source: Riverside Gazette — © 2025 Riverside Gazette. All rights reserved.',
      engine: 'extractive',
      notice: null,
    });
  },
};

function openaiConfig(overrides: Partial<Config['openai']> = {}): Config['openai'] {
  return {
    apiKey,
    baseUrl: server.baseUrl,
    chatModel: 'fake-chat',
    embeddingModel: 'fake-embedding',
    answers: true,
    embeddings: true,
    timeoutMs: 2_000,
    maxRetries: 2,
    ...overrides,
  };
}

function engine(overrides: Partial<Config['openai']> = {}): AnswerEngine {
  // No `secrets` given: the engine itself must keep the key out of what it logs.
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines += chunk.toString();
      done();
    },
  });
  return createLLMEngine({
    openai: openaiConfig(overrides),
    fallback,
    logger: createLogger({ level: 'debug', destination }),
    sleep: (milliseconds) => {
      sleeps.push(milliseconds);
      return Promise.resolve();
    },
  });
}

function input(question: string, { intent = { kind: 'question' }, maxQuotes = 5 }: { intent?: Intent; maxQuotes?: number } = {}): EngineInput {
  return { question, intent, retrieved: retrieveAll(article), articles: [article], maxQuotes, history: [] };
}

/** What every answer shown to a reader must satisfy, whichever path produced it. */
function expectOnlyArticleWords(answer: Answer, source: Article = article) {
  for (const citation of [...answer.citations, ...answer.parties.flatMap((position) => position.citations)]) {
    expect(citation.text).toBe(source.text.slice(citation.start, citation.end));
  }
  for (const span of quotedSpans(answer.answer)) {
    expect(source.text).toContain(span.trim().replace(/[.,;:!?…]+$/u, ''));
  }
  expect(answer.attribution).toContain(source.meta.copyright);
}

function lastChatMessages(): { role: string; content: string }[] {
  const body = server.chatRequests().at(-1)?.body as { messages: { role: string; content: string }[] };
  return body.messages;
}

beforeEach(async () => {
  server = await startFakeOpenAIServer({ embeddingDimensions: 24 });
  logLines = '';
  sleeps = [];
  fallbackCalls = 0;
});

afterEach(async () => {
  expect(logLines).not.toContain(apiKey);
  await server.close();
});

describe('LLM engine against an OpenAI-compatible server', () => {
  it('shows, as quotes, exactly the article sentences the model named', async () => {
    server.queueChat(validAnswer);
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('llm');
    expect(answer.answer).toBe('The council postponed the dam vote by a month to study the costs.');
    expect(answer.citations.map((citation) => citation.sentenceId)).toEqual([sentence('S1').id, sentence('S2').id]);
    expect(answer.citations.map((citation) => citation.text)).toEqual([sentence('S1').text, sentence('S2').text]);
    expect(answer.notice).toBeNull();
    expectOnlyArticleWords(answer);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('sends the numbered sentences, a JSON schema and the key as a bearer token', async () => {
    server.queueChat(validAnswer);
    await engine().answer(input('Why was the dam vote delayed?'));

    const [request] = server.chatRequests();
    const body = request?.body as { model: string; response_format: { type: string }; stream?: boolean };
    expect(body.model).toBe('fake-chat');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.stream ?? false).toBe(false);
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    const prompt = lastChatMessages().map((message) => message.content).join('\n');
    expect(prompt).toContain(`S3 (¶2, speaker: Elena Ruiz): ${sentence('S3').text}`);
  });

  it('never lets a fabricated quote in the answer text reach the reader', async () => {
    const fabricated = modelAnswer({
      answer: 'Ruiz called the delay "a brave and historic decision".',
      claims: [{ text: 'Ruiz defended the delay as a pause.', sentenceIds: ['S3'] }],
    });
    server.queueChat(fabricated, fabricated);
    const answer = await engine().answer(input('What did the mayor say?'));

    expect(answer.answer).not.toContain('brave and historic');
    expect(answer.citations.map((citation) => citation.sentenceId)).toEqual([sentence('S3').id]);
    expectOnlyArticleWords(answer);
    expect(server.chatRequests()).toHaveLength(2);
    expect(lastChatMessages().at(-1)?.content).toContain('a brave and historic decision');
  });

  it('uses the corrected reply when the model fixes a fabricated quote', async () => {
    server.queueChat(
      modelAnswer({ answer: 'Ruiz said it was "a brave decision".', claims: [{ text: 'Ruiz spoke.', sentenceIds: ['S3'] }] }),
      modelAnswer({ answer: 'Ruiz called it "a responsible pause".', claims: [{ text: 'Ruiz spoke.', sentenceIds: ['S3'] }] }),
    );
    const answer = await engine().answer(input('What did the mayor say?'));

    expect(answer.answer).toBe('Ruiz called it "a responsible pause".');
    expect(answer.notice).toBeNull();
    expectOnlyArticleWords(answer);
  });

  it('asks again after a label that does not exist, and uses the corrected reply', async () => {
    server.queueChat(
      modelAnswer({ answer: 'The vote was delayed.', claims: [{ text: 'Delayed.', sentenceIds: ['S1', 'S99'] }] }),
      modelAnswer({ answer: 'The vote was delayed.', claims: [{ text: 'Delayed.', sentenceIds: ['S1'] }] }),
    );
    const answer = await engine().answer(input('Was the vote delayed?'));

    expect(answer.citations.map((citation) => citation.sentenceId)).toEqual([sentence('S1').id]);
    expect(server.chatRequests()).toHaveLength(2);
    expect(lastChatMessages().at(-1)?.content).toContain('S99');
    expect(answer.engine).toBe('llm');
  });

  it('drops a claim whose label is still missing after the correction, keeping the backed ones', async () => {
    const partlyInvented = modelAnswer({
      answer: 'The vote was delayed and the union welcomed it.',
      claims: [
        { text: 'Delayed.', sentenceIds: ['S1'] },
        { text: 'Invented support.', sentenceIds: ['S99'] },
      ],
    });
    server.queueChat(partlyInvented, partlyInvented);
    const answer = await engine().answer(input('Was the vote delayed?'));

    expect(answer.citations.map((citation) => citation.sentenceId)).toEqual([sentence('S1').id]);
    expect(answer.notice).toMatch(/left out/);
    expectOnlyArticleWords(answer);
  });

  it('keeps the backed claims of the first reply when the correction request fails', async () => {
    server.queueChat(
      modelAnswer({
        answer: 'The vote was delayed.',
        claims: [
          { text: 'Delayed.', sentenceIds: ['S1'] },
          { text: 'Invented.', sentenceIds: ['S77'] },
        ],
      }),
      reply.status(500),
    );
    const answer = await engine().answer(input('Was the vote delayed?'));

    expect(answer.engine).toBe('llm');
    expect(answer.citations.map((citation) => citation.sentenceId)).toEqual([sentence('S1').id]);
    expect(answer.notice).toMatch(/left out/);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('falls back to the extractive answer, with a notice, when no claim cites anything twice in a row', async () => {
    const unbacked = modelAnswer({ answer: 'The vote was delayed.', claims: [{ text: 'Delayed.', sentenceIds: [] }] });
    server.queueChat(unbacked, unbacked);
    const answer = await engine().answer(input('Was the vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(answer.notice).toBe(fallbackNotice);
    expect(fallbackCalls).toBe(1);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('answers "not in the article" without quotes when the model finds nothing', async () => {
    server.queueChat(modelAnswer({ found: false, answer: 'The article does not say what the dam costs.' }));
    const answer = await engine().answer(input('How much does the dam cost?'));

    expect(answer.kind).toBe('not-found');
    expect(answer.found).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toBe('The article does not say what the dam costs.');
    expect(answer.attribution).toContain(article.meta.copyright);
  });

  it('caps the quotes and counts the rest as more available', async () => {
    server.queueChat(
      modelAnswer({ answer: 'Several people spoke.', claims: [{ text: 'They spoke.', sentenceIds: ['S3', 'S4', 'S5', 'S6'] }] }),
    );
    const answer = await engine().answer(input('Who spoke?', { maxQuotes: 2 }));

    expect(answer.citations.map((citation) => citation.sentenceId)).toEqual([sentence('S3').id, sentence('S4').id]);
    expect(answer.moreAvailable).toBe(2);
  });

  it("for a quote request, shows only the requested speaker's sentences", async () => {
    const mixed = modelAnswer({
      answer: 'Here is what Ruiz said.',
      claims: [
        { text: 'On the pause.', sentenceIds: ['S3'] },
        { text: 'On risk.', sentenceIds: ['S6'] },
      ],
    });
    server.queueChat(mixed, mixed);
    const answer = await engine().answer(input('Quote Ruiz', { intent: { kind: 'quote', speaker: party('Elena Ruiz'), about: null } }));

    expect(answer.kind).toBe('quote');
    expect(answer.citations.map((citation) => citation.speaker)).toEqual(['Elena Ruiz']);
    expectOnlyArticleWords(answer);
  });

  it('summarises each party with its own sentences, within the quote cap', async () => {
    server.queueChat(
      modelAnswer({
        answer: 'The mayor defends the delay; the engineer warns of risk.',
        claims: [{ text: 'Positions differ.', sentenceIds: ['S3', 'S5'] }],
        parties: [
          { party: 'Elena Ruiz', summary: 'Defends the delay as prudent.', sentenceIds: ['S3', 'S4'] },
          { party: 'Tomás Vidal', summary: 'Warns the levee may fail.', sentenceIds: ['S5', 'S6'] },
        ],
      }),
    );
    const answer = await engine().answer(input('Summarise the positions', { intent: { kind: 'summary', party: null }, maxQuotes: 3 }));

    expect(answer.kind).toBe('summary');
    expect(answer.parties.map((position) => [position.party, position.kind, position.citations.length])).toEqual([
      ['Elena Ruiz', 'person', 2],
      ['Tomás Vidal', 'person', 1],
    ]);
    expect(answer.citations).toHaveLength(3);
    expectOnlyArticleWords(answer);
  });

  it('asks for a Spanish answer to a Spanish question and keeps the quotes in the article’s words', async () => {
    server.queueChat(
      modelAnswer({
        answer: 'El concejo aplazó la votación un mes para estudiar los costos.',
        claims: [{ text: 'La votación se aplazó.', sentenceIds: ['S1'] }],
      }),
    );
    const answer = await engine().answer(input('¿Por qué se aplazó la votación sobre la presa?'));

    expect(lastChatMessages()[0]?.content).toContain('in Spanish');
    expect(answer.answer).toBe('El concejo aplazó la votación un mes para estudiar los costos.');
    expect(answer.citations.map((citation) => citation.text)).toEqual([sentence('S1').text]);
  });
});

describe('LLM engine with the articles on disk', () => {
  let articles: Article[] = [];
  beforeAll(async () => {
    articles = await loadArticles('data/articles');
  });

  it('cites every article by offset and attributes it, whatever the model writes around the quotes', async () => {
    expect(articles.length).toBeGreaterThan(0);
    for (const source of articles) {
      const retrieved = source.sentences.slice(0, 6).map((candidate, position) => ({ sentence: candidate, score: 1 - position / 10, vectorScore: 0, lexicalScore: 0 }));
      const translatedQuote = modelAnswer({
        answer: 'Según el artículo, «esto es una cita inventada».',
        claims: [{ text: 'Resumen del primer párrafo.', sentenceIds: ['S1', 'S2'] }],
      });
      server.queueChat(translatedQuote, translatedQuote);
      const answer = await engine().answer({ question: '¿Qué dice el artículo?', intent: { kind: 'question' }, retrieved, articles: [source], maxQuotes: 5, history: [] });

      expect(answer.engine).toBe('llm');
      expect(answer.citations.map((citation) => citation.sentenceId)).toEqual([source.sentences[0]?.id, source.sentences[1]?.id]);
      expect(answer.answer).not.toContain('inventada');
      expectOnlyArticleWords(answer, source);
      expect(answer.attribution).toBe(`Source: ${source.meta.publisher} — ${source.meta.copyright}`);
    }
  });
});

describe('LLM engine faults', () => {
  it('waits as Retry-After asks after a 429, then answers', async () => {
    server.queueChat(reply.status(429, { 'retry-after': '1' }), validAnswer);
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('llm');
    expect(server.chatRequests()).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('does not wait out a Retry-After longer than its bound, and shows the extractive answer', async () => {
    server.queueChat(reply.status(429, { 'retry-after': '3600' }));
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(sleeps).toEqual([]);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('retries server errors with growing waits, then shows the extractive answer', async () => {
    server.queueChat(reply.status(500), reply.status(502), reply.status(503));
    const answer = await engine({ maxRetries: 2 }).answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(answer.notice).toBe(fallbackNotice);
    expect(server.chatRequests()).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] ?? Infinity);
  });

  it('gives up on a server that never answers after the time-out and retries, then shows the extractive answer', async () => {
    server.queueChat(reply.hang(), reply.hang());
    const answer = await engine({ timeoutMs: 200, maxRetries: 1 }).answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(answer.notice).toBe(fallbackNotice);
    expect(server.chatRequests()).toHaveLength(2);
    expect(logLines).toContain('timed out');
  });

  it('retries broken JSON and answers when the next reply is sound', async () => {
    server.queueChat(reply.content('{"found": true, "answer": "The vote'), validAnswer);
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('llm');
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('shows the extractive answer when every reply is broken JSON', async () => {
    server.queueChat(reply.content('not json'), reply.content('{'), reply.content('```json\n{"found": tru'));
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('shows the extractive answer when the replies are empty', async () => {
    server.queueChat(reply.content(''), reply.content(null), reply.content('   '));
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('survives a response body that is not JSON at all', async () => {
    server.queueChat(reply.raw(200, '<html>gateway</html>'), validAnswer);
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('llm');
    expect(server.chatRequests()).toHaveLength(2);
  });

  it.each([400, 401, 403])('does not retry a request refused with %i', async (status) => {
    server.queueChat(reply.status(status), validAnswer);
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(answer.notice).toBe(fallbackNotice);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('does not retry a refusal from the model itself', async () => {
    server.queueChat(reply.refusal('I cannot help with that.'), validAnswer);
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('keeps the key out of the log even when the server echoes it back', async () => {
    server.queueChat(reply.status(401, {}, { error: { message: `Incorrect API key provided: ${apiKey}`, code: 'invalid_api_key' } }));
    const answer = await engine().answer(input('Why was the dam vote delayed?'));

    expect(answer.engine).toBe('extractive');
    expect(logLines).toContain('HTTP 401');
    expect(logLines).not.toContain(apiKey);
  });
});

describe('OpenAI-compatible embedder', () => {
  it('returns one vector per text, learns the dimensions, and asks for floats with the key', async () => {
    const embedder = createOpenAIEmbedder(openaiConfig());
    expect(embedder.dimensions).toBeNull();

    const vectors = await embedder.embed(['The dam vote was delayed.', 'Vidal warned of risk.']);

    expect(embedder.modelId).toBe('openai:fake-embedding');
    expect(vectors).toHaveLength(2);
    expect(vectors.every((vector) => vector.length === 24)).toBe(true);
    expect(embedder.dimensions).toBe(24);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/embeddings');
    expect(request?.body).toMatchObject({ model: 'fake-embedding', encoding_format: 'float' });
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('gives the same text the same vector and splits long inputs into batches', async () => {
    const embedder = createOpenAIEmbedder(openaiConfig());
    const texts = Array.from({ length: 70 }, (_, position) => `sentence number ${position % 5}`);
    const vectors = await embedder.embed(texts);

    expect(vectors).toHaveLength(70);
    expect(vectors[5]).toEqual(vectors[0]);
    expect(server.requests.length).toBeGreaterThan(1);
  });

  it('refuses to start without a key, naming the setting', () => {
    expect(() => createOpenAIEmbedder(openaiConfig({ apiKey: null }))).toThrow(/OPENAI_API_KEY/);
    expect(() => createLLMEngine({ openai: openaiConfig({ apiKey: null }), fallback })).toThrow(/OPENAI_API_KEY/);
  });

  it('reports a failing endpoint as EMBEDDING_FAILED without the key', async () => {
    const embedder = createOpenAIEmbedder(openaiConfig({ maxRetries: 0, baseUrl: `${server.baseUrl.replace(/\/v1$/, '')}/missing/v1` }));
    const failure = await embedder.embed(['anything']).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(VerbatimError);
    expect((failure as VerbatimError).code).toBe('EMBEDDING_FAILED');
    expect((failure as VerbatimError).message).not.toContain(apiKey);
  });
});
