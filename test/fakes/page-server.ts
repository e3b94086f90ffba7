/**
 * A small web server for fetcher tests, on a loopback address. Each path answers from a handler
 * the test sets; every request is recorded (path, headers) and every socket is tracked, so a test
 * asserts that a refused link reached the server zero times and that an aborted fetch closed its
 * connection.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type PageHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RecordedHit {
  path: string;
  headers: IncomingMessage['headers'];
}

export interface PageServer {
  host: '127.0.0.1' | '::1';
  port: number;
  /** e.g. `http://127.0.0.1:51234` or `http://[::1]:51234` */
  origin: string;
  hits: RecordedHit[];
  route(path: string, handler: PageHandler): void;
  /** Sockets accepted and not yet closed. */
  openSockets(): number;
  close(): Promise<void>;
}

export async function startPageServer({ host = '127.0.0.1', port = 0 }: { host?: '127.0.0.1' | '::1'; port?: number } = {}): Promise<PageServer> {
  const hits: RecordedHit[] = [];
  const routes = new Map<string, PageHandler>();
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    const path = request.url ?? '';
    hits.push({ path, headers: request.headers });
    const handler = routes.get(path) ?? page('<h1>Not found</h1>', { status: 404 });
    handler(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;

  return {
    host,
    port: address.port,
    origin: host === '::1' ? `http://[::1]:${address.port}` : `http://${host}:${address.port}`,
    hits,
    route: (path, handler) => routes.set(path, handler),
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A complete response with a Content-Length. */
export function page(body: string | Uint8Array, { status = 200, headers = { 'content-type': 'text/html; charset=utf-8' } }: { status?: number; headers?: OutgoingHttpHeaders } = {}): PageHandler {
  return (_request, response) => {
    response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
}

export function redirect(location: string, status = 302): PageHandler {
  return (_request, response) => {
    response.writeHead(status, { location, 'content-type': 'text/html' });
    response.end(`<a href="${location}">moved</a>`);
  };
}

/** Sends the headers and the first bytes, then nothing more, ever. */
export function stallAfter(firstBytes: string, headers: OutgoingHttpHeaders = { 'content-type': 'text/html' }): PageHandler {
  return (_request, response) => {
    response.writeHead(200, headers);
    if (firstBytes !== '') response.write(firstBytes);
    else response.flushHeaders();
  };
}

/** Never answers at all. */
export const hang: PageHandler = () => {};

/**
 * A body that never ends, in chunks as fast as the client takes them: chunked (no length), or
 * written straight to the socket with no length and no chunking, ended only by closing.
 */
export function endless({ framing = 'chunked' }: { framing?: 'chunked' | 'close-delimited' } = {}): PageHandler {
  const chunk = Buffer.alloc(16 * 1024, '<p>more</p>');
  return (request, response) => {
    const socket = request.socket;
    let write: () => boolean;
    if (framing === 'chunked') {
      response.writeHead(200, { 'content-type': 'text/html' });
      write = () => response.write(chunk);
    } else {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n');
      write = () => socket.write(chunk);
    }
    // The client hanging up mid-write is the expected end.
    socket.on('error', () => {});
    const pump = () => {
      while (!socket.destroyed && write());
    };
    socket.on('drain', pump);
    pump();
  };
}
