import type { AnswerService } from '../core/types.js';

/**
 * Lets background work give way to questions: completing an article's index shares the one
 * embedding model with the questions, so it waits between its steps while any question is being
 * answered, and a question never queues behind more than one of those steps.
 */
export interface QuestionGate {
  /** The service with every question counted while it is answered. */
  track(service: AnswerService): AnswerService;
  /** Resolves when no question is being answered (at once if none is). */
  quiet(): Promise<void>;
}

export function createQuestionGate(): QuestionGate {
  let answering = 0;
  const waiters: Array<() => void> = [];
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    answering += 1;
    try {
      return await work();
    } finally {
      answering -= 1;
      if (answering === 0) for (const wake of waiters.splice(0)) wake();
    }
  };
  return {
    track: (service) => ({
      ask: (question, options) => counted(() => service.ask(question, options)),
      summarize: (party, options) => counted(() => service.summarize(party, options)),
      quote: (speaker, about, options) => counted(() => service.quote(speaker, about, options)),
      parties: () => service.parties(),
      sources: () => service.sources(),
    }),
    quiet: () => (answering === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
