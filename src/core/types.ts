/** Half-open character range `[start, end)` into an article's text. */
export interface Span {
  start: number;
  end: number;
}

export interface ArticleMeta {
  /** Stable slug taken from the file name, e.g. `latin-times-cartel-strike-plans`. */
  id: string;
  title: string;
  publisher: string;
  url: string | null;
  /** ISO date (YYYY-MM-DD) when known. */
  date: string | null;
  /** The publisher's copyright line, verbatim, e.g. `© 2025 Latin Times. All rights reserved. …`; '' when none is known. */
  copyright: string;
  /** Who wrote it, when the sidecar says ("Ana Ruiz and Tom Lee"). */
  byline?: string | null;
  /** Path of the article file as given to the loader. */
  path: string;
  /** sha256 (hex) of the article file's bytes. */
  sha256: string;
}

export type PartyKind = 'person' | 'outlet' | 'organization' | 'unknown';

/** Who a sentence's words belong to, and how the text tells us. */
export interface Speaker {
  /** Canonical name: the fullest form the article uses ("Pete Hegseth", "Rolling Stone"). */
  name: string;
  kind: PartyKind;
  /**
   * `named`: the sentence names the speaker ("Hegseth said");
   * `pronoun`: "he added" resolved to the person last named;
   * `role`: "the outlet", "the official" resolved to an earlier party;
   * `continuation`: an unattributed quote continuing the previous speaker.
   */
  via: 'named' | 'pronoun' | 'role' | 'continuation';
}

export interface Paragraph extends Span {
  /** 1-based paragraph number within the article body. */
  number: number;
}

export interface Sentence extends Span {
  /** `${articleId}:${index}`: unique across articles. */
  id: string;
  articleId: string;
  /** 1-based position within the article. */
  index: number;
  /** 1-based paragraph number (¶). */
  paragraph: number;
  /** 1-based position within its paragraph. */
  indexInParagraph: number;
  /** Always `article.text.slice(start, end)`. */
  text: string;
  speaker: Speaker | null;
  /**
   * The kinds of answer the sentence holds (src/article/entity-types.ts), set at ingest and stored
   * in the index; absent on a sentence that was never indexed.
   */
  entityTypes?: EntityType[];
}

/** A kind of thing a sentence names, matched against the kind of answer a question asks for. */
export type EntityType = 'person' | 'place' | 'organization' | 'date' | 'number' | 'money' | 'percent' | 'name';

/** A person or organisation whose statements or positions the article reports. */
export interface Party {
  name: string;
  kind: PartyKind;
  /** Other ways the article refers to the party ("Hegseth", "Defense Secretary Pete Hegseth"). */
  aliases: string[];
  /** Sentences whose speaker is this party, in article order. */
  sentenceIds: string[];
}

export interface Article {
  meta: ArticleMeta;
  /** The whole file, decoded as UTF-8; every offset points into it. */
  text: string;
  /** The content region: excludes the trailing copyright line and surrounding blank lines. */
  body: Span;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  parties: Party[];
}

/**
 * The unit that is embedded: one sentence, a whole paragraph, or a window of words inside a long
 * sentence (long sentences blur into one vector). Every chunk maps back to whole sentences, which
 * are what gets cited.
 */
export interface Chunk extends Span {
  id: string;
  articleId: string;
  sentenceIds: string[];
  /** `article.text.slice(start, end)`. */
  text: string;
  /** What is embedded: the text, prefixed with its speaker when the text itself does not name them. */
  embedText: string;
}

export interface Citation {
  /** Article id. */
  article: string;
  sentenceId: string;
  paragraph: number;
  start: number;
  end: number;
  /** Copied from the article by offset: `article.text.slice(start, end)`. */
  text: string;
  speaker: string | null;
}

export type AnswerKind = 'answer' | 'summary' | 'quote' | 'not-found' | 'declined';

export interface PartyPosition {
  party: string;
  kind: PartyKind;
  /** One line in plain words, written by the engine (never presented as a quote). */
  summary: string;
  citations: Citation[];
}

export interface Answer {
  question: string;
  kind: AnswerKind;
  /** The engine's own words; quotes are only ever in `citations`. */
  answer: string;
  found: boolean;
  /** At most the configured cap (default 5), in the order they support the answer. */
  citations: Citation[];
  /** For `summary` answers: one entry per party, its citations counted within the cap. */
  parties: PartyPosition[];
  /** How many further relevant sentences were left out by the cap ("More quotes"). */
  moreAvailable: number;
  /** One "Source: Publisher — © …" line per article the answer draws on (or all known, if none). */
  attribution: string;
  engine: 'extractive' | 'llm';
  /** A short remark for the reader, e.g. that the answer fell back to the extractive engine. */
  notice: string | null;
}

/** A sentence as ranked by retrieval for one question. Scores are in [0, 1], higher is better. */
export interface RetrievedSentence {
  sentence: Sentence;
  score: number;
  vectorScore: number;
  lexicalScore: number;
  /** The ranking features (src/retrieval/ranking-features.ts) when a fitted ranker scored it. */
  features?: number[];
}

/** Narrows or steers a question; every field is optional. */
export interface AskOptions {
  /** Earlier questions in the same conversation (Discord thread), oldest first. */
  history?: readonly string[];
  /** Sentences already shown, left out of this answer ("More quotes"). */
  excludeSentenceIds?: readonly string[];
}

/** What the front ends (CLI, Discord) need from the answering pipeline. */
export interface AnswerService {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Each party's position, or one party's when `party` is given. */
  summarize(party?: string, options?: AskOptions): Promise<Answer>;
  /** A speaker's exact words, optionally about a topic. */
  quote(speaker: string, about?: string, options?: AskOptions): Promise<Answer>;
  parties(): Party[];
  sources(): ArticleMeta[];
}
