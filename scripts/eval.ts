// `npm run eval`: scores the answering pipeline on the frozen dev sets (data/eval), for the
// lexical-only and vector-only baselines, the hand-tuned hybrid and the fitted models (shipped);
// then on the held-out SQuAD 2.0 articles, all 11 loaded with the news article as one library
// (bench/lib/squad.ts). A report, not a gate: exits 0.
// `npm run eval -- --json` prints the figures as JSON on stdout (the table goes to stderr);
// `npm run eval -- --json bench/results/eval.json` writes them to that file; `--squad-only` and
// `--no-squad` run one of the two reports.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import type { Config } from '../src/config/config.js';
import { createCliLogger, createServiceFromIndex, loadShippedModel, openIndex } from '../src/app.js';
import { defaultFusionWeights, type FusionWeights } from '../src/retrieval/fusion.js';
import { createRetriever } from '../src/retrieval/retriever.js';
import type { Answer } from '../src/core/types.js';
import { answerabilityFeatures, modelAnswerability } from '../src/answer/answerability.js';
import { predictProbability } from '../src/retrieval/logistic-regression.js';
import type { RankingModel } from '../src/retrieval/ranking-model.js';
import { heldOutArticles, isHeldOut, openSquadLibrary, readSquad } from '../bench/lib/squad.js';
import { refusalCurve, scoreSquadAnswer, summariseSquad, type RankedSentence, type SquadScore, type SquadSummary } from '../bench/lib/squad-scoring.js';
import {
  parseQuestions,
  scoreAnswer,
  summariseChecks,
  summariseRetrieval,
  type AnswerChecks,
  type EvalQuestion,
  type QuestionScore,
  type RetrievalSummary,
  type Tally,
} from '../bench/lib/eval-scoring.js';
import { formatShare, formatTable, type Cell } from '../bench/lib/text-table.js';
import { personProbes, scorePersonProbes, type PersonProbeScore } from '../bench/lib/person-probe.js';
import { strangerPool } from '../bench/lib/person-swap.js';
import { containsWord } from '../src/answer/answerability.js';
import { runCli } from './run-cli.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = join(repositoryRoot, 'data', 'eval');

interface Variant {
  name: string;
  weights: FusionWeights;
  /** The fitted models; null answers with the hand-set weights and rules. */
  model: RankingModel | null;
}

/**
 * The baselines differ from the hand-tuned hybrid only in the fusion weights (thresholds stay
 * the hybrid's); `fitted` is what ships: the models of src/retrieval/ranking-model.json.
 */
const variants = (): readonly Variant[] => [
  { name: 'lexical', weights: { ...defaultFusionWeights, vector: 0, lexical: 1 }, model: null },
  { name: 'vector', weights: { ...defaultFusionWeights, vector: 1, lexical: 0 }, model: null },
  { name: 'hand-tuned', weights: defaultFusionWeights, model: null },
  { name: 'fitted', weights: defaultFusionWeights, model: loadShippedModel() },
  ...otherDecision(loadShippedModel()),
];

/** The shipped models with the other refusal decision (with or without the rules' agreement) and its threshold. */
function otherDecision(model: RankingModel): Variant[] {
  const other = model.answerability.otherDecision;
  if (!other) return [];
  return [
    {
      name: other.rulesMustAgree ? 'fitted+rules' : 'fitted alone',
      weights: defaultFusionWeights,
      model: { ...model, answerability: { ...model.answerability, threshold: other.threshold, rulesMustAgree: other.rulesMustAgree } },
    },
  ];
}

interface EvalSet {
  name: string;
  questionsFile: string;
  /** The article file the gold sentences come from. */
  articleFile: string;
  /** True: answer from a fresh articles folder holding only this article (it is not shipped). */
  isolated: boolean;
}

/** R@k and MRR read this many of a variant's ranked sentences (MRR@10). */
const rankingDepth = 10;

const categoryOrder = ['factoid', 'paraphrase', 'party-summary', 'quote', 'spanish', 'unanswerable', 'reproduce'];

interface VariantResult {
  variant: string;
  byCategory: Record<string, RetrievalSummary>;
  overall: RetrievalSummary;
  checks: AnswerChecks;
  questions: QuestionScore[];
  /** "What did <person> say?" for every person the article quotes, and for strangers (bench/lib/person-probe.ts). */
  people?: PersonProbeScore;
}

interface SetResult {
  name: string;
  article: string;
  questions: number;
  engine: string;
  variants: VariantResult[];
}

await runCli(async () => {
  const args = process.argv.slice(2);
  const jsonIndex = args.indexOf('--json');
  const afterFlag = args[jsonIndex + 1];
  // `--json` alone means stdout ("-"); `--json <path>` names a file.
  const jsonTarget = jsonIndex === -1 ? null : afterFlag !== undefined && !afterFlag.startsWith('--') ? afterFlag : '-';
  const report = (text: string) => (jsonTarget === '-' ? process.stderr : process.stdout).write(`${text}\n`);

  const config = loadConfig();
  const sets: EvalSet[] = [
    {
      name: 'dev set',
      questionsFile: join(evalDir, 'dev-set.jsonl'),
      articleFile: join(config.articlesDir, 'latin-times-cartel-strike-plans.txt'),
      isolated: false,
    },
    {
      name: 'second article',
      questionsFile: join(evalDir, 'second-article-set.jsonl'),
      articleFile: join(evalDir, 'second-article.txt'),
      isolated: true,
    },
  ];

  // `--squad-only` / `--no-squad`: one of the two reports, while iterating.
  const runNews = !args.includes('--squad-only');
  const runSquad = !args.includes('--no-squad');
  const workDir = await mkdtemp(join(tmpdir(), 'verbatim-eval-'));
  const results: SetResult[] = [];
  try {
    for (const set of runNews ? sets : []) {
      const result = await evaluateSet({ set, config, workDir, progress: (line) => process.stderr.write(`${line}\n`) });
      results.push(result);
      report(renderSet(result, config.maxQuotes));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const squad = runSquad ? await evaluateSquad({ config, progress: (line) => process.stderr.write(`${line}\n`) }) : null;
  if (squad) report(renderSquad(squad, config.maxQuotes));

  if (jsonTarget !== null) {
    const json = `${JSON.stringify({ generatedAt: new Date().toISOString(), maxQuotes: config.maxQuotes, sets: results, squad }, null, 2)}\n`;
    if (jsonTarget === '-') process.stdout.write(json);
    else {
      await mkdir(dirname(jsonTarget), { recursive: true });
      await writeFile(jsonTarget, json);
      report(`Figures written to ${jsonTarget}`);
    }
  }
});

async function evaluateSet({
  set,
  config,
  workDir,
  progress,
}: {
  set: EvalSet;
  config: Readonly<Config>;
  workDir: string;
  progress: (line: string) => void;
}): Promise<SetResult> {
  const slug = basename(set.articleFile).replace(/\.[^.]+$/, '');
  const setDir = join(workDir, slug);
  const articlesDir = set.isolated ? join(setDir, 'articles') : config.articlesDir;
  if (set.isolated) {
    await mkdir(articlesDir, { recursive: true });
    await copyFile(set.articleFile, join(articlesDir, basename(set.articleFile)));
  }
  const setConfig: Readonly<Config> = { ...config, articlesDir, indexDir: join(setDir, 'index') };
  const questions = parseQuestions(await readFile(set.questionsFile, 'utf8'), set.questionsFile);

  progress(`${set.name}: building a fresh index of ${articlesDir} in ${setConfig.indexDir}…`);
  const opened = await openIndex(setConfig, { onProgress: progress });
  const articles = opened.index.articles;
  const goldArticle = articles.find((article) => basename(article.meta.path) === basename(set.articleFile));
  if (!goldArticle) throw new Error(`${basename(set.articleFile)} is not among the articles in ${articlesDir}.`);
  const logger = createCliLogger(setConfig);

  const probes = personProbes(
    articles.flatMap((article) => article.parties),
    await strangersFor(articles.map((article) => article.text)),
  );
  const variantResults: VariantResult[] = [];
  for (const variant of variants()) {
    const service = createServiceFromIndex(setConfig, opened, { logger, weights: variant.weights, model: variant.model });
    const scores: QuestionScore[] = [];
    for (const question of questions) {
      const answer = await service.ask(question.question);
      scores.push(scoreAnswer({ question, answer, articles, goldArticleId: goldArticle.meta.id, maxQuotes: setConfig.maxQuotes }));
    }
    const probed = [];
    for (const probe of probes) probed.push({ probe, answer: await service.ask(probe.question) });
    variantResults.push({ ...summariseVariant(variant.name, scores, questions), people: scorePersonProbes(probed) });
  }
  return {
    name: set.name,
    article: goldArticle.meta.id,
    questions: questions.length,
    engine: config.openai.answers ? `llm (${config.openai.chatModel})` : 'extractive',
    variants: variantResults,
  };
}

/**
 * People the given articles never mention: full names that one SQuAD article alone uses, every
 * few taken so the list stays short and mixed.
 */
async function strangersFor(texts: readonly string[]): Promise<string[]> {
  const squad = await readSquad(repositoryRoot).catch(() => null);
  if (!squad) return [];
  const pool = strangerPool(await Promise.all(squad.articleFiles.map(async (file) => ({ id: file, text: await readFile(file, 'utf8') }))));
  const unknown = pool.filter(({ name }) => !texts.some((text) => containsWord(text, name.split(/\s+/).at(-1) ?? name)));
  return unknown.filter((_, position) => position % Math.max(1, Math.floor(unknown.length / 8)) === 0).slice(0, 8).map(({ name }) => name);
}

function summariseVariant(variant: string, scores: QuestionScore[], questions: readonly EvalQuestion[]): VariantResult {
  const categories = [...new Set(questions.map((question) => question.category))];
  const byCategory = Object.fromEntries(
    categories.map((category) => [category, summariseRetrieval(scores.filter((score) => score.category === category))]),
  );
  return { variant, byCategory, overall: summariseRetrieval(scores), checks: summariseChecks(scores), questions: scores };
}

function renderSet(result: SetResult, maxQuotes: number): string {
  const counts = new Map<string, number>();
  for (const score of result.variants[0]?.questions ?? []) counts.set(score.category, (counts.get(score.category) ?? 0) + 1);
  const categories = [...counts.keys()]
    .filter((category) => (result.variants[0]?.byCategory[category]?.questions ?? 0) > 0)
    .sort((a, b) => order(a) - order(b));

  const retrievalRows: Cell[][] = [];
  for (const category of [...categories, 'overall']) {
    result.variants.forEach((variant, position) => {
      const summary = category === 'overall' ? variant.overall : variant.byCategory[category];
      retrievalRows.push([
        position === 0 ? category : '',
        position === 0 ? (summary?.questions ?? 0) : '',
        variant.variant,
        formatShare(summary?.recallAt1 ?? null),
        formatShare(summary?.recallAt3 ?? null),
        formatShare(summary?.mrr ?? null),
      ]);
    });
  }

  const checkRows: Cell[][] = result.variants.map(({ variant, checks }) => [
    variant,
    tally(checks.exactCitations),
    tally(checks.wholeSentenceCitations),
    tally(checks.attributionPresent),
    formatShare(checks.notInArticle.precision),
    formatShare(checks.notInArticle.recall),
    tally(checks.reproduceDeclined),
    tally(checks.capRespected),
    tally(checks.partyMatched),
    formatShare(checks.answeredRate),
  ]);

  const misses = result.variants.map(({ variant, questions }) => {
    const missed = questions.filter((score) => score.hasGold && (score.rank === null || score.rank > 3)).map((score) => score.id);
    const wrongNotFound = questions.filter((score) => score.category === 'unanswerable' && score.found).map((score) => score.id);
    return `  ${variant.padEnd(8)} gold not in top 3: ${missed.join(' ') || 'none'}; unanswerable but answered: ${wrongNotFound.join(' ') || 'none'}`;
  });
  const peopleRows: Cell[][] = result.variants.flatMap(({ variant, people }) =>
    people ? [[variant, `${people.answeredWithOwnWords}/${people.quoted}`, formatShare(people.quoted ? people.answeredWithOwnWords / people.quoted : null), `${people.strangersRefused}/${people.strangers}`]] : [],
  );
  const peopleFailures = result.variants.flatMap(({ variant, people }) => (people && people.failures.length > 0 ? [`  ${variant.padEnd(8)} ${people.failures.join(' | ')}`] : []));
  const brokenGold = result.variants[0]?.questions.filter((score) => score.missingGold.length > 0).map((score) => score.id) ?? [];

  return [
    '',
    `== ${result.name}: ${result.article} (${result.questions} questions, ${result.engine} engine, cap ${maxQuotes} quotes) ==`,
    '',
    'Retrieval: a hit is a citation whose [start, end) overlaps a gold sentence; R@k = a hit among the first k citations.',
    formatTable({ headers: ['category', 'n', 'variant', 'R@1', 'R@3', 'MRR'], rows: retrievalRows, leftAligned: [0, 2] }),
    '',
    'Answers: exact = text is article.text.slice(start, end); whole = one of the article\'s sentences;',
    'NIA = "not in the article" (positive: found=false on an unanswerable question); party = named party among the answer\'s speakers;',
    'answered = found=true on questions with gold.',
    formatTable({
      headers: ['variant', 'exact', 'whole', 'attribution', 'NIA prec', 'NIA rec', 'declined', `cap ≤${maxQuotes}`, 'party', 'answered'],
      rows: checkRows,
    }),
    '',
    'People (made from the article\'s parties): "What did/does <person> say/think?", "Give me a quote from <person>." by full name and surname,',
    'answered with at least one of that person\'s own sentences; the same for people the library never mentions, refused:',
    formatTable({ headers: ['variant', 'own words', 'share', 'strangers refused'], rows: peopleRows }),
    ...peopleFailures,
    '',
    'Misses:',
    ...misses,
    ...(brokenGold.length > 0 ? [`  gold sentences missing from the article in: ${brokenGold.join(' ')}`] : []),
  ].join('\n');
}

function tally({ count, total }: Tally): string {
  return total === 0 ? '–' : `${count}/${total}`;
}

function order(category: string): number {
  const position = categoryOrder.indexOf(category);
  return position === -1 ? categoryOrder.length : position;
}

interface SquadResult {
  heldOut: readonly string[];
  articlesLoaded: number;
  variants: Array<{ variant: string } & SquadSummary>;
  threshold: number;
  /** Whether the service refuses only when the rules agree. */
  rulesMustAgree: boolean;
  curve: ReturnType<typeof refusalCurve>;
  /** Refused only when the rules agree (what the service does). */
  curveWithRules: ReturnType<typeof refusalCurve>;
}

/**
 * The held-out SQuAD questions against all 11 SQuAD articles and the news article as one library:
 * plain BM25 over sentences (the top `maxQuotes` cited, never refusing), the hand-tuned hybrid
 * with its rules, and the fitted models. Then the fitted answerability model's refusal curve.
 */
async function evaluateSquad({ config, progress }: { config: Readonly<Config>; progress: (line: string) => void }): Promise<SquadResult> {
  const squad = await readSquad(repositoryRoot);
  const library = await openSquadLibrary({ config, squad, indexDir: join(repositoryRoot, '.tmp', 'squad-library-index'), progress });
  const questions = squad.questions.filter((question) => isHeldOut(question) && question.question.trim() !== '');
  const model = loadShippedModel();
  const logger = createCliLogger(config);
  const lookup = new Map(library.articles.flatMap((article) => article.sentences.map((sentence) => [sentence.id, sentence])));
  const bm25Ranking = (question: string) =>
    library.index.lexical.search(question, rankingDepth).flatMap((hit) => {
      const sentence = lookup.get(hit.sentenceId);
      return sentence ? [sentence] : [];
    });
  // BM25 never refuses and cites its first `maxQuotes` sentences.
  const bm25 = (question: string): Pick<Answer, 'found' | 'citations'> => ({
    found: true,
    citations: bm25Ranking(question)
      .slice(0, config.maxQuotes)
      .map((sentence) => ({ article: sentence.articleId, sentenceId: sentence.id, paragraph: sentence.paragraph, start: sentence.start, end: sentence.end, text: sentence.text, speaker: null })),
  });
  interface Answerer {
    name: string;
    answer: (question: string) => Promise<Pick<Answer, 'found' | 'citations'>>;
    /** The variant's own ranking of sentences, before any citation policy or refusal. */
    rank: (question: string) => Promise<RankedSentence[]>;
  }
  const answerers: Answerer[] = [
    { name: 'bm25 sentences', answer: async (question) => bm25(question), rank: async (question) => bm25Ranking(question) },
    ...[
      { name: 'hand-tuned hybrid', model: null },
      { name: 'fitted', model },
      ...otherDecision(model).map((variant) => ({ name: variant.name, model: variant.model })),
    ].map(({ name, model: variantModel }): Answerer => {
      const service = createServiceFromIndex(config, library, { logger, model: variantModel });
      const ranker = createRetriever({ index: library.index, embedder: library.embedder, ranker: variantModel?.ranker ?? null });
      return {
        name,
        answer: (question: string) => service.ask(question),
        rank: async (question: string) => (await ranker.retrieve(question, { limit: rankingDepth })).map(({ sentence }) => sentence),
      };
    }),
  ];
  const variantResults: SquadResult['variants'] = [];
  for (const answerer of answerers) {
    progress(`SQuAD held-out: ${answerer.name} on ${questions.length} questions…`);
    const scores: SquadScore[] = [];
    for (const question of questions) {
      const text = question.question.trim();
      scores.push(scoreSquadAnswer(question, await answerer.answer(text), await answerer.rank(text)));
    }
    variantResults.push({ variant: answerer.name, ...summariseSquad(scores) });
  }

  const retriever = createRetriever({ index: library.index, embedder: library.embedder, ranker: model.ranker });
  const parties = library.articles.flatMap((article) => article.parties);
  const articleTexts = library.articles.map((article) => article.text.slice(article.body.start, article.body.end));
  const entries: Array<{ answerable: boolean; probability: number; rulesRefuse: boolean }> = [];
  for (const question of questions) {
    const text = question.question.trim();
    const evidence = {
      question: text,
      retrieved: await retriever.retrieve(text, { limit: 50 }),
      unknownTerms: retriever.unknownTerms(text),
      contentTermCount: retriever.contentTermCount(text),
      parties,
      articleTexts,
    };
    // The rules' opinion alone: the verdict with a threshold nothing reaches.
    const rulesRefuse = !modelAnswerability(evidence, { ...model.answerability, threshold: Number.POSITIVE_INFINITY, rulesMustAgree: true }).answerable;
    entries.push({ answerable: question.answerable, probability: predictProbability(model.answerability, answerabilityFeatures(evidence)), rulesRefuse });
  }
  const grid = [...new Set([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, model.answerability.threshold])].sort((a, b) => a - b);
  return {
    heldOut: heldOutArticles,
    articlesLoaded: library.articles.length,
    variants: variantResults,
    threshold: model.answerability.threshold,
    rulesMustAgree: model.answerability.rulesMustAgree !== false,
    curve: refusalCurve(entries, grid),
    curveWithRules: refusalCurve(
      entries.map((entry) => ({ ...entry, probability: entry.rulesRefuse ? entry.probability : Number.POSITIVE_INFINITY })),
      grid,
    ),
  };
}

function renderSquad(result: SquadResult, maxQuotes: number): string {
  const first = result.variants[0];
  return [
    '',
    `== SQuAD 2.0 held out: ${result.heldOut.join(', ')} (${first?.answerable ?? 0} answerable, ${first?.unanswerable ?? 0} unanswerable; ${result.articlesLoaded} articles loaded as one library; cap ${maxQuotes} quotes) ==`,
    '',
    'A sentence answers when it is from the question\'s article and holds an annotator\'s answer span. Over answerable questions:',
    `R@1, R@3, MRR@${rankingDepth} = the variant's ranking of sentences for the question (the same for every variant; a refused question still counts its ranking);`,
    'answer cited = share answered (not refused) with at least one answering citation; cite prec = share of cited sentences that answer;',
    'unans refused / ans refused = "not in the article" on unanswerable / answerable questions; article@1 = first citation from the right article (answered questions).',
    formatTable({
      headers: ['variant', 'R@1', 'R@3', 'MRR', 'answer cited', 'cite prec', 'unans refused', 'ans refused', 'article@1'],
      rows: result.variants.map((variant) => [
        variant.variant,
        formatShare(variant.recallAt1),
        formatShare(variant.recallAt3),
        formatShare(variant.mrr),
        formatShare(variant.answerCited),
        formatShare(variant.citationPrecision),
        formatShare(variant.unanswerableRefused),
        formatShare(variant.answerableRefused),
        formatShare(variant.rightArticleAt1),
      ]),
    }),
    '',
    `Refusal curve of the fitted answerability model (shipped threshold ${result.threshold} *, chosen on the fitting articles);`,
    `alone${result.rulesMustAgree ? '' : ' (as the service applies it)'}, and refused only when the hand-written rules find no answer either${!result.rulesMustAgree ? '' : ' (as the service applies it)'}:`,
    formatTable({
      headers: ['threshold', 'model: unans refused', 'model: ans refused', 'with rules: unans refused', 'with rules: ans refused'],
      rows: result.curve.map((point, position) => [
        `${point.threshold}${point.threshold === result.threshold ? ' *' : ''}`,
        formatShare(point.unanswerableRefused),
        formatShare(point.answerableRefused),
        formatShare(result.curveWithRules[position]?.unanswerableRefused ?? null),
        formatShare(result.curveWithRules[position]?.answerableRefused ?? null),
      ]),
    }),
  ].join('\n');
}
