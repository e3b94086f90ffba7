// `npm run train`: fits the sentence ranker, the answerability model and the citation floor on
// the fitting articles of SQuAD 2.0 dev (bench/lib/squad.ts holds the split) and writes
// src/retrieval/ranking-model.json. Deterministic: the same data gives the same bytes (Newton's
// method from zero weights, questions in file order, no sampling). Runs offline; the first run
// embeds the articles and questions (a few minutes), later runs read the embedding cache.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import { shippedModelPath } from '../src/app.js';
import { answerabilityFeatures, answerabilityFeatureNames, ANSWERABILITY_FEATURE_VERSION, modelAnswerability, type AnswerabilityInput } from '../src/answer/answerability.js';
import type { RetrievedSentence } from '../src/core/types.js';
import { fitLogisticRegression, predictProbability, type LogisticModel } from '../src/retrieval/logistic-regression.js';
import { RANKING_FEATURE_VERSION, rankingFeatureNames } from '../src/retrieval/ranking-features.js';
import type { RankingModel } from '../src/retrieval/ranking-model.js';
import { createRetriever } from '../src/retrieval/retriever.js';
import { heldOutArticles, holdsAnswer, isHeldOut, openSquadLibrary, readSquad, type SquadQuestion } from '../bench/lib/squad.js';
import { strangerPool, swapPeople } from '../bench/lib/person-swap.js';
import { runCli } from './run-cli.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Answerable questions of the fitting split that may be refused: well under the 3 % limit, since
 * at 2 % the held-out articles came out at 3.6 %.
 */
const refusalTarget = 0.01;
const evenOdds = 0.5;
/** The share the model alone may refuse when it decides alone (reported either way). */
const aloneTarget = 0.02;
/**
 * Whether a refusal also needs the hand-written rules' agreement. Tried without (threshold for
 * 2 % on the fitting split): held-out SQuAD refused ~11 % of unanswerable at ~3 % of answerable,
 * but on the news dev set "not in the article" precision fell 0.667 → 0.308, recall 0.667 → 0.444,
 * and a stranger's "what did X say about <the article's topic>" was answered. So the rules stay.
 */
const rulesMustAgree = true;

type AnswerabilityEvidence = Omit<AnswerabilityInput, 'thresholds'>;
/** The citation floor keeps at least this share of cited sentences answering, on the fitting split. */
const citationPrecisionTarget = 0.7;
/** Candidates past this rank in both BM25 and meaning are easy negatives: left out of the fit to keep it fast. */
const fitDepth = 100;
const maxQuotes = 5;
/** Every this many answerable questions is also asked of the library without its own article (1: all). */
const outOfLibraryEvery = 1;

await runCli(async () => {
  const config = loadConfig();
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const squad = await readSquad(repositoryRoot);
  const library = await openSquadLibrary({ config, squad, indexDir: join(repositoryRoot, '.tmp', 'squad-library-index'), progress });
  const fitting = squad.questions.filter((question) => !isHeldOut(question) && question.question.trim() !== '');
  const answerable = fitting.filter((question) => question.answerable);
  progress(`Fitting on ${fitting.length} questions (${answerable.length} answerable) of ${squad.questions.length}; held out: ${heldOutArticles.join(', ')}.`);

  // 1. The ranker: one row per (answerable question, candidate), labelled by "holds an answer span".
  const unranked = createRetriever({ index: library.index, embedder: library.embedder, ranker: uniformModel(rankingFeatureNames) });
  const rows: number[][] = [];
  const labels: boolean[] = [];
  const denseRank = rankingFeatureNames.indexOf('dense_rank');
  const bm25Rank = rankingFeatureNames.indexOf('bm25_rank');
  for (const question of answerable) {
    for (const candidate of await unranked.retrieve(question.question.trim(), { limit: Number.MAX_SAFE_INTEGER })) {
      const features = candidate.features ?? [];
      if ((features[denseRank] ?? 0) < 1 / fitDepth && (features[bm25Rank] ?? 0) < 1 / fitDepth) continue;
      rows.push(features);
      labels.push(holdsAnswer(question, candidate.sentence));
    }
  }
  progress(`Ranker: ${rows.length} candidate rows, ${labels.filter(Boolean).length} holding an answer.`);
  const ranker = fitLogisticRegression({ featureNames: rankingFeatureNames, rows, labels, l2: 1 });

  // 2. Answerability: one row per question, from the fitted ranker's best candidates.
  const retriever = createRetriever({ index: library.index, embedder: library.embedder, ranker });
  const parties = library.articles.flatMap((article) => article.parties);
  const articleTexts = library.articles.map((article) => article.text.slice(article.body.start, article.body.end));
  const ranked: Array<{ question: SquadQuestion; retrieved: RetrievedSentence[]; features: number[]; evidence: AnswerabilityEvidence }> = [];
  for (const question of fitting) {
    const text = question.question.trim();
    const retrieved = await retriever.retrieve(text, { limit: 50 });
    const evidence: AnswerabilityEvidence = {
      question: text,
      retrieved,
      unknownTerms: retriever.unknownTerms(text),
      contentTermCount: retriever.contentTermCount(text),
      parties,
      articleTexts,
    };
    ranked.push({ question, retrieved, features: answerabilityFeatures(evidence), evidence });
  }
  // Questions about what the library does not hold at all ("What did <someone never mentioned>
  // say?") are rare in SQuAD, whose unanswerable questions stay on their article's subject. So a
  // the answerable questions are asked again of the library without their own article:
  // there, nothing answers them.
  const elsewhere: number[][] = [];
  for (const [position, question] of answerable.entries()) {
    if (position % outOfLibraryEvery !== 0) continue;
    const own = library.articles.find((article) => article.meta.id === question.article);
    if (!own) continue;
    const others = library.articles.filter((article) => article !== own);
    const text = question.question.trim();
    const retrieved = await retriever.retrieve(text, { limit: 50, excludeSentenceIds: own.sentences.map((sentence) => sentence.id) });
    elsewhere.push(
      answerabilityFeatures({
        question: text,
        retrieved,
        unknownTerms: retriever.unknownTerms(text),
        contentTermCount: retriever.contentTermCount(text),
        parties: others.flatMap((article) => article.parties),
        articleTexts: others.map((article) => article.text.slice(article.body.start, article.body.end)),
      }),
    );
  }
  // And copies whose person is swapped for someone only another fitting article names, asked of
  // the library without that article (bench/lib/person-swap.ts): "What did <a stranger> say?".
  const fittingArticles = library.articles.filter((article) => fitting.some((question) => question.article === article.meta.id));
  const pool = strangerPool(fittingArticles.map((article) => ({ id: article.meta.id, text: article.text.slice(article.body.start, article.body.end) })));
  const strangers: number[][] = [];
  for (const swapped of swapPeople(answerable, pool)) {
    if (!swapped) continue;
    const away = library.articles.find((article) => article.meta.id === swapped.nameArticle);
    if (!away) continue;
    const others = library.articles.filter((article) => article !== away);
    const retrieved = await retriever.retrieve(swapped.question, { limit: 50, excludeSentenceIds: away.sentences.map((sentence) => sentence.id) });
    strangers.push(
      answerabilityFeatures({
        question: swapped.question,
        retrieved,
        unknownTerms: retriever.unknownTerms(swapped.question),
        contentTermCount: retriever.contentTermCount(swapped.question),
        parties: others.flatMap((article) => article.parties),
        articleTexts: others.map((article) => article.text.slice(article.body.start, article.body.end)),
      }),
    );
  }
  progress(`Answerability: ${ranked.length} questions, plus ${elsewhere.length} asked of the library without their article and ${strangers.length} about a person swapped for a stranger (pool of ${pool.length} names).`);
  const answerabilityModel = fitLogisticRegression({
    featureNames: answerabilityFeatureNames,
    rows: [...ranked.map((entry) => entry.features), ...elsewhere, ...strangers],
    labels: [...ranked.map((entry) => entry.question.answerable), ...elsewhere.map(() => false), ...strangers.map(() => false)],
    l2: 1,
  });
  const probabilities = ranked.map((entry) => predictProbability(answerabilityModel, entry.features));
  // `npm run train -- --dump rows.json`: the answerability rows, for studying the features.
  const dumpAt = process.argv.indexOf('--dump');
  const dumpFile = dumpAt === -1 ? undefined : process.argv[dumpAt + 1];
  if (dumpFile) await writeFile(dumpFile, JSON.stringify(ranked.map((entry) => ({ answerable: entry.question.answerable, features: entry.features }))));
  // Two decisions the threshold can be chosen for. With `rulesMustAgree` the service refuses when
  // the probability is under the threshold and the old rules find no answer either
  // (src/answer/answerability.ts): the highest threshold that refuses at most `refusalTarget` of
  // answerable questions that way, and never above even odds. Without it the probability alone
  // decides, at the threshold refusing `aloneTarget` of answerable questions. Both are reported.
  const rulesRefuse = ranked.map((entry) => !modelAnswerability(entry.evidence, { ...answerabilityModel, threshold: Number.POSITIVE_INFINITY }).answerable);
  const answerableCount = ranked.filter((entry) => entry.question.answerable).length;
  const vetoed = probabilities.filter((_, position) => ranked[position]?.question.answerable && rulesRefuse[position]).sort((a, b) => a - b);
  const withRulesThreshold = round(Math.min(evenOdds, vetoed[Math.floor(refusalTarget * answerableCount)] ?? evenOdds));
  const answerableProbabilities = probabilities.filter((_, position) => ranked[position]?.question.answerable).sort((a, b) => a - b);
  const aloneThreshold = round(Math.min(evenOdds, answerableProbabilities[Math.floor(aloneTarget * answerableCount)] ?? evenOdds));
  const refusedAt = (position: number, threshold: number, withRules: boolean) => (probabilities[position] ?? 0) < threshold && (!withRules || Boolean(rulesRefuse[position]));
  const operatingPointOf = (threshold: number, withRules: boolean) => {
    const share = (answerableWanted: boolean) => {
      const group = ranked.flatMap((entry, position) => (entry.question.answerable === answerableWanted ? [position] : []));
      return round(group.filter((position) => refusedAt(position, threshold, withRules)).length / Math.max(1, group.length));
    };
    return { answerableRefused: share(true), unanswerableRefused: share(false) };
  };
  const alone = operatingPointOf(aloneThreshold, false);
  const withRules = operatingPointOf(withRulesThreshold, true);
  progress(`Answerability alone: threshold ${aloneThreshold} refuses ${pct(alone.answerableRefused)} of answerable, ${pct(alone.unanswerableRefused)} of unanswerable (fitting split).`);
  progress(`Answerability with the rules' agreement: threshold ${withRulesThreshold} refuses ${pct(withRules.answerableRefused)} of answerable, ${pct(withRules.unanswerableRefused)} of unanswerable (fitting split).`);
  const threshold = rulesMustAgree ? withRulesThreshold : aloneThreshold;
  const operatingPoint = rulesMustAgree ? withRules : alone;
  progress(`Shipped: ${rulesMustAgree ? 'with the rules' : 'the model alone'}.`);

  // 3. The citation floor, on the answerable questions that the threshold lets through.
  const answered = ranked.filter((entry, position) => entry.question.answerable && !refusedAt(position, threshold, rulesMustAgree));
  const citation = chooseCitationFloor(answered);
  progress(`Citations: floor ${citation.floor}, relative ${citation.relativeFloor}: R@3 ${pct(citation.recallAt3)}, precision ${pct(citation.precision)} (fitting split).`);

  const model: RankingModel & Record<string, unknown> = {
    about: 'Fitted by `npm run train` (scripts/train.ts); do not edit by hand. Rebuild after changing src/retrieval/ranking-features.ts or the answerability features.',
    command: 'npm run train',
    data: {
      name: 'SQuAD 2.0 dev, 11 articles (../shared/datasets/squad2-dev), with the shipped article(s) loaded beside them',
      sha256: squad.sha256,
      fittedOn: [...new Set(fitting.map((question) => question.article))].sort(),
      heldOut: [...heldOutArticles],
      questions: { fitting: fitting.length, answerable: answerable.length, rankerRows: rows.length, askedWithoutTheirArticle: elsewhere.length, personSwappedForAStranger: strangers.length },
    },
    ranker: { featureVersion: RANKING_FEATURE_VERSION, ...ranker },
    answerability: { featureVersion: ANSWERABILITY_FEATURE_VERSION, ...answerabilityModel, threshold, rulesMustAgree, operatingPoint },
    citation: { floor: citation.floor, relativeFloor: citation.relativeFloor },
  };
  const path = fileURLToPath(shippedModelPath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(model, null, 2)}\n`);
  progress(`Model written to ${path}.`);
});

/** A ranker that scores every candidate alike: the retriever then only computes the features. */
function uniformModel(featureNames: readonly string[]): LogisticModel {
  const zeros = featureNames.map(() => 0);
  return { featureNames: [...featureNames], mean: zeros, scale: featureNames.map(() => 1), weights: zeros, bias: 0 };
}

interface CitationChoice {
  floor: number;
  relativeFloor: number;
  recallAt3: number;
  precision: number;
}

/**
 * The floors that keep the most answers with an answering sentence among the first three cited,
 * while at least `citationPrecisionTarget` of all cited sentences answer. The best sentence is
 * always cited, as the engine does.
 */
function chooseCitationFloor(entries: ReadonlyArray<{ question: SquadQuestion; retrieved: RetrievedSentence[] }>): CitationChoice {
  let best: CitationChoice = { floor: 0.5, relativeFloor: 0.9, recallAt3: 0, precision: 0 };
  for (const floor of [0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]) {
    for (const relativeFloor of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
      let hits = 0;
      let cited = 0;
      let answering = 0;
      for (const { question, retrieved } of entries) {
        const top = retrieved[0];
        if (!top) continue;
        const cut = Math.max(top.score * relativeFloor, Math.min(top.score, floor));
        const shown = retrieved.filter((candidate) => candidate.score >= cut).slice(0, maxQuotes);
        const answers = shown.map((candidate) => holdsAnswer(question, candidate.sentence));
        if (answers.slice(0, 3).some(Boolean)) hits += 1;
        cited += shown.length;
        answering += answers.filter(Boolean).length;
      }
      const choice = { floor, relativeFloor, recallAt3: round(hits / Math.max(1, entries.length)), precision: round(answering / Math.max(1, cited)) };
      const meets = choice.precision >= citationPrecisionTarget;
      const bestMeets = best.precision >= citationPrecisionTarget;
      if ((meets && (!bestMeets || choice.recallAt3 > best.recallAt3)) || (!meets && !bestMeets && choice.precision > best.precision)) best = choice;
    }
  }
  return best;
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
