import { describe, expect, it } from 'vitest';
import { defaultFusionWeights, fuseScores, scaleSimilarity } from '../../../src/retrieval/fusion.js';

describe('fusion', () => {
  it('maps unrelated-text similarity to 0 and a close paraphrase to 1', () => {
    expect(scaleSimilarity(defaultFusionWeights.unrelatedSimilarity)).toBe(0);
    expect(scaleSimilarity(defaultFusionWeights.paraphraseSimilarity)).toBe(1);
    expect(scaleSimilarity(0.99)).toBe(1);
    expect(scaleSimilarity(-0.2)).toBe(0);
  });

  it('ranks a sentence matching both ways above one matching only one way', () => {
    const both = fuseScores({ vectorScore: 0.5, lexicalScore: 0.5 });
    expect(both).toBeGreaterThan(fuseScores({ vectorScore: 0.5, lexicalScore: 0 }));
    expect(both).toBeGreaterThan(fuseScores({ vectorScore: 0.15, lexicalScore: 0.5 }));
  });

  it('keeps fused scores within [0, 1]', () => {
    for (const vectorScore of [0, 0.3, 0.7, 1]) {
      for (const lexicalScore of [0, 0.5, 1]) {
        const fused = fuseScores({ vectorScore, lexicalScore });
        expect(fused).toBeGreaterThanOrEqual(0);
        expect(fused).toBeLessThanOrEqual(1);
      }
    }
  });
});
