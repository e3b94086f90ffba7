import { describe, expect, it } from 'vitest';
import { strangerPool, swapPeople } from '../../../bench/lib/person-swap.js';

const articles = [
  { id: 'river', text: 'The engineer Thomas Telford built the bridge in 1826. Later, Marie Curie visited the river town.' },
  { id: 'physics', text: 'Marie Curie won two Nobel prizes. Albert Einstein wrote to her in 1911.' },
];

describe('person-swapped training questions', () => {
  it('pools only names whose surname no other article uses, so the copy asks about a stranger', () => {
    const pool = strangerPool(articles);
    expect(pool).toContainEqual({ name: 'Thomas Telford', article: 'river' });
    expect(pool).toContainEqual({ name: 'Albert Einstein', article: 'physics' });
    expect(pool.map((entry) => entry.name)).not.toContain('Marie Curie');
  });

  it('replaces the person of a question with a name from another article, the same way every run', () => {
    const pool = strangerPool(articles);
    const questions = [
      { question: 'When did Thomas Telford build the bridge?', article: 'river' },
      { question: 'How many prizes did the lab win?', article: 'physics' },
    ];
    const first = swapPeople(questions, pool);
    expect(first[0]).toEqual({ question: 'When did Albert Einstein build the bridge?', nameArticle: 'physics' });
    expect(first[1]).toBeNull();
    expect(swapPeople(questions, pool)).toEqual(first);
  });
});
