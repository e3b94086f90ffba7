import type { Article, Sentence } from '../../core/types.js';
import { bm25Defaults, type Bm25Parameters } from './bm25.js';
import { lexicalIndexFormat, lexicalIndexVersion, type LexicalIndexData } from './index-data.js';
import { phraseKey, phraseWindows } from './phrases.js';
import { dictionaryForms, relatedLemmas } from './related-words.js';
import { tokenize } from './tokenizer.js';
import type { WordNet } from './wordnet.js';

/**
 * How much a speaker's name counts in a sentence attributed to them but not naming them
 * ("he added"): enough to find it by name, less than a sentence that says the name.
 */
export const speakerNameWeight = 0.5;

export interface BuildOptions {
  wordnet: WordNet;
  parameters?: Bm25Parameters;
}

interface IndexedSentence {
  length: number;
  termFrequencies: Map<string, number>;
}

/** Tokenises every sentence, finds WordNet phrases, and precomputes synonyms for the vocabulary. */
export function buildLexicalIndexData(articles: readonly Article[], options: BuildOptions): LexicalIndexData {
  const { wordnet, parameters = bm25Defaults } = options;
  const sentences = articles.flatMap((article) => article.sentences);
  // Article stem -> the lowercase forms (words or `_` phrases) it was seen as, for WordNet look-ups.
  const surfaceForms = new Map<string, Set<string>>();
  const indexed = sentences.map((sentence) => indexSentence(sentence, { wordnet, surfaceForms }));

  const postings = new Map<string, number[]>();
  indexed.forEach(({ termFrequencies }, position) => {
    for (const [term, frequency] of termFrequencies) {
      const list = postings.get(term) ?? [];
      list.push(position, frequency);
      postings.set(term, list);
    }
  });

  return {
    format: lexicalIndexFormat,
    version: lexicalIndexVersion,
    parameters: { k1: parameters.k1, b: parameters.b },
    sentenceIds: sentences.map((sentence) => sentence.id),
    sentenceLengths: indexed.map((sentence) => sentence.length),
    postings: Object.fromEntries(postings),
    synonyms: Object.fromEntries(buildSynonyms({ surfaceForms, wordnet })),
  };
}

function indexSentence(
  sentence: Sentence,
  context: { wordnet: WordNet; surfaceForms: Map<string, Set<string>> },
): IndexedSentence {
  const termFrequencies = new Map<string, number>();
  const remember = (stem: string, form: string) => {
    const forms = context.surfaceForms.get(stem) ?? new Set<string>();
    forms.add(form);
    context.surfaceForms.set(stem, forms);
  };
  const tokens = tokenize(sentence.text);
  const words = tokens.filter((token) => !token.stopword);
  for (const token of words) {
    termFrequencies.set(token.stem, (termFrequencies.get(token.stem) ?? 0) + 1);
    remember(token.stem, token.normalized);
  }
  // Phrases are extra terms: they sharpen matches on "United States" without lengthening the sentence.
  for (const phrase of phraseWindows(tokens)) {
    if (dictionaryForms(phrase.lemma, context.wordnet).length === 0) continue;
    termFrequencies.set(phrase.key, (termFrequencies.get(phrase.key) ?? 0) + 1);
    remember(phrase.key, phrase.lemma);
  }
  for (const token of tokenize(sentence.speaker?.name ?? '')) {
    if (token.stopword || termFrequencies.has(token.stem)) continue;
    termFrequencies.set(token.stem, speakerNameWeight);
    remember(token.stem, token.normalized);
  }
  return { length: words.length, termFrequencies };
}

/** Key (stem of a related word, or `_`-joined stems of a related phrase) -> article terms. */
function buildSynonyms(context: {
  surfaceForms: Map<string, Set<string>>;
  wordnet: WordNet;
}): Map<string, Array<[string, number]>> {
  const targetsByKey = new Map<string, Map<string, number>>();
  for (const [articleTerm, forms] of context.surfaceForms) {
    for (const form of forms) {
      for (const [lemma, weight] of relatedLemmas(form, { wordnet: context.wordnet })) {
        const key = lemmaKey(lemma);
        if (key === null || key === articleTerm) continue;
        const targets = targetsByKey.get(key) ?? new Map<string, number>();
        if ((targets.get(articleTerm) ?? 0) < weight) targets.set(articleTerm, weight);
        targetsByKey.set(key, targets);
      }
    }
  }
  return new Map([...targetsByKey].map(([key, targets]) => [key, [...targets]]));
}

/**
 * How a query would spell a WordNet lemma once tokenised, or null when no query could: queries
 * match phrases that start and end with a content word, so "us" and "the_States" are skipped.
 */
function lemmaKey(lemma: string): string | null {
  const tokens = tokenize(lemma.replace(/_/g, ' '));
  if (tokens.length === 0 || tokens[0]?.stopword || tokens.at(-1)?.stopword) return null;
  return phraseKey(tokens);
}
