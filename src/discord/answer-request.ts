import { VerbatimError } from '../core/errors.js';
import type { Answer, AnswerService, AskOptions } from '../core/types.js';

/** What a user asked for, kept so "More quotes" can ask the same again. */
export type AnswerRequest =
  | { kind: 'ask'; question: string }
  | { kind: 'summarize'; party: string | null }
  | { kind: 'quote'; speaker: string; about: string | null };

export function requestAnswer(service: AnswerService, request: AnswerRequest, options: AskOptions = {}): Promise<Answer> {
  switch (request.kind) {
    case 'ask':
      return service.ask(request.question, options);
    case 'summarize':
      return service.summarize(request.party ?? undefined, options);
    case 'quote':
      return service.quote(request.speaker, request.about ?? undefined, options);
  }
}

/** The free text of a request, checked here so a bad one is refused before anything is deferred. */
export function checkQuestionText(text: string, maxQuestionChars: number): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new VerbatimError('EMPTY_QUESTION');
  if (trimmed.length > maxQuestionChars) {
    throw new VerbatimError('QUESTION_TOO_LONG', `The question is too long (at most ${maxQuestionChars} characters).`);
  }
  return trimmed;
}
