/**
 * The precomputed synonyms of one index, packed. Stored as JSON they are some 6,000 keys holding
 * 8,000 `[term, weight]` pairs for a news article; kept as parsed, that is ~1.4 MB of heap per
 * article, so a bot with 2,000 added articles held ~2.8 GB of them. Packed: the keys are shared by
 * every index of the process (they are WordNet's words, the same in every article), each pair is two
 * numbers in typed arrays, and a lookup builds the few pairs a query word has.
 */
export interface SynonymTable {
  get(key: string): ReadonlyArray<readonly [term: string, weight: number]> | undefined;
  /** The table as it is stored, keys and pairs in their original order. */
  toRecord(): Record<string, Array<[term: string, weight: number]>>;
}

/** One copy of each key string for the whole process, whichever index it came from. */
const sharedKeys = new Map<string, string>();

export function packSynonyms(record: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>>): SynonymTable {
  const entries = Object.entries(record);
  const pairCount = entries.reduce((sum, [, targets]) => sum + targets.length, 0);
  const terms: string[] = [];
  const termNumbers = new Map<string, number>();
  const termOf = new Uint32Array(pairCount);
  const weightOf = new Float64Array(pairCount);
  // Entry i's pairs are [firstPair[i], firstPair[i + 1]).
  const firstPair = new Uint32Array(entries.length + 1);
  const entryOf = new Map<string, number>();
  let pair = 0;
  entries.forEach(([key, targets], entry) => {
    let shared = sharedKeys.get(key);
    if (shared === undefined) sharedKeys.set(key, (shared = key));
    entryOf.set(shared, entry);
    firstPair[entry] = pair;
    for (const [term, weight] of targets) {
      let number = termNumbers.get(term);
      if (number === undefined) {
        number = terms.push(term) - 1;
        termNumbers.set(term, number);
      }
      termOf[pair] = number;
      weightOf[pair] = weight;
      pair += 1;
    }
  });
  firstPair[entries.length] = pair;

  const pairsOf = (entry: number): Array<[string, number]> => {
    const pairs: Array<[string, number]> = [];
    for (let at = firstPair[entry] ?? 0; at < (firstPair[entry + 1] ?? 0); at += 1) pairs.push([terms[termOf[at] ?? 0] ?? '', weightOf[at] ?? 0]);
    return pairs;
  };
  return {
    get(key) {
      const entry = entryOf.get(key);
      return entry === undefined ? undefined : pairsOf(entry);
    },
    toRecord: () => Object.fromEntries([...entryOf].map(([key, entry]) => [key, pairsOf(entry)])),
  };
}
