import { describe, expect, it } from 'vitest';
import { attributionFor } from '../../../src/answer/citations.js';
import type { ArticleMeta } from '../../../src/core/types.js';

const meta = (fields: Partial<ArticleMeta>): ArticleMeta => ({
  id: 'story',
  title: 'Story',
  publisher: 'Bay Times',
  url: null,
  date: null,
  copyright: '',
  path: 'story.txt',
  sha256: '0',
  ...fields,
});

describe('the attribution shown with an answer', () => {
  it('quotes the copyright line when the article has one', () => {
    expect(attributionFor([meta({ copyright: '© 2025 Bay Times. All rights reserved.', url: 'https://baytimes.example/a' })])).toBe(
      'Source: Bay Times — © 2025 Bay Times. All rights reserved.',
    );
  });

  it('names the publisher and the URL of an article added by link, which has no copyright line', () => {
    expect(attributionFor([meta({ url: 'https://baytimes.example/2025/ferry' })])).toBe('Source: Bay Times — https://baytimes.example/2025/ferry');
  });

  it('names the publisher alone, with no dangling dash, when neither is known', () => {
    expect(attributionFor([meta({}), meta({ publisher: 'Gazette', copyright: '© Gazette' })])).toBe('Source: Bay Times\nSource: Gazette — © Gazette');
  });
});
