import { describe, expect, it } from 'vitest';
import { contentTokens, tokenize } from '../../../src/index/lexical/tokenizer.js';

const words = (text: string) => contentTokens(text).map((token) => token.normalized);

describe('tokenizer', () => {
  it('keeps a dotted abbreviation as one token and never turns "U.S." into the pronoun "us"', () => {
    expect(words('Troops from the U.S. arrived')).toEqual(['troops', 'u.s.', 'arrived']);
    expect(words('get us out')).toEqual(['get']);
  });

  it('reads a capitalised acronym like its dotted spelling, but not a shouted sentence', () => {
    expect(words('US forces')).toEqual(['u.s.', 'forces']);
    expect(words('WHAT DID HEGSETH SAY')).toEqual(['hegseth']);
  });

  it('drops stopwords, question words and reporting verbs', () => {
    expect(words('What did the official say about it, and who does he think is right?')).toEqual([
      'official',
      'think',
      'right',
    ]);
  });

  it('strips possessives and drops contractions of stopwords', () => {
    expect(words("Trump's orders can't wait; we're ready")).toEqual(['trump', 'orders', 'wait', 'ready']);
    expect(words('Trump’s orders')).toEqual(['trump', 'orders']);
  });

  it('stems inflected words so that "attacks" and "attack" meet', () => {
    const [plural] = contentTokens('attacks');
    const [singular] = contentTokens('attack');
    expect(plural?.stem).toBe(singular?.stem);
  });

  it('marks the first word of each sentence, where a capital says nothing about names', () => {
    const tokens = tokenize('Cartels are here. Did Biden agree?');
    expect(tokens.filter((token) => token.sentenceInitial).map((token) => token.text)).toEqual(['Cartels', 'Did']);
    expect(tokens.find((token) => token.text === 'Biden')?.capitalized).toBe(true);
  });
});
