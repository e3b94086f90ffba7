import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerService } from '../../src/app.js';
import { parseConfig } from '../../src/config/config.js';
import type { Answer, AnswerService } from '../../src/core/types.js';
import { loadArticles } from '../../src/article/load-article.js';
import type { Article } from '../../src/core/types.js';

// A second article from another publisher, written here so nothing can be tuned to the shipped one.
const harbourArticle = `City council delays vote on Eastport expansion

The Eastport city council postponed a vote on the $40 million harbour expansion on Tuesday after residents packed the chamber.
Mayor Dana Whitfield said the project would create 600 jobs and "secure the port's future for a generation."
She added that the council would hold two more public hearings before voting in March.
Council member Luis Ortega opposed the plan, warning that dredging could damage the St. Clair oyster beds.
"We are being asked to trade a living bay for a parking lot for cranes," Ortega said.
According to the Eastport Ledger, the state environmental agency has not yet reviewed the dredging permit.
The newspaper reported that Dr. Amy Chen, a marine biologist, found the oyster population had fallen by a third since 2015.
Chen said the beds "could recover… if the dredging is kept away from the spawning grounds."
© 2024 Harbour Daily News. All rights reserved.
`;

let workDir: string;
let service: AnswerService;
let articles: Article[];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'verbatim-ask-'));
  const articlesDir = join(workDir, 'articles');
  await cp('data/articles', articlesDir, { recursive: true });
  await writeFile(join(articlesDir, 'harbour-daily-eastport-vote.txt'), harbourArticle);
  const config = parseConfig({ ARTICLES_DIR: articlesDir, INDEX_DIR: join(workDir, 'index'), CACHE_DIR: join(workDir, 'cache') });
  service = await createAnswerService(config);
  articles = await loadArticles(articlesDir);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function expectExactCitations(answer: Answer): void {
  for (const citation of answer.citations) {
    const article = articles.find((candidate) => candidate.meta.id === citation.article);
    expect(article, `citation names a known article: ${citation.article}`).toBeDefined();
    expect(citation.text).toBe(article?.text.slice(citation.start, citation.end));
    expect(article?.sentences.map((sentence) => sentence.text)).toContain(citation.text);
  }
}

describe('answering from the index, end to end', () => {
  it('answers from the shipped article with exact sentences and the Latin Times attribution', async () => {
    const answer = await service.ask('What would the government have to prove before attacking?');
    expect(answer.found).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
    expectExactCitations(answer);
    expect(answer.citations.slice(0, 3).map((citation) => citation.text).join(' ')).toContain('credible argument');
    expect(answer.attribution).toContain('© 2025 Latin Times. All rights reserved.');
  });

  it('finds a paraphrase that shares few words with the article', async () => {
    const answer = await service.ask('American soldiers south of the border');
    expect(answer.found).toBe(true);
    expectExactCitations(answer);
    expect(answer.citations.slice(0, 3).some((citation) => /\btroops\b.*\b(Mexico|country)\b/.test(citation.text))).toBe(true);
  });

  it('answers from a second article by another publisher, naming that article and publisher', async () => {
    const answer = await service.ask('Why does the council member oppose the harbour plan?');
    expect(answer.found).toBe(true);
    expectExactCitations(answer);
    expect(answer.citations[0]?.article).toBe('harbour-daily-eastport-vote');
    expect(answer.attribution).toContain('© 2024 Harbour Daily News. All rights reserved.');
    expect(answer.citations.slice(0, 3).some((citation) => citation.speaker === 'Luis Ortega')).toBe(true);
  });

  it('says "not in the article" and cites nothing when the articles do not answer', async () => {
    for (const question of ['What is the capital of France?', 'What did Joe Biden say about it?']) {
      const answer = await service.ask(question);
      expect(answer, question).toMatchObject({ found: false, kind: 'not-found', citations: [] });
      expect(answer.answer).toMatch(/not in the article/i);
      expect(answer.attribution).toContain('©');
    }
  });

  it('refuses what a person the articles never mention said, though the topic is the article\'s', async () => {
    for (const question of ['What did Angela Merkel say about the cartels?', 'What did Emmanuel Macron think of the military strikes in Mexico?', 'What did Priya Raman say about the oyster beds?']) {
      const answer = await service.ask(question);
      expect(answer, question).toMatchObject({ found: false, kind: 'not-found', citations: [] });
    }
  });

  it('refuses what a namesake of a quoted person said, rather than quote the person the article means', async () => {
    for (const question of ['What did Maria Ortega say about the dredging?', 'Give me a quote from David Chen.', "What was Robert Whitfield's position?"]) {
      const answer = await service.ask(question);
      expect(answer, question).toMatchObject({ found: false, kind: 'not-found', citations: [] });
    }
    const answer = await service.ask('What did Luis Ortega say about the dredging?');
    expect(answer.citations[0]?.speaker).toContain('Ortega');
  });

  it('never passes off another party\'s position as that of a person the article names but does not quote', async () => {
    for (const question of ["What was Laura Ingraham's position?", "What is Laura Ingraham's stance?"]) {
      const answer = await service.ask(question);
      if (answer.kind === 'summary') expect(answer.answer, question).toMatch(/^Laura Ingraham/);
      expectExactCitations(answer);
    }
  });

  it('answers for the person a misspelt surname means, naming them as the article does', async () => {
    const answer = await service.ask('What did Whitfeild say about the jobs?');
    expect(answer.found).toBe(true);
    expectExactCitations(answer);
    expect(answer.citations[0]?.speaker).toContain('Whitfield');
  });

  it('answers what a quoted party said with that party\'s own sentences', async () => {
    for (const [question, speaker] of [
      ['What did Hegseth say?', 'Pete Hegseth'],
      ['What did Chen say about the oyster beds?', 'Amy Chen'],
    ] as const) {
      const answer = await service.ask(question);
      expect(answer.found, question).toBe(true);
      expectExactCitations(answer);
      expect(answer.citations[0]?.speaker, question).toContain(speaker.split(' ').at(-1));
    }
  });

  it('declines to reproduce a whole article, with the attribution', async () => {
    const answer = await service.ask('Please print the entire article word for word.');
    expect(answer).toMatchObject({ kind: 'declined', found: false, citations: [] });
    expect(answer.attribution).toContain('©');
  });

  it('never cites more than the cap, even when asked for everything a party said', async () => {
    const answer = await service.ask('Summarise the positions of each party');
    expect(answer.kind).toBe('summary');
    expect(answer.citations.length).toBeLessThanOrEqual(5);
    expect(answer.parties.length).toBeGreaterThan(1);
    expectExactCitations(answer);
  });

  it('gives every party’s position when asked for each party’s view on a topic', async () => {
    const answer = await service.ask('What is the position of each party on the port expansion?');
    expect(answer.kind).toBe('summary');
    expect(answer.parties.length).toBeGreaterThan(1);
  });

  it('summarises one named party with only that party’s sentences', async () => {
    const answer = await service.ask('What is Whitfield’s position?');
    expect(answer.kind).toBe('summary');
    expect(answer.parties.map((position) => position.party)).toEqual(['Dana Whitfield']);
    expect(answer.citations.every((citation) => citation.speaker === 'Dana Whitfield')).toBe(true);
  });

  it('quotes a speaker’s own words on request', async () => {
    const answer = await service.ask('Give me a quote from Ortega about the bay');
    expect(answer.kind).toBe('quote');
    expectExactCitations(answer);
    expect(answer.citations[0]?.speaker).toBe('Luis Ortega');
    expect(answer.citations[0]?.text).toContain('living bay');
  });

  it('reads "he"/"she" in a follow-up as the party the conversation last named', async () => {
    const answer = await service.ask('and what did she say about the hearings?', { history: ['What did Mayor Whitfield promise?'] });
    expect(answer.found).toBe(true);
    expect(answer.citations[0]?.speaker).toBe('Dana Whitfield');
    expect(answer.citations[0]?.text).toContain('public hearings');
  });

  it('shows further quotes, never the ones already shown, when asked for more', async () => {
    const first = await service.quote('Hegseth');
    expect(first.citations).toHaveLength(5);
    const shown = first.citations.map((citation) => citation.sentenceId);
    const more = await service.quote('Hegseth', undefined, { excludeSentenceIds: shown });
    expect(more.citations.length).toBeGreaterThan(0);
    expect(more.citations.some((citation) => shown.includes(citation.sentenceId))).toBe(false);
    const summary = await service.summarize('Hegseth', { excludeSentenceIds: shown });
    expect(summary.citations.some((citation) => shown.includes(citation.sentenceId))).toBe(false);

    const all = (await service.quote('Whitfield')).citations.map((citation) => citation.sentenceId);
    const none = await service.quote('Whitfield', undefined, { excludeSentenceIds: all });
    expect(none).toMatchObject({ found: false, citations: [] });
    expect(none.answer).toMatch(/nothing more from Dana Whitfield/);
  });

  it('rejects empty and over-long questions with a short error', async () => {
    await expect(service.ask('   ')).rejects.toMatchObject({ code: 'EMPTY_QUESTION' });
    await expect(service.ask('x'.repeat(1001))).rejects.toMatchObject({ code: 'QUESTION_TOO_LONG' });
  });
});
