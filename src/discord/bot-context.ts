import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import type { AnswerRequest } from './answer-request.js';
import type { BoundedMap } from './bounded-map.js';
import type { Cooldown } from './cooldown.js';
import type { DeferralGate } from './deferral-gate.js';
import type { FeedbackLog } from './feedback-log.js';
import type { LibraryHandle } from './library-handle.js';
import type { ThreadArticles } from './thread-articles.js';

/** Which library an answer came from: a server's (null outside servers), first one article of it in its thread. */
export interface AnswerScope {
  guildId: string | null;
  articleId: string | null;
}

/** What the buttons under an answer need to remember about it. */
export interface AnswerState {
  request: AnswerRequest;
  scope: AnswerScope;
  /** The question as the service understood it (for feedback). */
  question: string;
  history: readonly string[];
  /** The sentences cited in the answer message itself (recorded with feedback). */
  citationIds: readonly string[];
  /** Every sentence shown so far, including those added by "More quotes". */
  shownSentenceIds: string[];
}

/** Everything a command or handler needs; built once per bot. */
export interface BotContext {
  library: LibraryHandle;
  config: Readonly<Config>;
  logger: Logger;
  cooldown: Cooldown;
  /** Lets answers wait while acknowledgements are being sent. */
  deferrals: DeferralGate;
  feedback: FeedbackLog;
  /** Keyed by the id in the buttons' custom_id. */
  answers: BoundedMap<string, AnswerState>;
  /** Questions asked so far in each thread the bot answers in, oldest first. */
  conversations: BoundedMap<string, string[]>;
  threads: ThreadArticles;
}
