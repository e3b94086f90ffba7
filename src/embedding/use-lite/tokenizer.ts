// The Universal Sentence Encoder lite's SentencePiece tokenizer: a Viterbi segmentation over the
// model's vocabulary of scored pieces. Ported from @energetic-ai/embeddings (lib/tokenizer.ts and
// lib/trie.ts, Apache-2.0), itself from @tensorflow-models/universal-sentence-encoder, so that the
// native model needs neither TensorFlow.js nor that package's loader; the ids it returns are the
// same, which `test/integration/use-lite-native.int.test.ts` checks against the original.

/** `[piece, score]` pairs; a piece's id is its position. */
export type Vocabulary = ReadonlyArray<readonly [string, number]>;

const separator = '\u2581';
/** Ids 0–5 are control symbols (0 is "unknown"), never matched in text. */
const reservedSymbols = 6;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Set when a vocabulary piece ends here. */
  piece: { length: number; score: number; id: number } | null;
}

const newNode = (): TrieNode => ({ children: new Map(), piece: null });

export interface Tokenizer {
  encode(text: string): number[];
}

export function createTokenizer(vocabulary: Vocabulary): Tokenizer {
  const root = newNode();
  for (let id = reservedSymbols; id < vocabulary.length; id += 1) {
    const [piece, score] = vocabulary[id] ?? ['', 0];
    const symbols = [...piece];
    let node = root;
    for (const symbol of symbols) {
      let child = node.children.get(symbol);
      if (!child) node.children.set(symbol, (child = newNode()));
      node = child;
    }
    node.piece = { length: symbols.length, score, id };
  }

  /** Every piece starting at `start`; an unknown one-symbol piece (id 0) when none does. */
  const piecesAt = (symbols: readonly string[], start: number) => {
    const found: { length: number; score: number; id: number }[] = [];
    let node = root.children.get(symbols[start] ?? '');
    for (let at = start; at < symbols.length && node; at += 1) {
      if (node.piece) found.push(node.piece);
      node = node.children.get(symbols[at + 1] ?? '');
    }
    return found.length > 0 ? found : [{ length: 1, score: 0, id: 0 }];
  };

  return {
    encode(text) {
      const normalized = text.normalize('NFKC');
      const symbols = normalized.length > 0 ? [...(separator + normalized.replace(/ /g, separator))] : [];
      // endingAt[end] holds, by start position, the pieces that span [start, end).
      const endingAt: Map<number, { length: number; score: number; id: number }[]>[] = Array.from({ length: symbols.length + 1 }, () => new Map());
      for (let start = 0; start < symbols.length; start += 1) {
        for (const piece of piecesAt(symbols, start)) {
          const spans = endingAt[start + piece.length]?.get(start);
          if (spans) spans.push(piece);
          else endingAt[start + piece.length]?.set(start, [piece]);
        }
      }
      const best = new Array<number>(symbols.length + 1).fill(0);
      const bestId = new Array<number>(symbols.length + 1).fill(0);
      for (let end = 0; end <= symbols.length; end += 1) {
        // Starts in ascending order and `>=`, as the original, so ties resolve the same way.
        for (const start of [...(endingAt[end]?.keys() ?? [])].sort((a, b) => a - b)) {
          for (const piece of endingAt[end]?.get(start) ?? []) {
            const score = piece.score + (best[end - piece.length] ?? 0);
            if (best[end] === 0 || score >= (best[end] ?? 0)) {
              best[end] = score;
              bestId[end] = piece.id;
            }
          }
        }
      }
      const reversed: number[] = [];
      for (let end = symbols.length; end > 0; ) {
        const id = bestId[end] ?? 0;
        reversed.push(id);
        // Every piece of the vocabulary is as many UTF-16 units long as it has symbols.
        end -= Math.max(1, (vocabulary[id]?.[0] ?? '').length);
      }
      // Consecutive unknown symbols become one unknown token.
      const ids: number[] = [];
      let previousUnknown = false;
      for (const id of reversed) {
        if (!(previousUnknown && id === 0)) ids.push(id);
        previousUnknown = id === 0;
      }
      return ids.reverse();
    },
  };
}
