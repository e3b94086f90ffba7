// Training data for "a person the library never mentions": copies of answerable questions whose
// person is replaced by someone from another article, asked of the library without that article.
// SQuAD's unanswerable questions stay on their article's people, so without these copies the
// answerability model never sees a question about a stranger and learns nothing from the
// unknown-person signal. Pure and seeded: the same articles and questions give the same copies.
import { nlp } from '../../src/core/nlp.js';
import { containsWord } from '../../src/answer/answerability.js';
import { createRandom } from './synthetic-corpus.js';

/** A full name (first and last) that one article alone uses: asked of the others, a stranger. */
export interface PoolName {
  name: string;
  article: string;
}

export interface SwappedQuestion {
  question: string;
  /** The article the new name comes from: leave it out of the library the copy is asked of. */
  nameArticle: string;
}

/** People's full names in each article whose surname no other article uses, sorted for determinism. */
export function strangerPool(articles: ReadonlyArray<{ id: string; text: string }>): PoolName[] {
  const pool: PoolName[] = [];
  const lowered = articles.map((article) => article.text.toLowerCase());
  for (const [position, article] of articles.entries()) {
    const names: string[] = nlp(article.text).people().out('array');
    const full = new Set(
      names
        .map((name) => name.replace(/[^\p{L}\s.'-]/gu, '').trim())
        .filter((name) => /^\p{Lu}[\p{L}.'-]+(\s+\p{Lu}[\p{L}.'-]+)+$/u.test(name)),
    );
    for (const name of [...full].sort()) {
      const surname = (name.split(/\s+/).at(-1) ?? '').toLowerCase();
      if (surname.length < 3) continue;
      const elsewhere = lowered.some((text, other) => other !== position && containsWord(text, surname));
      if (!elsewhere) pool.push({ name, article: article.id });
    }
  }
  return pool;
}

/**
 * Each question that names a person, with that person replaced by a pool name from another
 * article (picked by a seeded generator); questions naming nobody give no copy.
 */
export function swapPeople(
  questions: ReadonlyArray<{ question: string; article: string }>,
  pool: readonly PoolName[],
  seed = 8,
): Array<SwappedQuestion | null> {
  const random = createRandom(seed);
  return questions.map(({ question, article }) => {
    const person = (nlp(question).people().out('array') as string[])
      .map((name) => name.replace(/[?.!,’']+s?$/u, '').trim())
      .find((name) => name.length > 1 && question.includes(name));
    const strangers = pool.filter((entry) => entry.article !== article);
    if (!person || strangers.length === 0) return null;
    const stranger = random.pick(strangers);
    return { question: question.replace(person, stranger.name), nameArticle: stranger.article };
  });
}
