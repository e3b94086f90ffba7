import type { Answer, AnswerService, Article, AskOptions, Party, RetrievedSentence } from '../core/types.js';
import { VerbatimError } from '../core/errors.js';
import type { Retriever } from '../retrieval/retriever.js';
import type { AnswerEngine, EngineInput, Intent } from './answer-engine.js';
import { completeAnswer, SentenceLookup } from './answer-builder.js';
import { notInArticle } from './extractive-engine.js';
import { classifyRequest, findParty, partyByMisspelling } from './request.js';
import { answerability, asksForViews, modelAnswerability, peopleAskedAbout, unknownPersonAskedAbout, type AnswerabilityThresholds } from './answerability.js';
import type { LogisticModel } from '../retrieval/logistic-regression.js';

export interface AnswerServiceOptions {
  articles: readonly Article[];
  retriever: Retriever;
  engine: AnswerEngine;
  maxQuotes: number;
  maxQuestionChars: number;
  thresholds?: AnswerabilityThresholds;
  /**
   * The fitted answerability model: "not in the article" when its probability is under its
   * threshold. Without it, the hand-written rules with `thresholds` decide (the old behaviour).
   */
  answerabilityModel?: (LogisticModel & { threshold: number; rulesMustAgree?: boolean | undefined }) | null;
  /** A remark to add for a question's language (e.g. "answers are in English"), or null. */
  languageNotice?: (question: string) => string | null;
}

/** The one way through: validate → classify → retrieve → decide answerable → engine. */
export function createAnswerPipeline(options: AnswerServiceOptions): AnswerService {
  const { articles, retriever, engine, maxQuotes, maxQuestionChars, thresholds, languageNotice, answerabilityModel = null } = options;
  const lookup = new SentenceLookup(articles);
  const parties = articles.flatMap((article) => article.parties);
  const articleTexts = articles.map((article) => article.text.slice(article.body.start, article.body.end));
  let articlePositionEvidence: Promise<RetrievedSentence[]> | null = null;

  function validate(question: string): string {
    const trimmed = question.trim();
    if (trimmed.length === 0) throw new VerbatimError('EMPTY_QUESTION');
    if (trimmed.length > maxQuestionChars) {
      throw new VerbatimError(
        'QUESTION_TOO_LONG',
        `The question is too long (${trimmed.length.toLocaleString('en-US')} characters; the limit is ${maxQuestionChars.toLocaleString('en-US')}).`,
      );
    }
    return trimmed;
  }

  async function run(question: string, intent: Intent, retrieved: readonly RetrievedSentence[], askOptions: AskOptions): Promise<Answer> {
    const shown = new Set(askOptions.excludeSentenceIds ?? []);
    // "More quotes": parties' statements already shown are no longer theirs to quote.
    const input: EngineInput =
      shown.size === 0
        ? { question, intent, retrieved, articles, maxQuotes, history: askOptions.history ?? [] }
        : {
            question,
            intent: intentWithoutShown(intent, shown),
            retrieved,
            articles: articles.map((article) => ({ ...article, parties: article.parties.map((party) => withoutShown(party, shown)) })),
            maxQuotes,
            history: askOptions.history ?? [],
          };
    const answer = await engine.answer(input);
    const notice = answer.engine === 'extractive' ? (languageNotice?.(question) ?? null) : null;
    return notice && !answer.notice ? { ...answer, notice } : answer;
  }

  async function retrieve(text: string, askOptions: AskOptions): Promise<RetrievedSentence[]> {
    const history = askOptions.history ?? [];
    return retriever.retrieve(text, {
      limit: 50,
      ...(history.length > 0 ? { context: history.slice(-3).join('\n') } : {}),
      excludeSentenceIds: askOptions.excludeSentenceIds ?? [],
    });
  }

  function declined(question: string): Answer {
    const publishers = [...new Set(articles.map((article) => article.meta.publisher))].join(', ');
    return completeAnswer(lookup, {
      question,
      kind: 'declined',
      answer: `I can't reproduce the article: it belongs to ${publishers}. Ask me a question about it and I'll quote the few sentences that answer it (at most ${maxQuotes}).`,
      found: false,
      citations: [],
    });
  }

  async function summarize(party: Party | null, question: string, askOptions: AskOptions): Promise<Answer> {
    const retrieved = party ? await retrieve(question, askOptions) : await positionEvidence(askOptions);
    return run(question, { kind: 'summary', party }, retrieved, askOptions);
  }

  /**
   * For "each party's position": every party's statements ranked by how well they state a position
   * ("What is X's position?"), so each is shown by its most telling sentence rather than its first.
   * Past a dozen parties the plain ranking of the question serves, to keep the cost bounded.
   */
  async function positionEvidence(askOptions: AskOptions): Promise<RetrievedSentence[]> {
    if (parties.length > maxPartiesRankedOneByOne) return retrieve('What is the position of each party?', askOptions);
    // Without a thread or shown quotes the evidence depends on the articles alone: ranked once
    // (one embedding per party), then reused by every later "each party" question.
    const fresh = (askOptions.history ?? []).length === 0 && (askOptions.excludeSentenceIds ?? []).length === 0;
    if (!fresh) return rankEachPartysPosition(askOptions);
    articlePositionEvidence ??= rankEachPartysPosition(askOptions).catch((error: unknown) => {
      articlePositionEvidence = null;
      throw error;
    });
    return [...(await articlePositionEvidence)];
  }

  async function rankEachPartysPosition(askOptions: AskOptions): Promise<RetrievedSentence[]> {
    const best = new Map<string, RetrievedSentence>();
    // Asked all at once, so a remote embedder works on every party's question together.
    const rankings = await Promise.all(parties.map((party) => retrieve(`What is ${party.name}'s position?`, askOptions)));
    for (const ranking of rankings) {
      for (const candidate of ranking) {
        const known = best.get(candidate.sentence.id);
        if (!known || candidate.score > known.score) best.set(candidate.sentence.id, candidate);
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
  }

  async function quote(speaker: Party, about: string | null, question: string, askOptions: AskOptions): Promise<Answer> {
    const retrieved = await retrieve(about ?? question, askOptions);
    return run(question, { kind: 'quote', speaker, about }, retrieved, askOptions);
  }

  return {
    parties: () => parties,
    sources: () => articles.map((article) => article.meta),

    async ask(rawQuestion, askOptions = {}) {
      const question = validate(rawQuestion);
      const classified = classifyRequest(question, parties);
      const unknownTerms = retriever.unknownTerms(question);
      // "What did Sheinbuam say?" means Sheinbaum; "and what did he say about troops?": a pronoun
      // stands for the party the thread last named.
      const party = classified.party ?? partyByMisspelling(question, unknownTerms, parties) ?? partyFromHistory(question, askOptions.history ?? [], parties);
      const request = { ...classified, party };
      if (request.kind === 'reproduce') return declined(question);
      if (request.kind === 'quote' && request.party) return quote(request.party, request.about, question, askOptions);

      // "Summarise each party" needs no match: each party's statements are ranked on their own.
      if (request.kind === 'summary' && !request.party && asksForEveryone(question)) {
        return run(question, { kind: 'summary', party: null }, await positionEvidence(askOptions), askOptions);
      }

      // "What did Ravi Castellano say?" of articles that never mention him asks for words nobody
      // reports: refused as /quote refuses a speaker it does not know. (Left to the fitted model,
      // it answered with a namesake's quotes: SQuAD, which it was fitted on, has no such question.)
      if (!request.party && asksForViews(question) && unknownPersonAskedAbout({ question, unknownTerms, articleTexts })) {
        return { ...notInArticle({ question, articles }, lookup), notice: languageNotice?.(question) ?? null };
      }
      const retrieved = await retrieve(question, askOptions);
      const evidence = {
        question,
        retrieved,
        unknownTerms,
        contentTermCount: retriever.contentTermCount(question),
        parties,
        articleTexts,
      };
      const verdict = answerabilityModel ? modelAnswerability({ ...evidence, thresholds }, answerabilityModel) : answerability({ ...evidence, thresholds });
      if (request.kind === 'summary') {
        // "Where does the defence chief stand?" names the party by description, so the speaker of
        // the best matching statement stands in.
        // A question that names someone ("What was Joseph Falcone's position?") is not answered
        // with whoever else speaks best to it: without that person among the parties, it is a question.
        const describedOnly = () => peopleAskedAbout(question, unknownTerms).length === 0;
        const party = request.party ?? (verdict.answerable && asksForAPosition(question) && describedOnly() ? speakerOfBest(retrieved, parties) : null);
        if (party) return run(question, { kind: 'summary', party }, retrieved, askOptions);
      }
      // "What did Voss say?" of a party the articles quote: their statements answer it, however
      // few words the question shares with them.
      const aboutQuotedParty = answerabilityModel !== null && request.party !== null && asksForViews(question);
      if (!verdict.answerable && !aboutQuotedParty) return { ...notInArticle({ question, articles }, lookup), notice: languageNotice?.(question) ?? null };
      const boosted = request.party ? boostSpeaker(retrieved, request.party, asksForViews(question)) : retrieved;
      return run(question, { kind: 'question' }, boosted, askOptions);
    },

    async summarize(partyName, askOptions = {}) {
      if (partyName === undefined || partyName.trim() === '') {
        return summarize(null, 'Summarise the positions of each party.', askOptions);
      }
      const name = validate(partyName);
      const party = findParty(name, parties);
      if (!party) return notInArticle({ question: `What is ${name}'s position?`, articles }, lookup);
      return summarize(party, `What is ${party.name}'s position?`, askOptions);
    },

    async quote(speakerName, about, askOptions = {}) {
      const name = validate(speakerName);
      const topic = about?.trim() ? validate(about) : null;
      const question = topic ? `A quote from ${name} about ${topic}` : `A quote from ${name}`;
      const speaker = findParty(name, parties);
      if (!speaker) return notInArticle({ question, articles }, lookup);
      return quote(speaker, topic, question, askOptions);
    },
  };
}

function withoutShown(party: Party, shown: ReadonlySet<string>): Party {
  return { ...party, sentenceIds: party.sentenceIds.filter((id) => !shown.has(id)) };
}

function intentWithoutShown(intent: Intent, shown: ReadonlySet<string>): Intent {
  switch (intent.kind) {
    case 'summary':
      return intent.party ? { ...intent, party: withoutShown(intent.party, shown) } : intent;
    case 'quote':
      return { ...intent, speaker: withoutShown(intent.speaker, shown) };
    case 'question':
      return intent;
  }
}

function partyFromHistory(question: string, history: readonly string[], parties: readonly Party[]): Party | null {
  if (!/\b(he|she|him|her|his|hers)\b/i.test(question)) return null;
  for (const earlier of [...history].reverse()) {
    const party = findParty(earlier, parties);
    if (party) return party;
  }
  return null;
}

function asksForEveryone(question: string): boolean {
  return /\b(each|every|all|both|various|different)\b.*\b(part(?:y|ies)|sides?|actors?|people|players|positions|stakeholders|views)\b|\bwho\s+said\s+what\b/i.test(question);
}

function asksForAPosition(question: string): boolean {
  return /\b(position|stance|stand|view|think|believe|opinion|take)\b/i.test(question);
}

/** The party behind the best-ranked statement that has a speaker, among the first few. */
function speakerOfBest(retrieved: readonly RetrievedSentence[], parties: readonly Party[]): Party | null {
  for (const candidate of retrieved.slice(0, 3)) {
    const party = parties.find((member) => member.sentenceIds.includes(candidate.sentence.id));
    if (party) return party;
  }
  return null;
}

/**
 * Lifts the named party's own statements above others'. When the question asks what they said
 * or think, their statements come first whatever their scores: a fitted ranker's probabilities
 * can leave a party's words far below a sentence that merely mentions them, and "What did X
 * say?" is answered by X's words.
 */
function boostSpeaker(retrieved: readonly RetrievedSentence[], party: Party, ownWordsFirst: boolean): RetrievedSentence[] {
  const own = new Set(party.sentenceIds);
  const lifted = retrieved
    .map((candidate) => (own.has(candidate.sentence.id) ? { ...candidate, score: candidate.score + speakerBoost } : candidate))
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
  if (!ownWordsFirst) return lifted;
  return [...lifted.filter((candidate) => own.has(candidate.sentence.id)), ...lifted.filter((candidate) => !own.has(candidate.sentence.id))];
}

const speakerBoost = 0.15;
const maxPartiesRankedOneByOne = 12;
