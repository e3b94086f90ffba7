import type { Article, Chunk, Party, Sentence, Speaker } from '../core/types.js';

/** Bump whenever the chunks made from the same article change, so old indexes are refused. */
export const CHUNKER_VERSION = '4';

/**
 * A long sentence's vector blurs its several points into one, so a question about one clause
 * ("U.S. troops in the country") misses it; windows of the sentence's clauses each carry one point.
 */

/**
 * Cuts an article into the units that are embedded: every sentence on its own, overlapping
 * word windows of each long sentence (still pointing at that one sentence), and every paragraph
 * of two or more sentences as a whole. A chunk never crosses a paragraph, and its text is always
 * a slice of the article.
 */
export function chunkArticle(article: Article): Chunk[] {
  const chunks: Chunk[] = [];
  for (const sentences of sentencesByParagraph(article.sentences)) {
    for (const sentence of sentences) {
      chunks.push(sentenceChunk(article, sentence));
      chunks.push(...windowChunks(article, sentence));
    }
    const paragraph = paragraphChunk(article, sentences);
    if (paragraph) chunks.push(paragraph);
  }
  return chunks;
}

/** Chunks of several articles, in the order given. */
export function chunkArticles(articles: readonly Article[]): Chunk[] {
  return articles.flatMap(chunkArticle);
}

function sentencesByParagraph(sentences: readonly Sentence[]): Sentence[][] {
  const groups = new Map<number, Sentence[]>();
  for (const sentence of sentences) {
    const group = groups.get(sentence.paragraph);
    if (group) group.push(sentence);
    else groups.set(sentence.paragraph, [sentence]);
  }
  return [...groups.entries()]
    .sort(([left], [right]) => left - right)
    .map(([, group]) => group.sort((left, right) => left.start - right.start));
}

function sentenceChunk(article: Article, sentence: Sentence): Chunk {
  const text = article.text.slice(sentence.start, sentence.end);
  return {
    id: `${article.meta.id}:s${sentence.index}`,
    articleId: article.meta.id,
    sentenceIds: [sentence.id],
    start: sentence.start,
    end: sentence.end,
    text,
    embedText: withSpeaker(text, sentence.speaker, article.parties),
  };
}

/**
 * Windows of one or two adjacent clauses (text between commas, semicolons, dashes and quote
 * marks) of a sentence with several clauses. A window follows the sentence's own joints, so
 * "said the administration would need to "make a credible argument …"" stays one thought, where a
 * fixed word count would cut it in half.
 */
function windowChunks(article: Article, sentence: Sentence): Chunk[] {
  const clauses = clausesOf(article.text, sentence);
  if (clauses.length < 2 || wordCount(article.text.slice(sentence.start, sentence.end)) < minWindowedSentenceWords) return [];
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  for (let first = 0; first < clauses.length; first += 1) {
    for (let size = 1; size <= maxClausesPerWindow && first + size <= clauses.length; size += 1) {
      const start = clauses[first]?.start ?? sentence.start;
      const end = clauses[first + size - 1]?.end ?? sentence.end;
      const text = article.text.slice(start, end);
      if (wordCount(text) < minWindowWords || seen.has(`${start}:${end}`)) continue;
      if (start === sentence.start && end === sentence.end) continue;
      seen.add(`${start}:${end}`);
      chunks.push({
        id: `${article.meta.id}:s${sentence.index}w${chunks.length + 1}`,
        articleId: article.meta.id,
        sentenceIds: [sentence.id],
        start,
        end,
        text,
        // The sentence chunk already carries the speaker; a prefix on every window of it
        // outweighed the window's own words (measured: hit@1 0.66 → 0.59 on the dev set).
        embedText: text,
      });
    }
  }
  return chunks;
}

const maxClausesPerWindow = 2;
/** A short sentence's vector is already about one thing; windowing it only adds near-duplicates. */
const minWindowedSentenceWords = 20;
const minWindowWords = 4;

/** Spans of the sentence between clause joints, trimmed of spaces and joint punctuation. */
function clausesOf(text: string, sentence: Sentence): Array<{ start: number; end: number }> {
  const sentenceText = text.slice(sentence.start, sentence.end);
  const clauses: Array<{ start: number; end: number }> = [];
  let clauseStart = 0;
  const joints = [...sentenceText.matchAll(/[,;:]\s|\s[—–-]\s|\s["“]|["”](?=\s|$)/g)];
  for (const joint of [...joints, { index: sentenceText.length, 0: '' }]) {
    const clauseEnd = joint.index + (/^["”]/.test(joint[0]) ? 1 : 0);
    const trimmed = sentenceText.slice(clauseStart, clauseEnd);
    const leading = trimmed.length - trimmed.trimStart().length;
    const content = trimmed.trim();
    if (content.length > 0) clauses.push({ start: sentence.start + clauseStart + leading, end: sentence.start + clauseStart + leading + content.length });
    clauseStart = joint.index + joint[0].length - (/\s["“]$/.test(joint[0]) ? 1 : 0);
  }
  return clauses;
}

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function paragraphChunk(article: Article, sentences: readonly Sentence[]): Chunk | null {
  const first = sentences[0];
  const last = sentences[sentences.length - 1];
  if (!first || !last || sentences.length < 2) return null;
  const text = article.text.slice(first.start, last.end);
  return {
    id: `${article.meta.id}:p${first.paragraph}`,
    articleId: article.meta.id,
    sentenceIds: sentences.map((sentence) => sentence.id),
    start: first.start,
    end: last.end,
    text,
    embedText: text,
  };
}

/**
 * "he added" says nothing about who is speaking, so the embedded text carries the speaker's name;
 * a sentence that already names them is embedded as it stands.
 */
function withSpeaker(text: string, speaker: Speaker | null, parties: readonly Party[]): string {
  if (!speaker) return text;
  const named = namesOf(speaker.name, parties).some((name) => containsPhrase(text, name));
  return named ? text : `${speaker.name}: ${text}`;
}

/**
 * The name and those aliases that share a word with it ("Hegseth" for "Pete Hegseth"); a role
 * alias such as "the official" does not tell the reader who spoke, so it does not count.
 */
function namesOf(name: string, parties: readonly Party[]): string[] {
  const nameWords = new Set(wordsOf(name));
  const aliases = parties
    .filter((party) => party.name === name)
    .flatMap((party) => party.aliases)
    .filter((alias) => wordsOf(alias).some((word) => nameWords.has(word) && !connectingWords.has(word)));
  return [name, ...aliases];
}

function wordsOf(phrase: string): string[] {
  return phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Words that two names can share without being the same party ("the" outlet, "The" Times). */
const connectingWords = new Set(['the', 'a', 'an', 'of', 'and', 'for', 'in', 'on', 'at', 'de', 'la', 'el', 'del']);

function containsPhrase(text: string, phrase: string): boolean {
  const words = wordsOf(phrase);
  if (words.length === 0) return false;
  // Words are letters and digits only, so they need no escaping.
  const pattern = words.join('[^\\p{L}\\p{N}]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

