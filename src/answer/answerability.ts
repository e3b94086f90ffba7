import { parseText } from '../core/nlp.js';
import { couldBeFirstName, firstNamesBefore } from '../article/mentions.js';
import type { Party, RetrievedSentence } from '../core/types.js';
import { escapeRegExp } from '../core/text.js';
import { predictProbability, type LogisticModel } from '../retrieval/logistic-regression.js';
import { expectedEntityTypes, rankingFeatureNames, type RankingFeatureName } from '../retrieval/ranking-features.js';
import { detectLanguage } from './language.js';

/**
 * Whether the articles answer a question. `modelAnswerability` is the fitted model (shipped);
 * `answerability` the hand-written rules it replaced, kept for the evaluation's comparison. The
 * rules: three general signals, none tied to an article's words:
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
  const rules = ruleSignals({ question, retrieved, unknownTerms, contentTermCount, parties, articleTexts });
  if (rules.unknownPerson) return verdict('unknown-person', rules.unknownPerson);
  if (rules.personNotQuoted) return verdict('person-not-quoted', rules.personNotQuoted);
  if (rules.unknownSubject) return verdict('unknown-subject');
  const needed = rules.unknownNames > 0 ? thresholds.minScoreWithUnknownNames : thresholds.minScore;
  if (bestScore < needed) return verdict('weak-match');
  const unfamiliar = rules.inEnglish && contentTermCount >= 2 && rules.unknownShare >= thresholds.unfamiliarShare;
  if (unfamiliar && (retrieved[0]?.vectorScore ?? 0) < thresholds.minVectorWhenUnfamiliar) return verdict('weak-match');
  if (rules.noAnswerOfThatKind) return verdict('no-answer-of-that-kind');
  return verdict(null);
}

/** What the hand-written rules saw; the fitted model reads them as features, none refuses alone. */
export interface RuleSignals {
  /** A person the question asks about whom no article mentions. */
  unknownPerson: string | null;
  /** A person the articles mention but never quote, in a question about what they said. */
  personNotQuoted: string | null;
  /** "What is the X of …" with X a word the articles never use. */
  unknownSubject: boolean;
  /** "How many" / "when" and none of the best sentences holds a number / a time. */
  noAnswerOfThatKind: boolean;
  /** Capitalised words of the question the articles never use. */
  unknownNames: number;
  /** Share of the question's content words foreign to the articles, even through synonyms. */
  unknownShare: number;
  inEnglish: boolean;
}

export function ruleSignals({
  question,
  retrieved,
  unknownTerms,
  contentTermCount = 0,
  parties,
  articleTexts,
}: Omit<AnswerabilityInput, 'thresholds'>): RuleSignals {
  // One pass: whether a person is mentioned reads every article's text.
  let unknownPerson: string | null = null;
  let personNotQuoted: string | null = null;
  for (const person of peopleAskedAbout(question, unknownTerms)) {
    const surname = person.split(/\s+/).at(-1) ?? person;
    if (!isMentioned(articleTexts, person)) {
      unknownPerson ??= person;
      continue;
    }
    const quoted = parties.some((party) => [party.name, ...party.aliases].some((name) => containsWord(name, surname)));
    if (!quoted && asksForViews(question)) personNotQuoted ??= person;
  }
  const asked = /\bwhat\s+(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?([\p{L}-]+)\s+of\b/iu.exec(question)?.[1];
  const unknownSubject = Boolean(asked && unknownTerms.some((term) => term.toLowerCase() === asked.toLowerCase()));
  const unknownNames = properNamesIn(question).filter((name) => unknownTerms.some((term) => term.toLowerCase() === name.toLowerCase())).length;
  const expected = expectedAnswerKind(question);
  const noAnswerOfThatKind = Boolean(expected && !retrieved.slice(0, answerWindow).some((candidate) => expected.test(candidate.sentence.text)));
  // In a question asked in another language nearly every word is foreign.
  const inEnglish = (detectLanguage(question) ?? 'eng') === 'eng';
  const unknownShare = contentTermCount > 0 ? unknownTerms.length / contentTermCount : 0;
  return { unknownPerson, personNotQuoted, unknownSubject, noAnswerOfThatKind, unknownNames, unknownShare, inEnglish };
}

/**
 * Bump whenever an answerability feature is added, removed, reordered or computed differently
 * (or when the ranking features it reads change meaning).
 */
export const ANSWERABILITY_FEATURE_VERSION = '3';

export const answerabilityFeatureNames = [
  'best_probability',
  'second_probability',
  'margin',
  'top3_probability_sum',
  'best_dense_cosine',
  'max_hybrid_top5',
  'max_dense_cosine_top5',
  'max_overlap_top5',
  'max_overlap_exact_top5',
  'best_article_share',
  'best_uncovered_max_weight',
  'best_paragraph_coverage',
  'best_paragraph_uncovered_max_weight',
  'min_paragraph_uncovered_top5',
  'min_uncovered_top5',
  'negation_unmatched',
  'qualifier_unmatched',
  'answer_type_expected',
  'answer_type_in_top3',
  'unknown_share',
  'unknown_names',
  'content_terms',
  'rule_unknown_person',
  'rule_person_not_quoted',
  'rule_unknown_subject',
  'rule_no_answer_of_that_kind',
  'best_bigram_share',
  'best_longest_run',
  'best_window_coverage',
  'max_window_coverage_top5',
  'best_novel_words',
  'best_unmatched_weight',
  'best_type_mismatch',
  'best_article_rank',
] as const;

/**
 * The answerability model's inputs, from the best candidates as the fitted ranker scored them
 * (their `features` must be set) and the old rules' signals. Training calls this too.
 */
export function answerabilityFeatures(input: Omit<AnswerabilityInput, 'thresholds'>): number[] {
  const { retrieved } = input;
  const rules = ruleSignals(input);
  const feature = (candidate: RetrievedSentence | undefined, name: RankingFeatureName) => candidate?.features?.[rankingFeatureNames.indexOf(name)] ?? 0;
  const top5 = retrieved.slice(0, 5);
  const top3 = retrieved.slice(0, 3);
  const best = retrieved[0];
  const expected = expectedEntityTypes(input.question);
  const values: Record<(typeof answerabilityFeatureNames)[number], number> = {
    best_probability: best?.score ?? 0,
    second_probability: retrieved[1]?.score ?? 0,
    margin: (best?.score ?? 0) - (retrieved[1]?.score ?? 0),
    top3_probability_sum: top3.reduce((sum, candidate) => sum + candidate.score, 0),
    best_dense_cosine: feature(best, 'dense_cosine'),
    max_hybrid_top5: Math.max(0, ...top5.map((candidate) => feature(candidate, 'hybrid_score'))),
    max_dense_cosine_top5: Math.max(0, ...top5.map((candidate) => feature(candidate, 'dense_cosine'))),
    max_overlap_top5: Math.max(0, ...top5.map((candidate) => feature(candidate, 'overlap_with_synonyms'))),
    max_overlap_exact_top5: Math.max(0, ...top5.map((candidate) => feature(candidate, 'overlap_exact'))),
    best_article_share: feature(best, 'article_bm25_share'),
    best_uncovered_max_weight: feature(best, 'uncovered_max_weight'),
    best_paragraph_coverage: feature(best, 'paragraph_coverage'),
    best_paragraph_uncovered_max_weight: feature(best, 'paragraph_uncovered_max_weight'),
    min_paragraph_uncovered_top5: Math.min(1, ...top5.map((candidate) => feature(candidate, 'paragraph_uncovered_max_weight'))),
    min_uncovered_top5: Math.min(1, ...top5.map((candidate) => feature(candidate, 'uncovered_max_weight'))),
    // "What did the treaty not allow?" of a sentence that says what it allowed: a question
    // written to look answerable often turns on a negation the text lacks.
    negation_unmatched: negation.test(input.question) && !top3.some((candidate) => negation.test(candidate.sentence.text)) ? 1 : 0,
    qualifier_unmatched: qualifierUnmatched(input.question, top3) ? 1 : 0,
    answer_type_expected: expected.length > 0 ? 1 : 0,
    answer_type_in_top3: top3.some((candidate) => feature(candidate, 'answer_type_match') === 1) ? 1 : 0,
    unknown_share: rules.inEnglish ? rules.unknownShare : 0,
    unknown_names: Math.min(3, rules.unknownNames),
    content_terms: Math.log1p(input.contentTermCount ?? 0),
    rule_unknown_person: rules.unknownPerson ? 1 : 0,
    rule_person_not_quoted: rules.personNotQuoted ? 1 : 0,
    rule_unknown_subject: rules.unknownSubject ? 1 : 0,
    rule_no_answer_of_that_kind: rules.noAnswerOfThatKind ? 1 : 0,
    best_bigram_share: feature(best, 'bigram_share'),
    best_longest_run: feature(best, 'longest_run'),
    best_window_coverage: windowCoverage(best),
    max_window_coverage_top5: Math.max(0, ...top5.map(windowCoverage)),
    best_novel_words: feature(best, 'novel_words'),
    best_unmatched_weight: feature(best, 'unmatched_weight'),
    // The kind of answer asked for ("who") is missing from the best sentence: -1 in its type column.
    best_type_mismatch: typeColumns.some((name) => feature(best, name) === -1) ? 1 : 0,
    best_article_rank: feature(best, 'article_rank'),
  };
  return answerabilityFeatureNames.map((name) => values[name]);
}

const typeColumns: readonly RankingFeatureName[] = ['type_person', 'type_date', 'type_number', 'type_place', 'type_other'];

/** The question's weight a sentence covers with the sentences beside it in its paragraph. */
function windowCoverage(candidate: RetrievedSentence | undefined): number {
  const at = (name: RankingFeatureName) => candidate?.features?.[rankingFeatureNames.indexOf(name)] ?? 0;
  return at('exact_coverage_stems') + at('window_gain');
}

const negation = /\b(not|never|no|none|neither|nor|without|cannot)\b|n['’]t\b/i;

/**
 * "Who was the last emperor …" of sentences about an emperor that never say "last": a superlative
 * or comparative of the question that none of the best sentences uses.
 */
function qualifierUnmatched(question: string, best: readonly RetrievedSentence[]): boolean {
  const qualifiers: string[] = parseText(question).match('(#Superlative|#Comparative|first|last|only|earliest|latest)').out('array');
  const text = best.map((candidate) => candidate.sentence.text.toLowerCase()).join(' ');
  return qualifiers.some((word) => !text.includes(word.toLowerCase().replace(/[^\p{L}]/gu, '')));
}

/**
 * The fitted answerability model's verdict, with the hand-written rules as a second opinion
 * (unless the model file says `rulesMustAgree: false`, its threshold chosen for the model alone):
 * "not in the article" only when the model's probability is under its threshold *and* the rules,
 * applied to the hand-set hybrid scores the candidates carry, find no answer either. Neither
 * refuses alone. The model was fitted on encyclopaedia questions, which restate their article's
 * words; the second opinion keeps it from refusing a news question that paraphrases the text
 * ("American soldiers south of the border"), where the old pipeline answered.
 */
export function modelAnswerability(
  input: Omit<AnswerabilityInput, 'thresholds'> & { thresholds?: AnswerabilityThresholds | undefined },
  model: LogisticModel & { threshold: number; rulesMustAgree?: boolean | undefined },
): AnswerabilityVerdict & { probability: number } {
  const probability = predictProbability(model, answerabilityFeatures(input));
  const bestScore = input.retrieved[0]?.score ?? 0;
  if (probability >= model.threshold) return { answerable: true, reason: null, person: null, bestScore, probability };
  // A model file whose threshold was chosen for the model alone refuses on the probability.
  if (model.rulesMustAgree === false) return { answerable: false, reason: 'weak-match', person: null, bestScore, probability };
  const hybrid = rankingFeatureNames.indexOf('hybrid_score');
  const byHybrid = input.retrieved
    .map((candidate) => ({ ...candidate, score: candidate.features?.[hybrid] ?? candidate.score }))
    .sort((a, b) => b.score - a.score);
  const rules = answerability({ ...input, retrieved: byHybrid });
  return { ...rules, bestScore, probability };
}

/**
 * The first person the question asks about whom no article mentions: neither their surname
 * appears, nor their full name where the surname does only after other first names ("Daniel
 * Okafor" of articles that write "Raymond Okafor").
 */
export function unknownPersonAskedAbout({
  question,
  unknownTerms,
  articleTexts,
}: Pick<AnswerabilityInput, 'question' | 'unknownTerms' | 'articleTexts'>): string | null {
  return peopleAskedAbout(question, unknownTerms).find((person) => !isMentioned(articleTexts, person)) ?? null;
}

function isMentioned(texts: readonly string[], person: string): boolean {
  const surname = person.split(/\s+/).at(-1) ?? person;
  return mentionedInAny(texts, surname) && !onlyNamesakes(texts, person);
}

/**
 * People the question is about: names a name-finder recognises, plus a capitalised subject the
 * articles never use in "what did X say/think" questions (the finder misses lone surnames).
 */
export function peopleAskedAbout(question: string, unknownTerms: readonly string[]): string[] {
  const recognised = parseText(question)
    .people()
    .out('array')
    .map((name: string) => name.replace(/[?.!,’']+s?$/u, '').trim())
    .filter((name: string) => name.length > 1);
  // "What did the Canadian prime minister say": the speaker's nationality is one the articles never
  // mention. (An unknown institution, "the Pentagon chief", may still be a party described otherwise.)
  const subject = /\b(?:did|does|do|has|have|is|was|would|will)\s+((?:[\p{L}.’'-]+\s+){1,5}?)(?:say|said|think|believe|claim|argue|want|tell|told|feel|stand|mean|propose|suggest)\b/u
    .exec(question)?.[1]
    ?.trim();
  const demonyms: string[] = subject ? parseText(subject).match('#Demonym').out('array') : [];
  const unknownSubject =
    subject && demonyms.some((word) => unknownTerms.some((term) => term.toLowerCase() === word.toLowerCase())) ? [subject] : [];
  // A subject of capitalised words only ("What did Priya Raman say") is a name even when the
  // finder does not know it; whether the articles mention it is the caller's check.
  const named = subject && /^\p{Lu}[\p{L}.’'-]*(\s+\p{Lu}[\p{L}.’'-]*)*$/u.test(subject) ? [subject] : [];
  // "a quote from Priya Raman", "Priya Raman's position": a first and last name, capitalised.
  const fullNames = asksForViews(question)
    ? [...question.matchAll(/\b(?:from|by)\s+(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)+)|(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)+)[’']s\b/gu)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((name) => name !== '')
    : [];
  return [...new Set([...recognised, ...unknownSubject, ...named, ...fullNames])];
}

/**
 * "Daniel Okafor" where the articles write only "Raymond Okafor": the surname is there, but each
 * time after another first name, so the person asked about is someone they never mention. (A
 * surname alone, "Okafor said", is the person the text introduced, and says nothing either way.)
 */
function onlyNamesakes(texts: readonly string[], person: string): boolean {
  const words = person.split(/\s+/u);
  const given = words[0] ?? '';
  const surname = words.at(-1) ?? '';
  if (words.length < 2 || !couldBeFirstName(given) || texts.some((text) => containsWord(text, person))) return false;
  const givenNames = texts.flatMap((text) => firstNamesBefore(text, surname, couldBeFirstName));
  return givenNames.length > 0 && !givenNames.some((name) => name.toLowerCase() === given.toLowerCase());
}

/** The question asks what someone said, thinks or wants. */
export function asksForViews(question: string): boolean {
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

/**
 * `articleTexts.some((text) => containsWord(text, word))`, without reading every article for
 * every question: the articles' words are collected once per list of texts. A word of plain
 * letters stands in a text exactly when one of its maximal runs of letters equals it in any case;
 * the set answers for ASCII words, the scan for the rest and for texts holding the two letters
 * that fold to ASCII ones under a case-insensitive match (ſ, K).
 */
function mentionedInAny(texts: readonly string[], word: string): boolean {
  let words = wordsByTextList.get(texts);
  if (!words) {
    const ascii = new Set<string>();
    let foldsToAscii = false;
    for (const text of texts) {
      foldsToAscii ||= /[\u017F\u212A]/u.test(text);
      for (const run of text.match(/\p{L}+/gu) ?? []) if (/^[A-Za-z]+$/.test(run)) ascii.add(run.toLowerCase());
    }
    words = { ascii, foldsToAscii };
    wordsByTextList.set(texts, words);
  }
  if (/^[A-Za-z]+$/.test(word) && !words.foldsToAscii) return words.ascii.has(word.toLowerCase());
  return texts.some((text) => containsWord(text, word));
}

const wordsByTextList = new WeakMap<readonly string[], { ascii: ReadonlySet<string>; foldsToAscii: boolean }>();

/** The word stands in the text as a whole word, any case. */
export function containsWord(text: string, word: string): boolean {
  return new RegExp(`(^|[^\\p{L}])${escapeRegExp(word)}($|[^\\p{L}])`, 'iu').test(text);
}

/** Capitalised words that are not the question's first word: the names a question is about. */
export function properNamesIn(question: string): string[] {
  const words = question.match(/[\p{L}][\p{L}\p{M}'’.-]*/gu) ?? [];
  return words
    .filter((word, position) => position > 0 && /^\p{Lu}/u.test(word) && !/^(I|I'm|I'd)$/.test(word))
    .map((word) => word.replace(/[’']s$/, ''));
}
