import nlp from 'compromise';
import type { Article, EntityType } from '../core/types.js';

/**
 * Bump whenever the same sentence would be given other entity types; the index stores them, so
 * the index format follows (src/index/manifest.ts).
 */
export const ENTITY_TAGGER_VERSION = '1';

// Years, clock times and relative dates that the tagger leaves untagged in running text.
const datePattern =
  /\b(1[0-9]\d\d|20\d\d|\d{1,2}(st|nd|rd|th) century|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|\d{1,2}:\d\d|a\.m\.|p\.m\.)\b/i;
const numberPattern =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|third|quarter)\b/i;

/**
 * The kinds of answer a sentence can give (a person for "who", a date for "when", a number for
 * "how many"). Runs the tagger once per sentence, so it belongs to ingest: answering reads the
 * stored types and never loads the tagger for a question.
 */
export function entityTypesOf(text: string): EntityType[] {
  const doc = nlp(text);
  const types = new Set<EntityType>();
  if (doc.people().found) types.add('person');
  if (doc.places().found) types.add('place');
  if (doc.organizations().found) types.add('organization');
  if (doc.match('#Date').found || datePattern.test(text)) types.add('date');
  if (doc.match('#Value').found || numberPattern.test(text)) types.add('number');
  if (doc.match('#Money').found || /[$€£¥]\s?\d/.test(text)) types.add('money');
  if (doc.match('#Percent').found || /\d\s?(%|percent|per cent)/i.test(text)) types.add('percent');
  // A capitalised word past the first (not a pronoun) names something: a fallback for names the
  // tagger does not know ("the Diet of Worms").
  if (/\s\p{Lu}\p{Ll}+/u.test(text.replace(/^\S+/, ''))) types.add('name');
  return [...types].sort();
}

/** The articles with every sentence's entity types filled in (a copy; the input is untouched). */
export function withEntityTypes(articles: readonly Article[]): Article[] {
  return articles.map((article) => ({
    ...article,
    sentences: article.sentences.map((sentence) => ({ ...sentence, entityTypes: entityTypesOf(sentence.text) })),
  }));
}
