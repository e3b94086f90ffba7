// Scores answers against the frozen dev sets (data/eval/README.md): one record per question and
// variant, then sums per category. Pure: the answers come in, numbers go out.
import type { Answer, Article } from '../../src/core/types.js';
import {
  countOutcomes,
  firstHitRank,
  locateGold,
  mean,
  precisionRecall,
  rate,
  type CharacterRange,
} from './metrics.js';

export interface EvalQuestion {
  id: string;
  category: string;
  question: string;
  gold: string[];
  /** The party as a user would name it, for party-summary and quote questions. */
  party?: string;
}

/** Categories whose questions have no gold sentence by design. */
export const unanswerableCategory = 'unanswerable';
export const reproduceCategory = 'reproduce';

/** Parses a JSONL question file, naming the line of any malformed record. */
export function parseQuestions(jsonl: string, source: string): EvalQuestion[] {
  return jsonl
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => {
      const record = JSON.parse(line) as Partial<EvalQuestion>;
      if (typeof record.id !== 'string' || typeof record.category !== 'string' || typeof record.question !== 'string' || !Array.isArray(record.gold)) {
        throw new Error(`${source}:${number} is not a question record.`);
      }
      return { id: record.id, category: record.category, question: record.question, gold: record.gold, ...(record.party ? { party: record.party } : {}) };
    });
}

export interface QuestionScore {
  id: string;
  category: string;
  /** Rank of the first citation overlapping gold; null when none does or there is no gold. */
  rank: number | null;
  hasGold: boolean;
  found: boolean;
  kind: Answer['kind'];
  citationCount: number;
  /** Citations whose text is exactly `article.text.slice(start, end)`. */
  exactCitations: number;
  /** Citations that are one of the article's sentences, span and text alike. */
  wholeSentenceCitations: number;
  attributionPresent: boolean;
  capRespected: boolean;
  /** For questions naming a party: whether the answer's parties or speakers include it; else null. */
  partyMatched: boolean | null;
  /** Gold sentences the article does not contain (a broken dev set, reported rather than hidden). */
  missingGold: string[];
}

export interface ScoreOptions {
  question: EvalQuestion;
  answer: Answer;
  /** Every article the service answers from. */
  articles: readonly Article[];
  /** The article the question's gold sentences come from. */
  goldArticleId: string;
  maxQuotes: number;
}

export function scoreAnswer({ question, answer, articles, goldArticleId, maxQuotes }: ScoreOptions): QuestionScore {
  const articlesById = new Map(articles.map((article) => [article.meta.id, article]));
  const goldArticle = articlesById.get(goldArticleId);
  if (!goldArticle) throw new Error(`The gold article ${goldArticleId} is not among the loaded articles.`);
  const { ranges: goldRanges, missing } = locateGold(goldArticle.text, question.gold);

  // A citation from another article can never be a hit, whatever its offsets.
  const citedRanges: CharacterRange[] = answer.citations.map((citation) =>
    citation.article === goldArticleId ? { start: citation.start, end: citation.end } : { start: -1, end: -1 },
  );
  const hasGold = goldRanges.length > 0;

  let exactCitations = 0;
  let wholeSentenceCitations = 0;
  for (const citation of answer.citations) {
    const article = articlesById.get(citation.article);
    if (!article) continue;
    if (article.text.slice(citation.start, citation.end) === citation.text) exactCitations += 1;
    const isSentence = article.sentences.some(
      (sentence) => sentence.start === citation.start && sentence.end === citation.end && sentence.text === citation.text,
    );
    if (isSentence) wholeSentenceCitations += 1;
  }

  return {
    id: question.id,
    category: question.category,
    rank: hasGold ? firstHitRank(citedRanges, goldRanges) : null,
    hasGold,
    found: answer.found,
    kind: answer.kind,
    citationCount: answer.citations.length,
    exactCitations,
    wholeSentenceCitations,
    attributionPresent: attributionPresent(answer, articles),
    capRespected: answer.citations.length <= maxQuotes,
    partyMatched: question.party ? partyMatched(answer, question.party, articles) : null,
    missingGold: missing,
  };
}

/**
 * Non-empty, and carries the copyright line of every article it cites (of some loaded article
 * when it cites none, e.g. "not in the article").
 */
function attributionPresent(answer: Answer, articles: readonly Article[]): boolean {
  if (answer.attribution.trim() === '') return false;
  const cited = new Set(answer.citations.map((citation) => citation.article));
  const copyrights = articles.filter((article) => cited.size === 0 || cited.has(article.meta.id)).map((article) => article.meta.copyright);
  if (cited.size === 0) return copyrights.some((copyright) => copyright !== '' && answer.attribution.includes(copyright));
  return copyrights.every((copyright) => copyright !== '' && answer.attribution.includes(copyright));
}

/** The README rule: a user's name for a party matches `Party.name` or one of its aliases. */
function partyMatched(answer: Answer, named: string, articles: readonly Article[]): boolean {
  const wanted = named.trim().toLowerCase();
  const party = articles
    .flatMap((article) => article.parties)
    .find((candidate) => [candidate.name, ...candidate.aliases].some((alias) => alias.toLowerCase() === wanted));
  if (!party) return false;
  const names = new Set([party.name, ...party.aliases].map((alias) => alias.toLowerCase()));
  const answered = [
    ...answer.parties.map((position) => position.party),
    ...answer.citations.map((citation) => citation.speaker ?? ''),
  ];
  return answered.some((name) => names.has(name.toLowerCase()));
}

export interface RetrievalSummary {
  /** Questions with gold sentences. */
  questions: number;
  recallAt1: number | null;
  recallAt3: number | null;
  mrr: number | null;
}

export function summariseRetrieval(scores: readonly QuestionScore[]): RetrievalSummary {
  const withGold = scores.filter((score) => score.hasGold);
  return {
    questions: withGold.length,
    recallAt1: mean(withGold.map((score) => (score.rank !== null && score.rank <= 1 ? 1 : 0))),
    recallAt3: mean(withGold.map((score) => (score.rank !== null && score.rank <= 3 ? 1 : 0))),
    mrr: mean(withGold.map((score) => (score.rank === null ? 0 : 1 / score.rank))),
  };
}

/** A count out of a total, kept as both so the report can print "65/66". */
export interface Tally {
  count: number;
  total: number;
}

export interface AnswerChecks {
  exactCitations: Tally;
  wholeSentenceCitations: Tally;
  attributionPresent: Tally;
  capRespected: Tally;
  reproduceDeclined: Tally;
  partyMatched: Tally;
  /** "Not in the article": positive class = `found === false` on an unanswerable question. */
  notInArticle: { precision: number | null; recall: number | null; truePositives: number; falsePositives: number; falseNegatives: number };
  /** Share of answerable questions (with gold) answered with `found: true`. */
  answeredRate: number | null;
}

export function summariseChecks(scores: readonly QuestionScore[]): AnswerChecks {
  const tally = (flags: readonly boolean[]): Tally => ({ count: flags.filter(Boolean).length, total: flags.length });
  const citations = scores.reduce((total, score) => total + score.citationCount, 0);
  const reproduce = scores.filter((score) => score.category === reproduceCategory);
  // Reproduce requests are neither answerable nor "not in the article": they are judged apart.
  const judged = scores.filter((score) => score.category !== reproduceCategory);
  const outcomes = countOutcomes(judged.map((score) => ({ predicted: !score.found, actual: score.category === unanswerableCategory })));
  return {
    exactCitations: { count: scores.reduce((total, score) => total + score.exactCitations, 0), total: citations },
    wholeSentenceCitations: { count: scores.reduce((total, score) => total + score.wholeSentenceCitations, 0), total: citations },
    attributionPresent: tally(scores.map((score) => score.attributionPresent)),
    capRespected: tally(scores.map((score) => score.capRespected)),
    reproduceDeclined: tally(reproduce.map((score) => score.kind === 'declined')),
    partyMatched: tally(scores.filter((score) => score.partyMatched !== null).map((score) => score.partyMatched === true)),
    notInArticle: { ...precisionRecall(outcomes), ...outcomes },
    answeredRate: rate(scores.filter((score) => score.hasGold).map((score) => score.found)),
  };
}
