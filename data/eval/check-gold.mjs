// Checks the evaluation sets against their article files, so a typo in a gold sentence fails
// loudly here instead of silently lowering a retrieval score later.
// Usage: node data/eval/check-gold.mjs   (exit code 1 on any problem)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const evalDirectory = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(evalDirectory, '..', '..');

const sets = [
  { questions: join(evalDirectory, 'dev-set.jsonl'), article: join(repositoryRoot, 'data/articles/latin-times-cartel-strike-plans.txt') },
  { questions: join(evalDirectory, 'second-article-set.jsonl'), article: join(evalDirectory, 'second-article.txt') },
];

const categories = ['factoid', 'paraphrase', 'party-summary', 'quote', 'unanswerable', 'reproduce', 'spanish'];
const categoriesWithoutGold = new Set(['unanswerable', 'reproduce']);
const minimumQuestions = { 'dev-set.jsonl': 60 };

// A sentence ends on . ! or ? (or an ellipsis character), optionally followed by closing quote marks.
const sentenceEnding = /[.!?…]["'”’]*$/u;
// A sentence starts with a capital letter, a digit, or an opening quote mark followed by one.
const sentenceOpening = /^["'“‘]?[\p{Lu}\d]/u;

// Paraphrase questions are meant to share few words with their gold sentences.
const paraphraseOverlapLimit = 0.5;
const stopWords = new Set(('a an and are as at be been but by can could did do does for from had has have he her his how ' +
  'i in is it its me of on or our she so that the their them they this to was we were what when where which who why ' +
  'will with would you about after all any into just more most not now only other over said say says some than then ' +
  'there these those under very whether give tell article').split(' '));

const problems = [];
const report = (where, message) => problems.push(`${where}: ${message}`);

function contentWords(text) {
  return text.toLowerCase().match(/[\p{L}\d]+/gu)?.filter((word) => word.length > 2 && !stopWords.has(word)) ?? [];
}

// Crude prefix matching stands in for stemming: "strikes" and "strike" count as the same word.
function sharesWord(word, vocabulary) {
  const stem = word.slice(0, Math.max(4, word.length - 2));
  return [...vocabulary].some((other) => other.startsWith(stem) || word.startsWith(other.slice(0, Math.max(4, other.length - 2))));
}

function occurrences(text, needle) {
  let count = 0;
  for (let from = text.indexOf(needle); from !== -1; from = text.indexOf(needle, from + 1)) count += 1;
  return count;
}

function checkSet({ questions, article }) {
  const setName = questions.slice(evalDirectory.length + 1);
  const articleText = readFileSync(article, 'utf8');
  const trimmed = articleText.trimEnd();
  // The last line is the publisher's copyright line: attribution, never content.
  const bodyEnd = trimmed.lastIndexOf('\n');
  const body = articleText.slice(0, bodyEnd);
  const counts = Object.fromEntries(categories.map((category) => [category, 0]));
  const seenIds = new Set();
  const paraphraseOverlaps = [];

  const lines = readFileSync(questions, 'utf8').split('\n');
  lines.forEach((line, lineIndex) => {
    if (line.trim() === '') return;
    const where = `${setName}:${lineIndex + 1}`;
    let record;
    try {
      record = JSON.parse(line);
    } catch (error) {
      report(where, `not valid JSON (${error.message})`);
      return;
    }
    const { id, category, question, gold, party } = record;
    const label = `${where} [${id}]`;
    if (typeof id !== 'string' || id === '') report(where, 'missing id');
    else if (seenIds.has(id)) report(label, 'duplicate id');
    seenIds.add(id);
    if (!categories.includes(category)) report(label, `unknown category ${JSON.stringify(category)}`);
    else counts[category] += 1;
    if (typeof question !== 'string' || question.trim() === '') report(label, 'missing question');
    if (party !== undefined && (typeof party !== 'string' || party === '')) report(label, 'party must be a non-empty string');
    if (!Array.isArray(gold) || gold.some((sentence) => typeof sentence !== 'string')) {
      report(label, 'gold must be an array of strings');
      return;
    }
    if (categoriesWithoutGold.has(category) && gold.length > 0) report(label, `${category} questions take gold []`);
    if (!categoriesWithoutGold.has(category) && gold.length === 0) report(label, `${category} questions need at least one gold sentence`);
    if (new Set(gold).size !== gold.length) report(label, 'the same gold sentence is listed twice');

    for (const sentence of gold) {
      const shown = JSON.stringify(sentence.length > 60 ? `${sentence.slice(0, 57)}...` : sentence);
      const count = occurrences(articleText, sentence);
      if (count === 0) {
        report(label, `gold sentence not found in the article: ${shown}`);
        continue;
      }
      if (count > 1) report(label, `gold sentence occurs ${count} times, so its place is ambiguous: ${shown}`);
      const start = articleText.indexOf(sentence);
      const end = start + sentence.length;
      if (end > body.length) report(label, `gold sentence lies in the copyright line: ${shown}`);
      if (sentence !== sentence.trim()) report(label, `gold sentence has surrounding whitespace: ${shown}`);
      if (!sentenceEnding.test(sentence)) report(label, `gold sentence does not end on sentence punctuation: ${shown}`);
      if (!sentenceOpening.test(sentence)) report(label, `gold sentence does not open like a sentence: ${shown}`);
      if (start > 0 && !/\s/u.test(articleText[start - 1])) report(label, `gold sentence starts mid-word: ${shown}`);
      if (end < articleText.length && !/\s/u.test(articleText[end])) report(label, `gold sentence stops before its closing characters: ${shown}`);
    }

    if (category === 'paraphrase' && gold.length > 0) {
      const vocabulary = new Set(gold.flatMap(contentWords));
      const words = contentWords(question);
      const shared = words.filter((word) => sharesWord(word, vocabulary));
      const overlap = words.length === 0 ? 0 : shared.length / words.length;
      paraphraseOverlaps.push(overlap);
      if (overlap > paraphraseOverlapLimit) {
        report(label, `paraphrase shares too many words with its gold (${shared.join(', ')}; ${(overlap * 100).toFixed(0)}%)`);
      }
    }
  });

  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const minimum = minimumQuestions[setName] ?? 1;
  if (total < minimum) report(setName, `only ${total} questions, expected at least ${minimum}`);
  const meanOverlap = paraphraseOverlaps.length === 0 ? null
    : paraphraseOverlaps.reduce((sum, overlap) => sum + overlap, 0) / paraphraseOverlaps.length;
  const breakdown = categories.map((category) => `${category} ${counts[category]}`).join(', ');
  console.log(`${setName}: ${total} questions (${breakdown})` +
    (meanOverlap === null ? '' : `; paraphrase word overlap with gold: mean ${(meanOverlap * 100).toFixed(0)}%`));
}

for (const set of sets) checkSet(set);

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('All gold sentences occur exactly in their articles and end on sentence punctuation.');
