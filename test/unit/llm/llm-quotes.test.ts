import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotedSpans, unsupportedQuotes } from '../../../src/answer/llm-quotes.js';

const source = 'Mayor Elena Ruiz said the delay was "a responsible pause, not a retreat."';

describe('quotedSpans', () => {
  it('finds words inside straight, curly, guillemet and low-high quotation marks', () => {
    expect(quotedSpans('She said "one" and “two” and « three » and „four“.')).toEqual(['one', 'two', ' three ', 'four']);
  });
});

describe('unsupportedQuotes', () => {
  it('accepts words copied from a source, whatever punctuation sits at the edge', () => {
    expect(unsupportedQuotes('Ruiz called it "a responsible pause."', [source])).toEqual([]);
    expect(unsupportedQuotes('Ruiz called it “A responsible pause, not a retreat”', [source])).toEqual([]);
  });

  it('reports words that are not in any source', () => {
    expect(unsupportedQuotes('Ruiz called it "a brave decision" and "a responsible pause"', [source])).toEqual(['a brave decision']);
  });

  it('reports a translated quote, since the article never says it', () => {
    expect(unsupportedQuotes('Ruiz lo llamó «una pausa responsable»', [source])).toEqual(['una pausa responsable']);
  });

  it('accepts any quoted slice of a source', () => {
    fc.assert(
      fc.property(fc.nat(source.length - 1), fc.nat(source.length - 1), (left, right) => {
        const slice = source.slice(Math.min(left, right), Math.max(left, right) + 1);
        fc.pre(!/["“”«»„‘’]/u.test(slice));
        expect(unsupportedQuotes(`They said “${slice}”.`, [source])).toEqual([]);
      }),
    );
  });
});
