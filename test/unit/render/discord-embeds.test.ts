import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Answer, ArticleMeta, Citation } from '../../../src/core/types.js';
import { discordLimits, embedsSize, escapeMarkdown, renderAnswerEmbeds } from '../../../src/render/discord-embeds.js';

const meta: ArticleMeta = {
  id: 'gazette-story',
  title: 'Gazette story',
  publisher: 'Gazette',
  url: null,
  date: null,
  copyright: '© 2025 Gazette. All rights reserved.',
  path: 'x',
  sha256: 'x',
};

function citation(index: number, text: string, speaker: string | null = 'A Speaker'): Citation {
  return { article: meta.id, sentenceId: `${meta.id}:${index}`, paragraph: index, start: 0, end: text.length, text, speaker };
}

function answerWith(overrides: Partial<Answer>): Answer {
  return {
    question: 'What happened?',
    kind: 'answer',
    answer: 'Something happened.',
    found: true,
    citations: [],
    parties: [],
    moreAvailable: 0,
    attribution: `Source: ${meta.publisher} — ${meta.copyright}`,
    engine: 'extractive',
    notice: null,
    ...overrides,
  };
}

function expectWithinLimits(embeds: APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(discordLimits.embeds);
  expect(embedsSize(embeds)).toBeLessThanOrEqual(discordLimits.total);
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(discordLimits.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(discordLimits.description);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(discordLimits.footer);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(discordLimits.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(discordLimits.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(discordLimits.fieldValue);
    }
  }
}

const allText = (embeds: APIEmbed[]) =>
  embeds.flatMap((embed) => [embed.title, embed.description, ...(embed.fields ?? []).map((field) => field.value), embed.footer?.text]).join('\n');

describe('renderAnswerEmbeds', () => {
  it('puts the answer in the description, each quote with its speaker and ¶, and the attribution in the footer', () => {
    const quoted = citation(3, 'The bridge is closed.', 'Ana Ruiz');
    const { embeds, shownSentenceIds, moreQuotes } = renderAnswerEmbeds(answerWith({ citations: [quoted] }), { sources: [meta] });
    expect(embeds).toHaveLength(1);
    expect(embeds[0]?.description).toBe('Something happened.');
    expect(embeds[0]?.fields?.[0]?.value).toBe('> “The bridge is closed.” — Ana Ruiz (¶3)');
    expect(embeds[0]?.footer?.text).toBe('Source: Gazette — © 2025 Gazette. All rights reserved.');
    expect(shownSentenceIds).toEqual([quoted.sentenceId]);
    expect(moreQuotes).toBe(0);
  });

  it('names each quote’s article when the bot knows several', () => {
    const other: ArticleMeta = { ...meta, id: 'other', title: 'Other story' };
    const { embeds } = renderAnswerEmbeds(answerWith({ citations: [citation(3, 'The bridge is closed.', 'Ana Ruiz')] }), { sources: [meta, other] });
    expect(embeds[0]?.fields?.[0]?.value).toBe('> “The bridge is closed.” — Ana Ruiz (¶3, Gazette story)');
  });

  it('escapes markdown so a quote shows exactly as the article has it', () => {
    const { embeds } = renderAnswerEmbeds(answerWith({ citations: [citation(1, 'Prices rose *sharply* in Q_3.')] }));
    expect(embeds[0]?.fields?.[0]?.value).toContain('Prices rose \\*sharply\\* in Q\\_3.');
  });

  it('keeps a huge answer within every Discord limit, shows fewer quotes whole and counts the rest in the footer', () => {
    const citations = Array.from({ length: 20 }, (_, index) => citation(index + 1, `Sentence ${index + 1} ${'word '.repeat(180)}end.`));
    const huge = answerWith({ question: 'q'.repeat(400), answer: 'a'.repeat(10_000), citations, moreAvailable: 7 });
    const { embeds, shownSentenceIds, moreQuotes } = renderAnswerEmbeds(huge);
    expectWithinLimits(embeds);
    expect(shownSentenceIds.length).toBeGreaterThan(0);
    expect(shownSentenceIds.length).toBeLessThan(citations.length);
    for (const shown of citations.filter((candidate) => shownSentenceIds.includes(candidate.sentenceId))) {
      expect(allText(embeds)).toContain(shown.text);
    }
    expect(moreQuotes).toBe(citations.length - shownSentenceIds.length + 7);
    expect(embeds.at(-1)?.footer?.text).toContain(`+${moreQuotes} more quotes`);
    expect(embeds.at(-1)?.footer?.text).toContain(huge.attribution);
  });

  it('gives a quote longer than a field its own embed rather than cutting it', () => {
    const long = citation(1, `${'A very long sentence. '.repeat(100)}The end.`);
    const { embeds, shownSentenceIds } = renderAnswerEmbeds(answerWith({ citations: [long] }));
    expectWithinLimits(embeds);
    expect(shownSentenceIds).toEqual([long.sentenceId]);
    expect(embeds.some((embed) => embed.description?.includes(long.text))).toBe(true);
  });

  it('never shows a quote too long for any embed, and says it is left out', () => {
    const enormous = citation(1, 'x'.repeat(5000));
    const { embeds, shownSentenceIds, moreQuotes } = renderAnswerEmbeds(answerWith({ citations: [enormous] }));
    expectWithinLimits(embeds);
    expect(shownSentenceIds).toEqual([]);
    expect(allText(embeds)).not.toContain('x'.repeat(100));
    expect(moreQuotes).toBe(1);
  });

  it('renders a summary as one field group per party', () => {
    const ruiz = citation(1, 'We closed it.', 'Ana Ruiz');
    const okafor = citation(2, 'We wanted tests.', 'Tom Okafor');
    const summary = answerWith({
      kind: 'summary',
      citations: [ruiz, okafor],
      parties: [
        { party: 'Ana Ruiz', kind: 'person', summary: 'Closed the bridge.', citations: [ruiz] },
        { party: 'Tom Okafor', kind: 'person', summary: 'Wanted more testing.', citations: [okafor] },
      ],
    });
    const fields = renderAnswerEmbeds(summary).embeds.flatMap((embed) => embed.fields ?? []);
    expect(fields.map((field) => field.name)).toEqual(['Ana Ruiz', 'Quote 1', 'Tom Okafor', 'Quote 2']);
    expect(fields[1]?.value).toContain('We closed it.');
  });

  it('keeps an attribution too long for a footer whole, in its own embed', () => {
    const attribution = Array.from({ length: 40 }, (_, index) => `Source: Publisher ${index} — © 2025 Publisher ${index}. All rights reserved.`).join('\n');
    const { embeds } = renderAnswerEmbeds(answerWith({ attribution, citations: [citation(1, 'Short.')] }));
    expectWithinLimits(embeds);
    expect(embeds.some((embed) => embed.description === attribution)).toBe(true);
  });

  it('stays within the limits and cuts no quote, whatever the answer', () => {
    const citationArbitrary = fc.record({ text: fc.string({ minLength: 1, maxLength: 1500 }), speaker: fc.option(fc.string({ maxLength: 80 })) });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 7000 }),
        fc.string({ maxLength: 6000 }),
        fc.array(citationArbitrary, { maxLength: 25 }),
        fc.nat({ max: 50 }),
        (question, text, drafts, moreAvailable) => {
          const citations = drafts.map((draft, index) => citation(index + 1, draft.text, draft.speaker));
          const { embeds, shownSentenceIds, moreQuotes } = renderAnswerEmbeds(answerWith({ question, answer: text, citations, moreAvailable }));
          expectWithinLimits(embeds);
          const shown = allText(embeds);
          for (const id of shownSentenceIds) {
            const quoted = citations.find((candidate) => candidate.sentenceId === id);
            expect(shown).toContain(escapeMarkdown(quoted?.text ?? '').split('\n').join('\n> '));
          }
          expect(shownSentenceIds.length + moreQuotes).toBe(citations.length + moreAvailable);
        },
      ),
      { numRuns: 150 },
    );
  });
});
