import { baseFormCandidates } from './morphy.js';
import { partsOfSpeech, type WordNet } from './wordnet.js';

/** How much a word found through each WordNet relation counts, against 1 for the word itself. */
export const relationWeights = {
  /** Another lemma of one of the word's synsets: "troops" ~ "soldiery". */
  synonym: 0.5,
  /** Derivationally related form (`+`) or pertainym (`\`): "U.S." ~ "American", "invade" ~ "invasion". */
  derived: 0.5,
  /** Direct hypernym of a noun or verb sense: the article says "strike", the question "attack". */
  hypernym: 0.3,
  /** Direct hyponym: the article says "attack", the question "strike"; a little looser still. */
  hyponym: 0.25,
} as const;

/** Senses whose hypernyms and hyponyms are followed: the hierarchy drifts fastest off-topic. */
const maxHierarchySenses = 3;

/** A synset with more hyponyms than this is too general ("person") to stand for any one of them. */
const maxHyponyms = 30;

export interface RelatedWordsOptions {
  wordnet: WordNet;
  /**
   * WordNet lists senses most frequent first; rare senses ("force" as a unit of physics) add
   * more noise than recall, so only the first few of each part of speech are followed.
   */
  maxSensesPerPartOfSpeech?: number;
}

/**
 * WordNet lemmas related to a lowercase word or phrase (words joined by `_`), with the weight
 * of the strongest relation that reached each. Lemmas keep WordNet's spelling (case, `_`).
 */
export function relatedLemmas(word: string, { wordnet, maxSensesPerPartOfSpeech = 6 }: RelatedWordsOptions): Map<string, number> {
  const related = new Map<string, number>();
  const add = (lemma: string, weight: number) => {
    if ((related.get(lemma) ?? 0) < weight) related.set(lemma, weight);
  };
  for (const lemma of dictionaryForms(word, wordnet)) {
    for (const partOfSpeech of partsOfSpeech) {
      const offsets = wordnet.senses(lemma, partOfSpeech).slice(0, maxSensesPerPartOfSpeech);
      offsets.forEach((offset, senseRank) => {
        const synset = wordnet.synset(partOfSpeech, offset);
        for (const synonym of synset.lemmas) add(synonym, relationWeights.synonym);
        const followHierarchy = senseRank < maxHierarchySenses && (partOfSpeech === 'noun' || partOfSpeech === 'verb');
        const hyponymCount = synset.pointers.filter((pointer) => pointer.symbol === '~').length;
        for (const pointer of synset.pointers) {
          const weight = pointerWeight(pointer.symbol, { followHierarchy, followHyponyms: hyponymCount <= maxHyponyms });
          if (weight === null) continue;
          for (const target of wordnet.synset(pointer.partOfSpeech, pointer.offset).lemmas) add(target, weight);
        }
      });
    }
  }
  return related;
}

/** The forms of `word` that WordNet lists, trying its base forms and undotted abbreviations. */
export function dictionaryForms(word: string, wordnet: WordNet): string[] {
  const parts = word.split('_');
  const last = parts.pop() ?? '';
  const lastForms = new Set(baseFormCandidates(last));
  // WordNet writes some abbreviations with dots ("u.s.") and others without ("nato").
  if (last.includes('.')) lastForms.add(last.replace(/\./g, ''));
  const forms: string[] = [];
  for (const form of lastForms) {
    const candidate = [...parts, form].join('_');
    if (wordnet.hasLemma(candidate)) forms.push(candidate);
  }
  return forms;
}

/**
 * Derived forms and pertainyms bring the whole target synset, not only the word the pointer
 * names: "American" points at "America", whose synonyms "U.S." and "United States" pertain too.
 */
function pointerWeight(symbol: string, follow: { followHierarchy: boolean; followHyponyms: boolean }): number | null {
  if (symbol === '+' || symbol === '\\') return relationWeights.derived;
  if (!follow.followHierarchy) return null;
  if (symbol === '@') return relationWeights.hypernym;
  if (symbol === '~' && follow.followHyponyms) return relationWeights.hyponym;
  return null;
}
