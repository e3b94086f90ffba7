import { nlp } from '../core/nlp.js';
import type { Party, RetrievedSentence } from '../core/types.js';
import { detectLanguage } from './language.js';

/**
 * Whether the articles answer a question. Three general signals, none tied to an article's words:
 * how well the best sentence matches (thresholds calibrated with `npm run eval`), whether the
 * question is about a person the articles never quote, and whether the best sentences hold the
 * kind of answer the question asks for (a number for "how many", a time for "when").
 */
export interface AnswerabilityThresholds {
  /** Minimum fused score of the best sentence. */
  minScore: number;
  /** Minimum when the question names things (places, institutions) the articles never mention. */
  minScoreWithUnknownNames: number;
  /**
   * A question of which this share of words or more is foreign to the articles must match in
   * meaning at least `minVectorWhenUnfamiliar`: a paraphrase does, a question about something else
   * ("Where was he born?") does not.
   */
  unfamiliarShare: number;
  minVectorWhenUnfamiliar: number;
}

export const defaultThresholds: AnswerabilityThresholds = {
  minScore: 0.15,
  minScoreWithUnknownNames: 0.35,
  unfamiliarShare: 1 / 3,
  minVectorWhenUnfamiliar: 0.45,
};

export type NotAnsweredReason = 'weak-match' | 'unknown-person' | 'person-not-quoted' | 'unknown-subject' | 'no-answer-of-that-kind';

export interface AnswerabilityVerdict {
  answerable: boolean;
  reason: NotAnsweredReason | null;
  /** The person the question is about, when that is why it cannot be answered. */
  person: string | null;
  bestScore: number;
}

export interface AnswerabilityInput {
  question: string;
  retrieved: readonly RetrievedSentence[];
  /** Query words the articles never use, even through synonyms. */
  unknownTerms: readonly string[];
  /** How many content words the question has; omitted, the share rule is not applied. */
  contentTermCount?: number;
  parties: readonly Party[];
  /** The articles' text, to tell whether a person is mentioned at all. */
  articleTexts: readonly string[];
  thresholds?: AnswerabilityThresholds | undefined;
}

/** How many of the best sentences must hold the expected kind of answer. */
const answerWindow = 3;

export function answerability({
  question,
  retrieved,
  unknownTerms,
  contentTermCount = 0,
  parties,
  articleTexts,
  thresholds = defaultThresholds,
}: AnswerabilityInput): AnswerabilityVerdict {
  const bestScore = retrieved[0]?.score ?? 0;
  const verdict = (reason: NotAnsweredReason | null, person: string | null = null): AnswerabilityVerdict => ({
    answerable: reason === null,
    reason,
    person,
    bestScore,
  });

  for (const person of peopleAskedAbout(question, unknownTerms)) {
    const surname = person.split(/\s+/).at(-1) ?? person;
    const mentioned = articleTexts.some((text) => containsWord(text, surname));
    if (!mentioned) return verdict('unknown-person', person);
    const quoted = parties.some((party) => [party.name, ...party.aliases].some((name) => containsWord(name, surname)));
    if (!quoted && asksForViews(question)) return verdict('person-not-quoted', person);
  }

  // "What is the population of …": the thing asked for is a word the articles never use.
  const asked = /\bwhat\s+(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?([\p{L}-]+)\s+of\b/iu.exec(question)?.[1];
  if (asked && unknownTerms.some((term) => term.toLowerCase() === asked.toLowerCase())) return verdict('unknown-subject');

  const unknownNames = properNamesIn(question).filter((name) => unknownTerms.some((term) => term.toLowerCase() === name.toLowerCase()));
  const needed = unknownNames.length > 0 ? thresholds.minScoreWithUnknownNames : thresholds.minScore;
  if (bestScore < needed) return verdict('weak-match');
  // One content word ("Is he bluffing?") is too little to judge what share is foreign, and in a
  // question asked in another language nearly every word is.
  const inEnglish = (detectLanguage(question) ?? 'eng') === 'eng';
  const unfamiliar = inEnglish && contentTermCount >= 2 && unknownTerms.length / contentTermCount >= thresholds.unfamiliarShare;
  if (unfamiliar && (retrieved[0]?.vectorScore ?? 0) < thresholds.minVectorWhenUnfamiliar) return verdict('weak-match');

  const expected = expectedAnswerKind(question);
  if (expected && !retrieved.slice(0, answerWindow).some((candidate) => expected.test(candidate.sentence.text))) {
    return verdict('no-answer-of-that-kind');
  }
  return verdict(null);
}

/**
 * People the question is about: names a name-finder recognises, plus a capitalised subject the
 * articles never use in "what did X say/think" questions (the finder misses lone surnames).
 */
function peopleAskedAbout(question: string, unknownTerms: readonly string[]): string[] {
  const recognised = nlp(question)
    .people()
    .out('array')
    .map((name: string) => name.replace(/[?.!,’']+s?$/u, '').trim())
    .filter((name: string) => name.length > 1);
  // "What did the Canadian prime minister say": the speaker's nationality is one the articles never
  // mention. (An unknown institution, "the Pentagon chief", may still be a party described otherwise.)
  const subject = /\b(?:did|does|do|has|have|is|was|would|will)\s+((?:[\p{L}.’'-]+\s+){1,5}?)(?:say|said|think|believe|claim|argue|want|tell|told|feel|stand|mean|propose|suggest)\b/u
    .exec(question)?.[1]
    ?.trim();
  const demonyms: string[] = subject ? nlp(subject).match('#Demonym').out('array') : [];
  const unknownSubject =
    subject && demonyms.some((word) => unknownTerms.some((term) => term.toLowerCase() === word.toLowerCase())) ? [subject] : [];
  return [...new Set([...recognised, ...unknownSubject])];
}

function asksForViews(question: string): boolean {
  return /\b(say|said|says|think|thinks|believe|believes|view|views|opinion|position|stance|claim|argue|feel|tell|told|comment|react|respond|quote|ask|asks|asked|want|wants)\w*\b/i.test(question);
}

const quantity = String.raw`(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|several|multiple|numerous|many|few|half|a\s+third|a\s+quarter)`;
const numberAnswer = new RegExp(String.raw`\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|third|quarter|percent)\b`, 'i');
const timeAnswer =
  /\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|week|month|year|ago|since|until|soon|morning|evening|night|days?)\b/i;

/**
 * The kind of text an answer must contain, for questions that ask for a quantity or a time.
 * "How many meetings" needs a quantity in front of "meetings" (a number elsewhere in the sentence
 * counts something else); "how much" and "what number" take any number.
 */
function expectedAnswerKind(question: string): RegExp | null {
  const counted = /\bhow\s+many\s+([\p{L}-]{3,})/iu.exec(question)?.[1];
  if (counted) {
    const stem = counted.toLowerCase().replace(/(ies|es|s)$/, '').slice(0, 6);
    return new RegExp(String.raw`\b${quantity}\s+(?:[\p{L}-]+\s+)?${stem}`, 'iu');
  }
  if (/\bhow\s+(many|much|old|far|big|large|tall)\b|\bwhat\s+(number|percentage|share|amount|proportion|age)\b/i.test(question)) return numberAnswer;
  if (/\bwhen\b|\bwhat\s+(date|day|time|year|month)\b|\bhow\s+(soon|long|often)\b/i.test(question)) return timeAnswer;
  return null;
}

function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'iu').test(text);
}

/** Capitalised words that are not the question's first word: the names a question is about. */
export function properNamesIn(question: string): string[] {
  const words = question.match(/[\p{L}][\p{L}\p{M}'’.-]*/gu) ?? [];
  return words
    .filter((word, position) => position > 0 && /^\p{Lu}/u.test(word) && !/^(I|I'm|I'd)$/.test(word))
    .map((word) => word.replace(/[’']s$/, ''));
}
