import type { Answer, Article, Party, RetrievedSentence } from '../core/types.js';

/** What the question asks for, decided before any engine runs. */
export type Intent =
  | { kind: 'question' }
  | { kind: 'summary'; party: Party | null }
  | { kind: 'quote'; speaker: Party; about: string | null };

export interface EngineInput {
  question: string;
  intent: Intent;
  /** Ranked best first; already judged answerable by the pipeline. */
  retrieved: readonly RetrievedSentence[];
  articles: readonly Article[];
  maxQuotes: number;
  /** Earlier questions of the conversation, oldest first. */
  history: readonly string[];
}

/** Turns retrieved sentences into an Answer. Quotes must come from `citeSentence`, never from generated text. */
export interface AnswerEngine {
  readonly name: Answer['engine'];
  answer(input: EngineInput): Promise<Answer>;
}
