import type { Answer, AnswerService, ArticleMeta, AskOptions, Citation, Party } from '../../src/core/types.js';

/**
 * An AnswerService over a tiny inline article, for Discord tests that need answers without the
 * real pipeline. Citations carry exact offsets into `stubArticleText`; every call is recorded.
 */

export const stubArticleText = [
  'The council voted on Tuesday to close the old harbour bridge for repairs.',
  '"The bridge is no longer safe for heavy traffic," Mayor Ana Ruiz said.',
  'Engineers from the port authority disagreed with the timing.',
  '"We asked for six more months of testing," said engineer Tom Okafor.',
  'Ruiz added that ferries would run every twenty minutes while the bridge is closed.',
  '© 2025 Harbour Gazette. All rights reserved.',
].join('\n');

export const stubMeta: ArticleMeta = {
  id: 'harbour-gazette-bridge',
  title: 'Council closes harbour bridge',
  publisher: 'Harbour Gazette',
  url: null,
  date: '2025-01-07',
  copyright: '© 2025 Harbour Gazette. All rights reserved.',
  path: 'stub',
  sha256: '0'.repeat(64),
};

export const stubAttribution = `Source: ${stubMeta.publisher} — ${stubMeta.copyright}`;

const lines = stubArticleText.split('\n');
const speakers: Array<string | null> = [null, 'Ana Ruiz', null, 'Tom Okafor', 'Ana Ruiz'];

/** One citation per body line, each `text === stubArticleText.slice(start, end)`. */
export const stubCitations: Citation[] = speakers.map((speaker, index) => {
  const start = lines.slice(0, index).reduce((offset, line) => offset + line.length + 1, 0);
  const end = start + (lines[index] ?? '').length;
  return {
    article: stubMeta.id,
    sentenceId: `${stubMeta.id}:${index + 1}`,
    paragraph: index + 1,
    start,
    end,
    text: stubArticleText.slice(start, end),
    speaker,
  };
});

export const stubParties: Party[] = [
  { name: 'Ana Ruiz', kind: 'person', aliases: ['Ruiz', 'Mayor Ana Ruiz'], sentenceIds: ['harbour-gazette-bridge:2', 'harbour-gazette-bridge:5'] },
  { name: 'Tom Okafor', kind: 'person', aliases: ['Okafor'], sentenceIds: ['harbour-gazette-bridge:4'] },
];

export interface StubCall {
  method: 'ask' | 'summarize' | 'quote';
  args: unknown[];
  options: AskOptions;
}

export interface StubAnswerServiceOptions {
  /** Citations per answer (the cap); the rest are reported as `moreAvailable`. */
  maxQuotes?: number;
  /** Makes every call wait, as a slow pipeline would. */
  delayMs?: number;
  /** Makes ask() fail with this error. */
  failWith?: Error;
}

export class StubAnswerService implements AnswerService {
  readonly calls: StubCall[] = [];

  constructor(private readonly options: StubAnswerServiceOptions = {}) {}

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    this.calls.push({ method: 'ask', args: [question], options });
    await this.pause();
    if (this.options.failWith) throw this.options.failWith;
    return this.answer({ question, kind: 'answer', text: 'The council closed the bridge; engineers wanted more testing.', citations: stubCitations, options });
  }

  async summarize(party?: string, options: AskOptions = {}): Promise<Answer> {
    this.calls.push({ method: 'summarize', args: [party], options });
    await this.pause();
    const chosen = stubParties.filter((candidate) => party === undefined || candidate.name === party);
    const positions = chosen.map((candidate) => ({
      party: candidate.name,
      kind: candidate.kind,
      summary: `${candidate.name}'s position on the bridge.`,
      citations: stubCitations.filter((citation) => candidate.sentenceIds.includes(citation.sentenceId)),
    }));
    const answer = this.answer({
      question: party === undefined ? 'Summary of every party' : `Summary of ${party}`,
      kind: 'summary',
      text: positions.length > 0 ? 'Where each party stands.' : 'That party is not in the article.',
      citations: positions.flatMap((position) => position.citations),
      options,
    });
    return { ...answer, parties: positions };
  }

  async quote(speaker: string, about?: string, options: AskOptions = {}): Promise<Answer> {
    this.calls.push({ method: 'quote', args: [speaker, about], options });
    await this.pause();
    const citations = stubCitations.filter((citation) => citation.speaker === speaker);
    return this.answer({ question: `What did ${speaker} say${about ? ` about ${about}` : ''}?`, kind: 'quote', text: `${speaker}'s words.`, citations, options });
  }

  parties(): Party[] {
    return stubParties;
  }

  sources(): ArticleMeta[] {
    return [stubMeta];
  }

  private answer({ question, kind, text, citations, options }: { question: string; kind: Answer['kind']; text: string; citations: Citation[]; options: AskOptions }): Answer {
    const excluded = new Set(options.excludeSentenceIds ?? []);
    const available = citations.filter((citation) => !excluded.has(citation.sentenceId));
    const cap = this.options.maxQuotes ?? 5;
    const found = available.length > 0;
    return {
      question,
      kind: found ? kind : 'not-found',
      answer: found ? text : 'The article does not say.',
      found,
      citations: available.slice(0, cap),
      parties: [],
      moreAvailable: Math.max(0, available.length - cap),
      attribution: stubAttribution,
      engine: 'extractive',
      notice: null,
    };
  }

  private async pause(): Promise<void> {
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
  }
}
