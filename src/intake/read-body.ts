import type { IncomingMessage } from 'node:http';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createUnzip } from 'node:zlib';
import { VerbatimError } from '../core/errors.js';

export interface ReadBodyOptions {
  maxBytes: number;
  signal: AbortSignal;
}

/**
 * A response's body, decompressed, refused as soon as it passes `maxBytes`: both the bytes on the
 * wire and the decoded bytes are counted while they stream, so neither a page that never ends nor
 * a small gzip that inflates to gigabytes is ever held whole. On any failure the response (and
 * with it the socket) is destroyed.
 */
export async function readBody(response: IncomingMessage, { maxBytes, signal }: ReadBodyOptions): Promise<Uint8Array> {
  const decoders = decodersFor(response.headers['content-encoding']);
  const chunks: Buffer[] = [];
  let decodedBytes = 0;
  const collector = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      decodedBytes += chunk.length;
      if (decodedBytes > maxBytes) return callback(tooLarge());
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline([response, byteLimit(maxBytes), ...decoders, collector], { signal });
  return new Uint8Array(Buffer.concat(chunks));
}

function byteLimit(maxBytes: number): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(bytes > maxBytes ? tooLarge() : null, chunk);
    },
  });
}

const tooLarge = () => new VerbatimError('FETCH_TOO_LARGE');

/**
 * Decoders for `Content-Encoding`, last applied first. `createUnzip` reads gzip and zlib alike,
 * since servers label one as the other; the request only offers gzip, deflate and br.
 */
function decodersFor(header: string | undefined): Transform[] {
  const encodings = (header ?? '').split(',').map((each) => each.trim().toLowerCase()).filter((each) => each !== '' && each !== 'identity');
  return encodings.reverse().map((encoding) => {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
      case 'deflate':
        return createUnzip();
      case 'br':
        return createBrotliDecompress();
      default:
        throw new VerbatimError('FETCH_FAILED', 'The page is compressed in a way that cannot be read.', { cause: new Error(`content-encoding ${encoding}`) });
    }
  });
}
