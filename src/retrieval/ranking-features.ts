import type { EntityType, Sentence } from '../core/types.js';
import { paragraphDiscount, scaleSimilarity } from './fusion.js';
import { phraseMatch, questionTerms, weightedCoverage, type QuestionTerms } from './term-match.js';

/**
 * The features of one (question, candidate sentence) pair, computed the same way when the ranker
 * is fitted (scripts/train.ts) and when it answers. A model file lists the names it was fitted
 * on and this version; a model made for other features is refused (src/retrieval/ranking-model.ts).
 *
 * Bump the version whenever a feature is added, removed, reordered or computed differently.
 */
export const RANKING_FEATURE_VERSION = '2';

export const rankingFeatureNames = [
  'dense_cosine',
  'dense_paragraph_cosine',
  'dense_gap_to_best',
  'dense_rank',
  'dense_scaled',
  'hybrid_score',
  'hybrid_rank',
  'bm25_relative',
  'bm25_rank',
  'paragraph_bm25_relative',
  'article_bm25_share',
  'overlap_with_synonyms',
  'overlap_exact',
  'overlap_gap_to_best',
  'uncovered_max_weight',
  'paragraph_coverage',
  'paragraph_uncovered_max_weight',
  'focus_match',
  'answer_type_match',
  'answer_type_missing',
  'speaker_match',
  'position',
  'first_in_paragraph',
  'length',
  'bigram_share',
  'longest_run',
  'match_density',
  'novel_words',
  'exact_coverage_stems',
  'unmatched_weight',
  'previous_coverage',
  'next_coverage',
  'window_gain',
  'type_person',
  'type_date',
  'type_number',
  'type_place',
  'type_other',
  'article_rank',
  'article_dense_gap',
  'title_coverage',
  'rank_in_article',
] as const;

export type RankingFeatureName = (typeof rankingFeatureNames)[number];

/** What retrieval found for one sentence, before any model ranks it. */
export interface CandidateSignals {
  sentence: Sentence;
  /** Best cosine similarity of the question to a chunk of this sentence alone (whole or window). */
  sentenceSimilarity: number;
  /** Cosine similarity of the question to the sentence's paragraph, when that is a chunk. */
  paragraphSimilarity: number;
  /** Raw BM25 score (synonyms weighted down); 0 when the lexical index did not bring it in. */
  bm25: number;
  /** IDF-weighted share of the question's words the sentence covers, WordNet relations included. */
  overlap: number;
  /** The same share counting only the question's own words and stems. */
  exactOverlap: number;
  /** Normalised BM25 of the question's focus ("which magazine" → "magazine"), or 0. */
  focus: number;
  /** The question's content words (positions in `QuestionProfile.slotWeights`) the sentence matches. */
  matchedSlots: readonly number[];
  /**
   * The hand-set hybrid's score (src/retrieval/fusion.ts): meaning and words mixed. A feature
   * of its own, so that a paraphrase the words miss keeps the weight its meaning earns.
   */
  hybrid: number;
  /** Content stems of the sentence, in order (src/retrieval/term-match.ts). */
  terms: readonly string[];
  /** Content stems of the sentences before and after it in its paragraph (empty at its edges). */
  previousTerms: ReadonlySet<string>;
  nextTerms: ReadonlySet<string>;
  /** Content stems of its article's title. */
  titleTerms: ReadonlySet<string>;
}

/** What the question asks for, read once per question. */
export interface QuestionProfile {
  /** Kinds of entity an answer would name; empty when the question does not say. */
  expectedTypes: readonly EntityType[];
  /** The question's words, lowercased, to tell whether it names a sentence's speaker. */
  words: ReadonlySet<string>;
  /** Each content word's idf weight (LexicalIndex.querySlotWeights). */
  slotWeights: readonly number[];
  /** Its content stems, for phrase and neighbour matches. */
  terms: QuestionTerms;
}

export function profileQuestion(question: string, slotWeights: readonly number[]): QuestionProfile {
  const words = new Set((question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => word.replace(/['’]s$/, '')));
  return { expectedTypes: expectedEntityTypes(question), words, slotWeights, terms: questionTerms(question) };
}

/** Kinds of answer told apart by the ranker, so each can weigh its own evidence. */
const typeGroups: ReadonlyArray<readonly [name: string, types: readonly EntityType[]]> = [
  ['person', ['person']],
  ['date', ['date']],
  ['number', ['number']],
  ['place', ['place']],
  ['other', ['organization', 'money', 'percent']],
];

/**
 * The entity kinds an answer to the question names, from its interrogative alone: "who" wants a
 * person (or a body of people), "when" a date, "how many" a number, "where" a place.
 */
export function expectedEntityTypes(question: string): EntityType[] {
  const text = question.toLowerCase();
  if (/\bhow\s+much\b.*\b(cost|costs|pay|paid|money|spend|spent|worth|price|budget|dollars?|euros?|pounds?)\b/.test(text)) return ['money', 'number'];
  if (/\b(what|which)\s+(percentage|percent|proportion|share)\b|\bwhat\s+per\s*cent\b/.test(text)) return ['percent', 'number'];
  if (/\bhow\s+(many|much|long|old|far|big|large|tall|high|heavy|wide|deep)\b|\bwhat\s+(number|amount|size|population|age)\b/.test(text)) return ['number', 'date'];
  if (/\bwhen\b|\b(what|which)\s+(year|date|day|month|century|decade|time|period|era)\b|\bin\s+what\s+year\b|\bhow\s+(soon|often)\b/.test(text)) return ['date'];
  if (/\bwhere\b|\b(what|which)\s+(city|country|place|region|town|state|province|continent|location|river|island|area)\b/.test(text)) return ['place'];
  if (/\bwho(m|se)?\b|\b(what|which)\s+(person|man|woman|king|emperor|leader|president|author|scientist|general|minister)\b/.test(text)) return ['person', 'organization', 'name'];
  if (/\b(what|which)\s+(company|organization|organisation|group|party|institution|agency|body|court|team)\b/.test(text)) return ['organization', 'name'];
  return [];
}

/**
 * One feature vector per candidate, in `rankingFeatureNames` order. Relative features (gaps,
 * ranks, shares) compare a candidate with the others found for the same question, so the model
 * weighs how a sentence stands among its rivals and not only how large its raw scores run.
 */
export function rankingFeatures(profile: QuestionProfile, candidates: readonly CandidateSignals[]): number[][] {
  if (candidates.length === 0) return [];
  const bestSimilarity = Math.max(...candidates.map((candidate) => candidate.sentenceSimilarity));
  const bestBm25 = Math.max(...candidates.map((candidate) => candidate.bm25));
  const bestOverlap = Math.max(...candidates.map((candidate) => candidate.overlap));
  const similarityRank = ranks(candidates.map((candidate) => candidate.sentenceSimilarity));
  const bm25Rank = ranks(candidates.map((candidate) => candidate.bm25));
  const hybridRank = ranks(candidates.map((candidate) => candidate.hybrid));
  const paragraphBm25 = sumBy(candidates, (candidate) => `${candidate.sentence.articleId}¶${candidate.sentence.paragraph}`);
  const articleBm25 = sumBy(candidates, (candidate) => candidate.sentence.articleId);
  const bestParagraphBm25 = Math.max(...paragraphBm25.values());
  const totalBm25 = candidates.reduce((sum, candidate) => sum + candidate.bm25, 0);
  const expected = new Set(profile.expectedTypes);
  // The question words some sentence of each paragraph matches: a paragraph that answers covers
  // the question between its sentences, even when no one sentence does.
  const paragraphSlots = new Map<string, Set<number>>();
  for (const candidate of candidates) {
    const key = `${candidate.sentence.articleId}¶${candidate.sentence.paragraph}`;
    const slots = paragraphSlots.get(key) ?? new Set<number>();
    for (const slot of candidate.matchedSlots) slots.add(slot);
    paragraphSlots.set(key, slots);
  }
  const totalWeight = profile.slotWeights.reduce((sum, weight) => sum + weight, 0);
  const heaviest = Math.max(0, ...profile.slotWeights);
  const covered = (slots: ReadonlySet<number>) => (totalWeight > 0 ? profile.slotWeights.reduce((sum, weight, slot) => sum + (slots.has(slot) ? weight : 0), 0) / totalWeight : 0);
  // The weight of the rarest question word left unmatched: a name or term the question turns on.
  const uncovered = (slots: ReadonlySet<number>) =>
    heaviest > 0 ? Math.max(0, ...profile.slotWeights.map((weight, slot) => (slots.has(slot) ? 0 : weight))) / heaviest : 0;
  // The group the question's first expected type belongs to ("who" → person).
  const primary = profile.expectedTypes[0];
  const wantedGroup = primary ? typeGroups.find(([, types]) => types.includes(primary))?.[0] : undefined;
  // Articles ranked by their candidates' summed BM25; each sentence ranked within its article.
  const articleOrder = [...articleBm25.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([article]) => article);
  const bestSimilarityIn = new Map<string, number>();
  for (const candidate of candidates) {
    const article = candidate.sentence.articleId;
    bestSimilarityIn.set(article, Math.max(bestSimilarityIn.get(article) ?? 0, candidate.sentenceSimilarity));
  }
  const rankInArticle = new Map<CandidateSignals, number>();
  const byArticle = new Map<string, CandidateSignals[]>();
  for (const candidate of candidates) {
    const group = byArticle.get(candidate.sentence.articleId);
    if (group) group.push(candidate);
    else byArticle.set(candidate.sentence.articleId, [candidate]);
  }
  for (const group of byArticle.values()) {
    const order = ranks(group.map((candidate) => candidate.hybrid));
    group.forEach((candidate, position) => rankInArticle.set(candidate, order[position] ?? group.length));
  }

  return candidates.map((candidate, position) => {
    const { sentence } = candidate;
    const types = sentence.entityTypes ?? [];
    const typeMatch = expected.size > 0 && types.some((type) => expected.has(type));
    const ownSlots = new Set(candidate.matchedSlots);
    const inParagraph = paragraphSlots.get(`${sentence.articleId}¶${sentence.paragraph}`) ?? ownSlots;
    const phrase = phraseMatch(profile.terms, candidate.terms);
    const ownTerms = new Set(candidate.terms);
    const ownCoverage = weightedCoverage(profile.terms, profile.slotWeights, ownTerms);
    const window = new Set([...ownTerms, ...candidate.previousTerms, ...candidate.nextTerms]);
    const unmatchedWeight = profile.terms.slots.reduce((sum, stem, slot) => sum + (ownTerms.has(stem) ? 0 : (profile.slotWeights[slot] ?? 1)), 0);
    const typeOf = (group: string) => {
      if (wantedGroup !== group) return 0;
      const groupTypes = typeGroups.find(([name]) => name === group)?.[1] ?? [];
      return types.some((type) => groupTypes.includes(type)) ? 1 : -1;
    };
    const articlePosition = articleOrder.indexOf(sentence.articleId);
    const features: Record<RankingFeatureName, number> = {
      dense_cosine: candidate.sentenceSimilarity,
      dense_paragraph_cosine: candidate.paragraphSimilarity,
      dense_gap_to_best: candidate.sentenceSimilarity - bestSimilarity,
      dense_rank: reciprocalRank(similarityRank[position] ?? candidates.length),
      dense_scaled: scaleSimilarity(Math.max(candidate.sentenceSimilarity, candidate.paragraphSimilarity * paragraphDiscount)),
      hybrid_score: candidate.hybrid,
      hybrid_rank: reciprocalRank(hybridRank[position] ?? candidates.length),
      bm25_relative: bestBm25 > 0 ? candidate.bm25 / bestBm25 : 0,
      bm25_rank: candidate.bm25 > 0 ? reciprocalRank(bm25Rank[position] ?? candidates.length) : 0,
      paragraph_bm25_relative: bestParagraphBm25 > 0 ? (paragraphBm25.get(`${sentence.articleId}¶${sentence.paragraph}`) ?? 0) / bestParagraphBm25 : 0,
      article_bm25_share: totalBm25 > 0 ? (articleBm25.get(sentence.articleId) ?? 0) / totalBm25 : 0,
      overlap_with_synonyms: candidate.overlap,
      overlap_exact: candidate.exactOverlap,
      overlap_gap_to_best: candidate.overlap - bestOverlap,
      uncovered_max_weight: uncovered(ownSlots),
      paragraph_coverage: covered(inParagraph),
      paragraph_uncovered_max_weight: uncovered(inParagraph),
      focus_match: candidate.focus,
      answer_type_match: typeMatch ? 1 : 0,
      answer_type_missing: expected.size > 0 && !typeMatch ? 1 : 0,
      speaker_match: speakerNamed(sentence, profile.words) ? 1 : 0,
      position: 1 / Math.sqrt(sentence.index),
      first_in_paragraph: sentence.indexInParagraph === 1 ? 1 : 0,
      length: Math.log1p(sentence.text.split(/\s+/).length) / Math.log1p(60),
      bigram_share: phrase.bigramShare,
      longest_run: phrase.longestRun,
      match_density: phrase.density,
      novel_words: Math.log1p(phrase.novelWords) / Math.log1p(40),
      exact_coverage_stems: ownCoverage,
      unmatched_weight: unmatchedWeight,
      previous_coverage: weightedCoverage(profile.terms, profile.slotWeights, candidate.previousTerms),
      next_coverage: weightedCoverage(profile.terms, profile.slotWeights, candidate.nextTerms),
      window_gain: weightedCoverage(profile.terms, profile.slotWeights, window) - ownCoverage,
      type_person: typeOf('person'),
      type_date: typeOf('date'),
      type_number: typeOf('number'),
      type_place: typeOf('place'),
      type_other: typeOf('other'),
      article_rank: reciprocalRank(articlePosition === -1 ? articleOrder.length : articlePosition),
      article_dense_gap: (bestSimilarityIn.get(sentence.articleId) ?? 0) - bestSimilarity,
      title_coverage: weightedCoverage(profile.terms, profile.slotWeights, candidate.titleTerms),
      rank_in_article: reciprocalRank(rankInArticle.get(candidate) ?? candidates.length),
    };
    return rankingFeatureNames.map((name) => features[name]);
  });
}

/** The question names the person or body whose words the sentence reports (by surname or name). */
function speakerNamed(sentence: Sentence, questionWords: ReadonlySet<string>): boolean {
  const name = sentence.speaker?.name;
  if (!name) return false;
  const parts = name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const surname = parts.at(-1);
  return surname !== undefined && surname.length >= 3 && questionWords.has(surname);
}

/** 0-based rank of each value, highest first; ties share the better rank. */
function ranks(values: readonly number[]): number[] {
  const firstPlace = new Map<number, number>();
  [...values].sort((a, b) => b - a).forEach((value, rank) => {
    if (!firstPlace.has(value)) firstPlace.set(value, rank);
  });
  return values.map((value) => firstPlace.get(value) ?? 0);
}

function reciprocalRank(rank: number): number {
  return 1 / (1 + rank);
}

function sumBy(candidates: readonly CandidateSignals[], key: (candidate: CandidateSignals) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const candidate of candidates) sums.set(key(candidate), (sums.get(key(candidate)) ?? 0) + candidate.bm25);
  return sums;
}
