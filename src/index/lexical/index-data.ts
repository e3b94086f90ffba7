import { VerbatimError } from '../../core/errors.js';
import type { Bm25Parameters } from './bm25.js';

export const lexicalIndexFormat = 'verbatim-lexical-index';
export const lexicalIndexVersion = 1;

/** The lexical index as stored on disk: plain JSON, everything the queries need, no WordNet. */
export interface LexicalIndexData {
  format: typeof lexicalIndexFormat;
  version: typeof lexicalIndexVersion;
  parameters: Bm25Parameters;
  /** Sentence ids in index order; postings refer to sentences by position in this list. */
  sentenceIds: string[];
  /** Content words per sentence, the BM25 document length. */
  sentenceLengths: number[];
  /**
   * Stemmed term (a word, an abbreviation such as `u.s.`, or a WordNet phrase such as
   * `unit_state`) -> flattened pairs `[sentencePosition, termFrequency, …]`. Speaker-name
   * terms carry fractional frequencies.
   */
  postings: Record<string, number[]>;
  /**
   * Stem of any word (or `_`-joined phrase) -> the article terms WordNet relates it to, each
   * with the weight of the relation (< 1). Precomputed at build time so queries never read WordNet.
   */
  synonyms: Record<string, Array<[term: string, weight: number]>>;
}

/** Checks the shape of parsed JSON; anything unexpected means the file is damaged. */
export function parseLexicalIndexData(data: unknown): LexicalIndexData {
  const fail = (detail: string): never => {
    throw new VerbatimError('INDEX_CORRUPT', undefined, { cause: new Error(`lexical index: ${detail}`) });
  };
  if (!isRecord(data)) return fail('not an object');
  if (data.format !== lexicalIndexFormat || data.version !== lexicalIndexVersion) return fail('unknown format or version');
  const { parameters, sentenceIds, sentenceLengths, postings, synonyms } = data;
  if (!isRecord(parameters) || !isFiniteNumber(parameters.k1) || !isFiniteNumber(parameters.b)) return fail('bad parameters');
  if (!Array.isArray(sentenceIds) || !sentenceIds.every((id) => typeof id === 'string')) return fail('bad sentence ids');
  if (
    !Array.isArray(sentenceLengths) ||
    sentenceLengths.length !== sentenceIds.length ||
    !sentenceLengths.every((length) => Number.isInteger(length) && length >= 0)
  ) {
    return fail('bad sentence lengths');
  }
  if (!isRecord(postings)) return fail('bad postings');
  for (const [term, list] of Object.entries(postings)) {
    if (!Array.isArray(list) || list.length === 0 || list.length % 2 !== 0) return fail(`bad postings for "${term}"`);
    for (let position = 0; position < list.length; position += 2) {
      const sentence = list[position];
      const frequency = list[position + 1];
      if (!Number.isInteger(sentence) || sentence < 0 || sentence >= sentenceIds.length) return fail(`bad sentence in "${term}"`);
      if (!isFiniteNumber(frequency) || frequency <= 0) return fail(`bad frequency in "${term}"`);
    }
  }
  if (!isRecord(synonyms)) return fail('bad synonyms');
  for (const [key, targets] of Object.entries(synonyms)) {
    if (!Array.isArray(targets)) return fail(`bad synonyms for "${key}"`);
    for (const target of targets) {
      if (
        !Array.isArray(target) ||
        target.length !== 2 ||
        typeof target[0] !== 'string' ||
        !Object.hasOwn(postings, target[0]) ||
        !isFiniteNumber(target[1]) ||
        target[1] <= 0 ||
        target[1] > 1
      ) {
        return fail(`bad synonym target for "${key}"`);
      }
    }
  }
  return data as unknown as LexicalIndexData;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
