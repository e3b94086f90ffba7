import type { Answer, Party, PartyPosition, Sentence } from '../core/types.js';
import type { AnswerEngine, EngineInput } from './answer-engine.js';
import { completeAnswer, publisherOf, SentenceLookup } from './answer-builder.js';

/**
 * Answers without any model: picks the sentences that answer and writes a short attributed
 * lead-in. Its own words are only connective text; everything quoted is copied by offset.
 */
export interface ExtractiveEngineOptions {
  /** A sentence is cited only when its score is at least this share of the best one's. */
  relativeFloor?: number;
  /**
   * …and at least this score. With the fitted ranker scores are probabilities of answering, so
   * this keeps answers from trailing sentences that have no real chance ("See also" noise).
   */
  absoluteFloor?: number;
}

export function createExtractiveEngine({ relativeFloor = 0.7, absoluteFloor = 0 }: ExtractiveEngineOptions = {}): AnswerEngine {
  return {
    name: 'extractive',
    async answer(input) {
      const lookup = SentenceLookup.of(input.articles);
      switch (input.intent.kind) {
        case 'summary':
          return summarise(input, lookup, input.intent.party);
        case 'quote':
          return quote(input, lookup, input.intent.speaker);
        case 'question':
          return answerQuestion(input, lookup, { relativeFloor, absoluteFloor });
      }
    },
  };
}

/** How close to the best sentence another article's sentence must score to be cited beside it. */
const otherArticleShare = 0.9;

function answerQuestion(input: EngineInput, lookup: SentenceLookup, floors: Required<ExtractiveEngineOptions>): Answer {
  const best = input.retrieved[0];
  if (!best) return notInArticle(input, lookup);
  // Sentences far weaker than the best one are noise, however many slots are left; the best
  // itself is always cited, since the question was judged answerable.
  const floor = Math.max(best.score * floors.relativeFloor, Math.min(best.score, floors.absoluteFloor));
  // One answer quotes one article, unless another answers about as well: a weaker sentence of some
  // other article is a "see also" from a different story, and its attribution confuses the reader.
  const supporting = input.retrieved.filter(
    (candidate) => candidate.score >= floor && (candidate.sentence.articleId === best.sentence.articleId || candidate.score >= best.score * otherArticleShare),
  );
  const shown = supporting.slice(0, input.maxQuotes);
  const citations = shown.map((candidate) => lookup.cite(candidate.sentence));
  const lead = leadIn(lookup, best.sentence);
  const topText = citations[0]?.text ?? '';
  const more = citations.length > 1 ? ` (See also ${citations.slice(1).map((_, index) => `[${index + 2}]`).join(', ')}.)` : '';
  return completeAnswer(lookup, {
    question: input.question,
    kind: 'answer',
    answer: `${lead}: “${topText}” [1]${more}`,
    found: true,
    citations,
    moreAvailable: supporting.length - shown.length,
  });
}

function summarise(input: EngineInput, lookup: SentenceLookup, party: Party | null): Answer {
  const parties = party ? [party] : allParties(input);
  if (parties.length === 0) return notInArticle(input, lookup);
  const relevance = relevanceOf(input);
  const sentencesOf = (member: Party) => rankedSentencesOf(lookup, member, relevance);
  // Share the quote cap fairly: every party gets its strongest statement before anyone gets a second.
  const picked = new Map<Party, Sentence[]>(parties.map((member) => [member, []]));
  const queues = parties.map((member) => ({ member, sentences: sentencesOf(member) }));
  let remaining = input.maxQuotes;
  while (remaining > 0 && queues.some((queue) => queue.sentences.length > 0)) {
    for (const queue of queues) {
      const next = queue.sentences.shift();
      if (!next || remaining === 0) continue;
      picked.get(queue.member)?.push(next);
      remaining -= 1;
    }
  }
  const positions: PartyPosition[] = parties
    .filter((member) => (picked.get(member)?.length ?? 0) > 0)
    .map((member) => {
      const sentences = (picked.get(member) ?? []).sort((a, b) => a.index - b.index);
      return {
        party: member.name,
        kind: member.kind,
        summary: positionLine(member, sentences),
        citations: sentences.map((sentence) => lookup.cite(sentence)),
      };
    });
  const citations = positions.flatMap((position) => position.citations);
  const statementCount = parties.reduce((total, member) => total + member.sentenceIds.length, 0);
  const firstPicked = [...picked.values()].flat()[0];
  const publisher = firstPicked ? publisherOf(lookup, firstPicked) : 'the article';
  const answer = party
    ? `${party.name}'s position, as reported by ${publisher}, in their own words:`
    : `The article reports the positions of ${positions.length} parties: ${positions.map((position) => position.party).join(', ')}. Each is quoted below, as reported by ${publisher}.`;
  return completeAnswer(lookup, {
    question: input.question,
    kind: 'summary',
    answer,
    found: citations.length > 0,
    citations,
    parties: positions,
    moreAvailable: Math.max(0, statementCount - citations.length),
  });
}

function quote(input: EngineInput, lookup: SentenceLookup, speaker: Party): Answer {
  const ranked = rankedSentencesOf(lookup, speaker, relevanceOf(input));
  // A party always has statements; none left means all were shown already ("More quotes").
  if (ranked.length === 0) {
    return completeAnswer(lookup, { question: input.question, kind: 'quote', answer: `The article quotes nothing more from ${speaker.name}.`, found: false, citations: [] });
  }
  const shown = ranked.slice(0, input.maxQuotes);
  const citations = shown.map((sentence) => lookup.cite(sentence));
  const first = shown[0];
  const publisher = first ? publisherOf(lookup, first) : 'the article';
  return completeAnswer(lookup, {
    question: input.question,
    kind: 'quote',
    answer: `${speaker.name}, as reported by ${publisher}:`,
    found: true,
    citations,
    moreAvailable: ranked.length - shown.length,
  });
}

export function notInArticle(input: Pick<EngineInput, 'question' | 'articles'>, lookup = SentenceLookup.of(input.articles)): Answer {
  const titles = input.articles.map((article) => article.meta.title);
  const where = titles.length === 1 ? 'the article does' : `the ${titles.length} articles I know do`;
  return completeAnswer(lookup, {
    question: input.question,
    kind: 'not-found',
    answer: `Not in the article: ${where} not say. I only answer from the text, so I won't guess.`,
    found: false,
    citations: [],
  });
}

function allParties(input: EngineInput): Party[] {
  // People and organisations first: outlets are how the story is sourced, not sides in it.
  const parties = input.articles.flatMap((article) => article.parties);
  return [...parties.filter((party) => party.kind !== 'outlet'), ...parties.filter((party) => party.kind === 'outlet')];
}

function relevanceOf(input: EngineInput): Map<string, number> {
  return new Map(input.retrieved.map((candidate) => [candidate.sentence.id, candidate.score]));
}

/** A party's statements, most relevant to the question first; direct quotations break ties. */
function rankedSentencesOf(lookup: SentenceLookup, party: Party, relevance: Map<string, number>): Sentence[] {
  const ids = new Set(party.sentenceIds);
  const sentences = lookup.articles.flatMap((article) => article.sentences.filter((sentence) => ids.has(sentence.id)));
  const quotedBonus = (sentence: Sentence) => (/["“”]/.test(sentence.text) ? 0.05 : 0);
  const weight = (sentence: Sentence) => (relevance.get(sentence.id) ?? 0) + quotedBonus(sentence);
  return sentences.sort((a, b) => weight(b) - weight(a) || a.index - b.index);
}

function positionLine(party: Party, sentences: readonly Sentence[]): string {
  const paragraphs = [...new Set(sentences.map((sentence) => sentence.paragraph))].map((number) => `¶${number}`);
  const role = party.aliases.find((alias) => alias.length > party.name.length && alias.includes(party.name));
  const who = role ? role : party.name;
  const total = party.sentenceIds.length;
  return `${who}: ${total} statement${total === 1 ? '' : 's'} in the article (${paragraphs.join(', ')} quoted).`;
}

function leadIn(lookup: SentenceLookup, sentence: Sentence): string {
  const publisher = publisherOf(lookup, sentence);
  const speaker = sentence.speaker;
  if (!speaker || speaker.name === publisher) return `${publisher} reports`;
  return `According to ${speaker.name}, as reported by ${publisher}`;
}

