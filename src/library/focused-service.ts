import type { Answer, AnswerService } from '../core/types.js';

/**
 * "That article first", for a thread opened on an added article: each question is answered from
 * the article alone, so a near match elsewhere in the library cannot crowd it out; only when the
 * article does not answer does the whole library get the question.
 */
export function focusedService({ article, library }: { article: AnswerService; library: AnswerService }): AnswerService {
  const firstThenLibrary = async (fromArticle: () => Promise<Answer>, fromLibrary: () => Promise<Answer>) => {
    const answer = await fromArticle();
    return answer.kind === 'not-found' ? fromLibrary() : answer;
  };
  return {
    ask: (question, options) => firstThenLibrary(() => article.ask(question, options), () => library.ask(question, options)),
    summarize: (party, options) => firstThenLibrary(() => article.summarize(party, options), () => library.summarize(party, options)),
    quote: (speaker, about, options) =>
      firstThenLibrary(() => article.quote(speaker, about, options), () => library.quote(speaker, about, options)),
    parties() {
      const own = article.parties();
      const names = new Set(own.map((party) => party.name));
      return [...own, ...library.parties().filter((party) => !names.has(party.name))];
    },
    sources: () => library.sources(),
  };
}
