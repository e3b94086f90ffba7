import { describe, expect, it } from 'vitest';
import { questionFocus } from '../../../src/retrieval/question-focus.js';

describe('questionFocus', () => {
  it('finds the kind of thing a which/what question asks for', () => {
    expect(questionFocus('Which magazine reported on the plans?')).toBe('magazine');
    expect(questionFocus('Which TV host interviewed the minister?')).toBe('tv host');
    expect(questionFocus("What is the minister's priority?")).toBe('priority');
    expect(questionFocus('What is the reason for the delay?')).toBe('reason');
  });

  it('finds none when the question asks about something else', () => {
    expect(questionFocus('What did the mayor say?')).toBeNull();
    expect(questionFocus('Why did the council delay the vote?')).toBeNull();
  });
});
