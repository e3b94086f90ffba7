import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const certificate = resolve('test/fixtures/tls/cert.pem'); // self-signed, for public.example only
const childScript = resolve('test/fakes/fetch-page-child.ts');
const tsxLoader = import.meta.resolve('tsx');

type Outcome = { url: string; body: string } | { code: string; cause: string | null };

/** fetchPage in a child process that trusts the test certificate. */
function fetchInChild(link: string, hosts: Record<string, string>): Promise<Outcome> {
  return new Promise((done, fail) => {
    const argument = JSON.stringify({ link, hosts, allowPrivateNetwork: true });
    const child = spawn(process.execPath, ['--import', tsxLoader, childScript, argument], {
      env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: certificate },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', () => {
      try {
        done(JSON.parse(stdout) as Outcome);
      } catch {
        fail(new Error(`the child printed no outcome: ${stdout} ${stderr}`));
      }
    });
  });
}

let server: Server;
let port: number;
const handshakes: (string | false | null)[] = [];
const hosts: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer({ cert: readFileSync(certificate), key: readFileSync(resolve('test/fixtures/tls/key.pem')) }, (request, response) => {
    hosts.push(request.headers.host);
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<p>over TLS</p>');
  });
  server.on('secureConnection', (socket: TLSSocket) => handshakes.push(socket.servername));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

describe('fetchPage over https to a pinned address', () => {
  it('sends the name as SNI and Host and checks the certificate against it', async () => {
    const outcome = await fetchInChild(`https://public.example:${port}/article`, { 'public.example': '127.0.0.1' });
    expect(outcome).toEqual({ url: `https://public.example:${port}/article`, body: '<p>over TLS</p>' });
    expect(handshakes).toContain('public.example');
    expect(hosts).toContain(`public.example:${port}`);
  });

  it('refuses a certificate that is not for the name asked for', async () => {
    const outcome = await fetchInChild(`https://other.example:${port}/article`, { 'other.example': '127.0.0.1' });
    expect(outcome).toMatchObject({ code: 'FETCH_FAILED', cause: expect.stringMatching(/other\.example/) });
  });
});
