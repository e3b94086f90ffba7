import type { Config } from '../config/config.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { Answer, AnswerKind, Article, Citation, PartyPosition } from '../core/types.js';
import type { AnswerEngine, EngineInput, Intent } from './answer-engine.js';
import { attributionFor, citeSentence } from './citations.js';
import { detectLanguage } from './language.js';
import { createChatClient, realSleep, requestReply, type ReplyWithContent, type Sleep } from './llm-client.js';
import { buildMessages, correctionMessage, labelSentences, type LabelledSentence } from './llm-prompt.js';
import { checkReply, type CheckedReply } from './llm-reply.js';

export interface LLMEngineOptions {
  openai: Config['openai'];
  /** Answers whenever the model cannot be trusted or reached; normally the extractive engine. */
  fallback: AnswerEngine;
  logger?: Logger;
  /** Waits between retries; tests pass one that returns at once. */
  sleep?: Sleep;
}

export const fallbackNotice = 'The generative engine failed, so the extractive answer is shown.';
const droppedClaimsNotice = 'Some statements from the language model were left out because the article’s sentences did not back them.';
const notInArticle = 'The article does not say.';

/**
 * Answers with an OpenAI-compatible chat model. The model only picks sentence labels and writes
 * its own words; every quote the reader sees is `citeSentence` copying the article by offset.
 * A reply that breaks the rules gets one corrective turn; what still breaks them is dropped, and
 * when nothing backed is left, or the model cannot be reached, the fallback engine answers.
 */
export function createLLMEngine({ openai, fallback, logger = createLogger({ level: 'silent' }), sleep = realSleep }: LLMEngineOptions): AnswerEngine {
  const client = createChatClient(openai);
  const secrets = openai.apiKey === null ? [] : [openai.apiKey];

  // The correction is one attempt without retries, so the slowest answer stays bounded near
  // (maxRetries + 2) × timeoutMs plus backoff before the fallback shows.
  const request = (messages: Parameters<typeof requestReply>[0]['messages'], maxRetries = openai.maxRetries) =>
    requestReply({ client, model: openai.chatModel, messages, maxRetries, sleep, logger, secrets });

  const fallBack = async (input: EngineInput, reason: string): Promise<Answer> => {
    logger.warn({ engine: 'llm', reason }, 'falling back to the extractive engine');
    const answer = await fallback.answer(input);
    return { ...answer, notice: answer.notice === null ? fallbackNotice : `${fallbackNotice} ${answer.notice}` };
  };

  return {
    name: 'llm',
    async answer(input: EngineInput): Promise<Answer> {
      const labelled = labelSentences(input);
      if (labelled.length === 0) return fallBack(input, 'no retrieved sentence to show the model');
      const messages = buildMessages({ input, labelled, language: detectLanguage(input.question) });

      let first: ReplyWithContent;
      try {
        first = await request(messages);
      } catch (error) {
        return fallBack(input, error instanceof Error ? error.message : 'unknown error');
      }
      let checked = checkReply({ reply: first.reply, labelled, intent: input.intent });
      let corrected = false;

      if (checked.problems.length > 0 && !isNotFound(checked)) {
        logger.info({ engine: 'llm', problems: checked.problems }, 'asking the language model to correct its reply');
        try {
          const second = await request([...messages, { role: 'assistant', content: first.content }, correctionMessage(checked.problems)], 0);
          checked = checkReply({ reply: second.reply, labelled, intent: input.intent });
          corrected = true;
        } catch (error) {
          logger.warn({ engine: 'llm', reason: error instanceof Error ? error.message : 'unknown error' }, 'the correction failed; keeping the first reply’s valid parts');
        }
      }

      if (isNotFound(checked)) return notFoundAnswer({ input, checked });
      const answer = backedAnswer({ input, checked });
      if (answer === null) return fallBack(input, `no backed claim left after ${corrected ? 'a correction' : 'the reply'}: ${checked.problems.join(' ')}`);
      return answer;
    },
  };
}

/** The model says the sentences do not answer, and cites nothing it could be held to. */
function isNotFound(checked: CheckedReply): boolean {
  return !checked.found && checked.claims.length === 0 && checked.parties.length === 0;
}

function notFoundAnswer({ input, checked }: { input: EngineInput; checked: CheckedReply }): Answer {
  // The model's own "the article does not say" keeps the asker's language, unless it quotes anything.
  const text = checked.answer.trim() !== '' && checked.answerIsSupported ? checked.answer.trim() : notInArticle;
  return {
    question: input.question,
    kind: 'not-found',
    answer: text,
    found: false,
    citations: [],
    parties: [],
    moreAvailable: 0,
    attribution: attributionFor(input.articles.map((article) => article.meta)),
    engine: 'llm',
    notice: null,
  };
}

/** The answer built from the backed parts of the reply, or null when none are left. */
function backedAnswer({ input, checked }: { input: EngineInput; checked: CheckedReply }): Answer | null {
  const useParties = input.intent.kind === 'summary' && checked.parties.length > 0;
  if (!useParties && checked.claims.length === 0) return null;

  const cited = useParties ? roundRobin(checked.parties.map((party) => party.sentences)) : unique(checked.claims.flatMap((claim) => claim.sentences));
  const shown = new Set(cited.slice(0, input.maxQuotes));
  const cite = (entry: LabelledSentence): Citation => citeSentence(entry.article, entry.sentence);

  const parties: PartyPosition[] = useParties
    ? checked.parties.map((party) => ({
        party: party.party,
        kind: partyKind(input.articles, party.party),
        summary: party.summary,
        citations: party.sentences.filter((entry) => shown.has(entry)).map(cite),
      }))
    : [];
  const citations = useParties ? parties.flatMap((party) => party.citations) : [...shown].map(cite);

  // An answer text that quotes words the article lacks is replaced by the claims it made, each backed.
  const ownWords = checked.answerIsSupported && checked.answer.trim() !== '' ? checked.answer.trim() : rebuiltAnswer(checked, useParties);
  const articlesUsed = input.articles.filter((article) => citations.some((citation) => citation.article === article.meta.id));

  return {
    question: input.question,
    kind: kindFor(input.intent),
    answer: ownWords,
    found: true,
    citations,
    parties,
    moreAvailable: cited.length - shown.size,
    attribution: attributionFor((articlesUsed.length > 0 ? articlesUsed : input.articles).map((article) => article.meta)),
    engine: 'llm',
    notice: checked.problems.length > 0 ? droppedClaimsNotice : null,
  };
}

function rebuiltAnswer(checked: CheckedReply, useParties: boolean): string {
  const lines = useParties ? checked.parties.map((party) => `${party.party}: ${party.summary}`) : checked.claims.map((claim) => claim.text);
  return lines.join(' ');
}

function kindFor(intent: Intent): AnswerKind {
  return intent.kind === 'question' ? 'answer' : intent.kind;
}

function partyKind(articles: readonly Article[], name: string): PartyPosition['kind'] {
  const wanted = name.toLowerCase();
  for (const article of articles) {
    const party = article.parties.find((candidate) => [candidate.name, ...candidate.aliases].some((alias) => alias.toLowerCase() === wanted));
    if (party !== undefined) return party.kind;
  }
  return 'unknown';
}

/** Each party's first sentence, then each one's second, …, so a cap leaves every party a quote. */
function roundRobin(lists: readonly LabelledSentence[][]): LabelledSentence[] {
  const order: LabelledSentence[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let position = 0; position < longest; position += 1) {
    for (const list of lists) {
      const entry = list[position];
      if (entry !== undefined && !order.includes(entry)) order.push(entry);
    }
  }
  return order;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
