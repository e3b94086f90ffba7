// `npm run eval:speakers [-- sets.jsonl…] [--json path] [--verbose]`: "who said what" on news
// articles. Every article of the sets (default `data/eval/quoted-people.jsonl`, the people of the
// shipped article, the second eval article and the hand-marked texts of the extraction fixture pages;
// `data/eval/quoted-people-holdout.jsonl` holds pages the speaker rules were never corrected on) is
// loaded into ONE library, as a server's would be, and for each person the article quotes or
// reports, three questions are asked: "What did X say?", "Give me a quote from X." and "What was X's
// position?". A person of the file's `stranger` lines, whom no article mentions, must be refused.
// Scored: answered at all, the first quote being that person's own (attributed to them, or naming
// them), and every quote being from the right article. A report: exits 0.
import { mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCliLogger, createServiceFromIndex, loadShippedModel, openIndex } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import type { Answer } from '../src/core/types.js';
import { rate } from '../bench/lib/metrics.js';
import { formatShare, formatTable } from '../bench/lib/text-table.js';
import { runCli } from './run-cli.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const defaultSet = join(repositoryRoot, 'data', 'eval', 'quoted-people.jsonl');

interface QuotedPerson {
  /** The article's file, from the repository root. */
  article: string;
  person: string;
  /** How the article introduces their words (for the reader of the misses). */
  how: string;
}

/** Each article's saved text, read once however many people and checks ask for it. */
const articleTexts = new Map<string, Promise<string>>();

const templates = [(name: string) => `What did ${name} say?`, (name: string) => `Give me a quote from ${name}.`, (name: string) => `What was ${name}'s position?`];

interface Outcome {
  question: string;
  article: string;
  person: string;
  how: string;
  found: boolean;
  ownFirst: boolean;
  rightArticle: boolean;
  firstQuote: string | null;
}

await runCli(async () => {
  const args = process.argv.slice(2);
  const jsonPath = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const verbose = args.includes('--verbose');
  const setFiles = args.filter((arg, index) => arg.endsWith('.jsonl') && args[index - 1] !== '--json');
  const sets = await Promise.all((setFiles.length > 0 ? setFiles : [defaultSet]).map(async (file) => ({ name: basename(file), ...(await readSet(file)) })));
  const people = sets.flatMap((set) => set.people);
  const workDir = join(repositoryRoot, '.tmp', 'eval-speakers');
  const articlesDir = join(workDir, 'articles');
  await rm(workDir, { recursive: true, force: true });
  await mkdir(articlesDir, { recursive: true });
  const idOf = new Map<string, string>();
  for (const file of new Set(people.map((person) => person.article))) {
    const id = basename(file).replace(/(\.expected)?\.txt$/u, '');
    idOf.set(file, id);
    await copyFile(join(repositoryRoot, file), join(articlesDir, `${id}.txt`));
    await writeSidecar(join(repositoryRoot, file), join(articlesDir, `${id}.json`));
  }

  // Two articles may quote people of the same name: a question about that name is answered by either.
  const articlesOf = new Map<string, Set<string>>();
  for (const person of people) articlesOf.set(person.person, (articlesOf.get(person.person) ?? new Set()).add(idOf.get(person.article) ?? ''));

  // A stranger is someone no article mentions: a name another set's article happens to use is no stranger there.
  const texts = await Promise.all([...idOf.keys()].map(articleText));
  const mentioned = new Set(sets.flatMap((set) => set.strangers).filter((name) => texts.some((text) => text.includes(name))));
  for (const name of mentioned) process.stderr.write(`${name} is not a stranger here: an article mentions them; left out.\n`);

  const config = { ...loadConfig(), articlesDir, indexDir: join(workDir, 'index') };
  const opened = await openIndex(config, { onProgress: (line) => process.stderr.write(`${line}\n`) });
  const logger = createCliLogger(config);
  const variants = [
    { name: 'fitted', model: loadShippedModel() },
    { name: 'hand-tuned', model: null },
  ] as const;

  const results = [];
  for (const variant of variants) {
    const service = createServiceFromIndex(config, opened, { logger, model: variant.model });
    for (const set of sets) {
      const outcomes: Outcome[] = [];
      for (const person of set.people) {
        for (const template of templates) {
          const question = template(person.person);
          outcomes.push(score(await service.ask(question), { question, person, articleIds: articlesOf.get(person.person) ?? new Set() }));
        }
      }
      const strangerAnswers: Answer[] = [];
      for (const stranger of set.strangers.filter((name) => !mentioned.has(name))) {
        for (const template of templates) strangerAnswers.push(await service.ask(template(stranger)));
      }
      results.push({
        set: set.name,
        variant: variant.name,
        questions: outcomes.length,
        answered: rate(outcomes.map((outcome) => outcome.found)),
        ownFirst: rate(outcomes.map((outcome) => outcome.ownFirst)),
        rightArticle: rate(outcomes.map((outcome) => outcome.rightArticle)),
        strangersRefused: rate(strangerAnswers.map((answer) => !answer.found)),
        strangerQuestions: strangerAnswers.length,
        misses: outcomes.filter((outcome) => !outcome.ownFirst),
        strangersAnswered: strangerAnswers.filter((answer) => answer.found).map((answer) => answer.question),
      });
    }
  }

  const rows = results.map((result) => [
    result.set,
    result.variant,
    String(result.questions),
    formatShare(result.answered),
    formatShare(result.ownFirst),
    formatShare(result.rightArticle),
    `${formatShare(result.strangersRefused)} of ${result.strangerQuestions}`,
  ]);
  process.stdout.write(
    `Who said what: ${people.length} people quoted or reported in ${idOf.size} articles (one library), ${templates.length} questions each\n` +
      `${formatTable({ headers: ['set', 'variant', 'questions', 'answered', 'own quote first', 'right article', 'strangers refused'], rows, leftAligned: [0, 1] })}\n`,
  );
  for (const result of results) {
    process.stdout.write(`\nMisses (${result.set}, ${result.variant}): ${result.misses.length}\n`);
    const shown = verbose ? result.misses : result.misses.slice(0, 12);
    for (const question of result.strangersAnswered) process.stdout.write(`- ${question} [a stranger] → answered\n`);
    for (const miss of shown) {
      process.stdout.write(`- ${miss.question} [${miss.how}] → ${miss.found ? `“${(miss.firstQuote ?? '').slice(0, 100)}”` : 'not in the article'}\n`);
    }
  }
  if (jsonPath) await writeFile(jsonPath, `${JSON.stringify({ generatedAt: new Date().toISOString(), results }, null, 2)}\n`);
});

function articleText(file: string): Promise<string> {
  let text = articleTexts.get(file);
  if (!text) {
    text = readFile(join(repositoryRoot, file), 'utf8');
    articleTexts.set(file, text);
  }
  return text;
}

async function readSet(file: string): Promise<{ people: QuotedPerson[]; strangers: string[] }> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, string>);
  const listed = lines.filter((line): line is QuotedPerson & Record<string, string> => typeof line.person === 'string');
  // Someone the saved text never names (only a handle in the body, the name in an embed left out) cannot be asked for by name.
  const named = await Promise.all(listed.map(async (person) => (await articleText(person.article)).includes(person.person.split(/\s+/u).at(-1) ?? person.person)));
  for (const [index, person] of listed.entries()) if (!named[index]) process.stderr.write(`${person.person} is never named in ${person.article}; left out.\n`);
  return {
    people: listed.filter((_, index) => named[index]),
    strangers: lines.flatMap((line) => (typeof line.stranger === 'string' ? [line.stranger] : [])),
  };
}

function score(answer: Answer, { question, person, articleIds }: { question: string; person: QuotedPerson; articleIds: ReadonlySet<string> }): Outcome {
  const surname = person.person.split(/\s+/u).at(-1) ?? person.person;
  const first = answer.citations[0];
  const names = (text: string | null) => text !== null && new RegExp(`(^|[^\\p{L}])${surname}([^\\p{L}]|$)`, 'u').test(text);
  const own = first !== undefined && articleIds.has(first.article) && (names(first.speaker) || names(first.text));
  return {
    question,
    article: [...articleIds].join(' or '),
    person: person.person,
    how: person.how,
    found: answer.found,
    ownFirst: answer.found && own,
    rightArticle: answer.found && answer.citations.length > 0 && answer.citations.every((citation) => articleIds.has(citation.article)),
    firstQuote: first?.text ?? null,
  };
}

/** The page's hand-marked metadata as the article's sidecar, so attribution reads as it would. */
async function writeSidecar(articleFile: string, sidecarFile: string): Promise<void> {
  const expected = articleFile.replace(/\.txt$/u, '.json');
  const raw = await readFile(expected, 'utf8').catch(() => null);
  if (raw === null) return;
  const meta = JSON.parse(raw) as { title?: string; publisher?: string; byline?: string | null; date?: string | null; served?: { url?: string } };
  const sidecar = { title: meta.title, publisher: meta.publisher, byline: meta.byline ?? null, date: meta.date ?? null, url: meta.served?.url ?? null };
  await writeFile(sidecarFile, `${JSON.stringify(sidecar)}\n`);
}
