/**
 * A small OpenAI-compatible server for tests: `POST /v1/chat/completions` answers from a script
 * the test queues, `POST /v1/embeddings` answers with deterministic hashed bag-of-words vectors.
 * Every request is recorded (path, headers, parsed body) so tests assert on what was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply to a chat request. */
export type ScriptedReply =
  | { kind: 'content'; content: string | null; refusal?: string }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'raw'; status: number; body: string }
  | { kind: 'hang' };

export const reply = {
  /** A completion whose message content is this JSON value, serialised. */
  json: (value: unknown): ScriptedReply => ({ kind: 'content', content: JSON.stringify(value) }),
  /** A completion whose message content is this exact text (broken JSON, prose, …). */
  content: (content: string | null): ScriptedReply => ({ kind: 'content', content }),
  refusal: (refusal: string): ScriptedReply => ({ kind: 'content', content: null, refusal }),
  /** An HTTP error, e.g. 429 with `retry-after`, 500, 400. */
  status: (status: number, headers: Record<string, string> = {}, body: unknown = { error: { message: `status ${status}`, type: 'fake_error' } }): ScriptedReply => ({
    kind: 'status',
    status,
    headers,
    body,
  }),
  /** A response body that is not JSON at all. */
  raw: (status: number, body: string): ScriptedReply => ({ kind: 'raw', status, body }),
  /** Never answers: the client's time-out has to end it. */
  hang: (): ScriptedReply => ({ kind: 'hang' }),
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeOpenAIServer {
  /** e.g. `http://127.0.0.1:51234/v1` */
  baseUrl: string;
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  /** Replies for the next chat requests, in order. With the queue empty a chat request gets a 500. */
  queueChat(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

export async function startFakeOpenAIServer({ embeddingDimensions = 32 }: { embeddingDimensions?: number } = {}): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const chatQueue: ScriptedReply[] = [];

  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const body = parseJson(text);
      const path = request.url ?? '';
      requests.push({ method: request.method ?? '', path, headers: request.headers, body });
      if (request.method === 'POST' && path === '/v1/chat/completions') return answerChat(response, chatQueue.shift(), body);
      if (request.method === 'POST' && path === '/v1/embeddings') return answerEmbeddings(response, body, embeddingDimensions);
      sendJson(response, 404, { error: { message: `no route ${request.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((request) => request.path === '/v1/chat/completions'),
    queueChat: (...replies) => chatQueue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep their sockets open; end them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerChat(response: ServerResponse, scripted: ScriptedReply | undefined, body: unknown): void {
  if (scripted === undefined) return sendJson(response, 500, { error: { message: 'the test scripted no reply for this request' } });
  switch (scripted.kind) {
    case 'hang':
      return;
    case 'raw':
      response.writeHead(scripted.status, { 'content-type': 'application/json' });
      response.end(scripted.body);
      return;
    case 'status':
      return sendJson(response, scripted.status, scripted.body, scripted.headers);
    case 'content':
      return sendJson(response, 200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 0,
        model: (body as { model?: string } | null)?.model ?? 'fake',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: scripted.content, refusal: scripted.refusal ?? null },
          },
        ],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      });
  }
}

function answerEmbeddings(response: ServerResponse, body: unknown, dimensions: number): void {
  const { input, model, encoding_format: encodingFormat } = (body ?? {}) as { input?: unknown; model?: string; encoding_format?: string };
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input.map(String) : [];
  const data = texts.map((text, index) => {
    const vector = hashedBagOfWords(text, dimensions);
    const embedding = encodingFormat === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  sendJson(response, 200, { object: 'list', data, model: model ?? 'fake', usage: { prompt_tokens: 0, total_tokens: 0 } });
}

/** Each lower-cased word adds 1 to a hashed slot; the vector is scaled to length 1. */
export function hashedBagOfWords(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []) {
    let hash = 2166136261;
    for (const character of word) hash = Math.imul(hash ^ (character.codePointAt(0) ?? 0), 16777619) >>> 0;
    vector[hash % dimensions]! += 1;
  }
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // A client that aborts (its time-out) closes the socket mid-request; nothing to answer then.
    request.on('error', () => resolve(''));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
