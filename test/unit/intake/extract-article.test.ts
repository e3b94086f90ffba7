import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../src/core/errors.js';
import { extractArticle } from '../../../src/intake/extract-article.js';
import type { FetchedPage } from '../../../src/intake/page.js';

const pages = 'test/fixtures/pages';

function page(body: Uint8Array | string, { charset = null, url = 'https://news.example/story' }: { charset?: string | null; url?: string } = {}): FetchedPage {
  return { requestedUrl: url, url, contentType: 'text/html', charset, body: typeof body === 'string' ? Buffer.from(body) : body };
}

/** A page whose body is `paragraphs` inside the usual furniture of a news site. */
function newsPage({ head = '', paragraphs, extra = '' }: { head?: string; paragraphs: string[]; extra?: string }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Ferry service resumes after storm | Bay Times</title>${head}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sports">Sports</a></nav>
<article><h1>Ferry service resumes after storm</h1>${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}${extra}</article>
<footer><p>© 2025 Bay Times. All rights reserved.</p></footer></body></html>`;
}

const story = [
  'Ferry service between Port Alder and Gull Island resumed on Thursday morning, three days after a storm damaged the landing ramp on the island side.',
  'The ferry operator said the first boat left at 6:15 a.m. with 42 cars aboard, and that the full timetable would run again from Friday.',
  '“Our crews worked through two nights to get the ramp safe,” said operations manager Ines Carvalho. “We know how many people depend on this boat.”',
  'Islanders had relied on a passenger-only water taxi since Monday, and the island’s only grocery store ran short of milk and bread by Wednesday.',
];

async function expectNoArticle(run: () => unknown): Promise<void> {
  let thrown: unknown;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(VerbatimError);
  expect((thrown as VerbatimError).code).toBe('NO_ARTICLE_IN_PAGE');
}

describe('extracting the article from a page', () => {
  it('keeps the story paragraphs and leaves navigation, footer and headline out', () => {
    const article = extractArticle(page(newsPage({ paragraphs: story })));
    expect(article.paragraphs).toEqual(story);
    expect(article.title).toBe('Ferry service resumes after storm');
  });

  it('drops ad labels, teaser links, newsletter and share prompts and photo credits found inside the story', () => {
    const noisy = [
      story[0],
      'Advertisement',
      story[1],
      '<strong>Read more:</strong> <a href="/a">Storm leaves 9,000 without power</a>',
      'Sign up for our morning newsletter to get the day’s news in your inbox.',
      story[2],
      'Photo: Jana Holm/Bay Times',
      'Share this article on Facebook',
      story[3],
      'Related: <a href="/b">Island store rations bread</a>',
      'Published 6:02 a.m. CT Oct. 2, 2025 Updated 9:47 a.m. CT Oct. 2, 2025',
    ];
    expect(extractArticle(page(newsPage({ paragraphs: noisy as string[] }))).paragraphs).toEqual(story);
  });

  it('drops a readers\' support box set inside the story by its class, whatever its sentences say', () => {
    const box = `<div class="article--support-box"><h3>Keep us going</h3><p>You have read 3 articles this month. We believe everyone deserves to understand the news that shapes their lives.</p><p>We accept credit card and bank transfer.</p></div>`;
    expect(extractArticle(page(newsPage({ paragraphs: story, extra: box }))).paragraphs).toEqual(story);
  });

  it('keeps an article sentence that only mentions a newsletter, a photo or Reuters', () => {
    const sentences = [
      ...story,
      'The operator said it would post updates in its weekly newsletter and on a photo board at the terminal, as reported by Reuters.',
    ];
    expect(extractArticle(page(newsPage({ paragraphs: sentences }))).paragraphs).toEqual(sentences);
  });

  it('finds the story beside a side rail of teasers longer than the story itself', () => {
    const rail = Array.from({ length: 300 }, (_, number) => `<div class="card"><a href="/s/${number}"><h4>Story ${number} headline</h4></a><p>Teaser ${number} for a story elsewhere on the site.</p></div>`).join('');
    const html = newsPage({ paragraphs: story }).replace('<footer>', `<aside class="rail">${rail}</aside><footer>`);
    expect(extractArticle(page(html)).paragraphs).toEqual(story);
  });

  it('reads byline, publisher, date and canonical URL from JSON-LD and meta tags, and keeps the shown headline that agrees with the declared one', () => {
    const head = `<meta property="og:site_name" content="Bay Times">
<link rel="canonical" href="/2025/06/12/ferry-resumes">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Bay Times"},
{"@type":["NewsArticle"],"headline":"Ferry service resumes after three days","datePublished":"2025-06-12T07:30:00-07:00",
"author":[{"@type":"Person","name":"By Ana Ruiz"},{"@type":"Person","name":"Tom Lee"}],"publisher":{"name":"Bay Times Media"}}]}</script>`;
    const article = extractArticle(page(newsPage({ head, paragraphs: story }), { url: 'https://www.baytimes.example/news/ferry?utm_source=x' }));
    expect(article).toMatchObject({
      title: 'Ferry service resumes after storm',
      byline: 'Ana Ruiz and Tom Lee',
      publisher: 'Bay Times',
      date: '2025-06-12',
      url: 'https://www.baytimes.example/2025/06/12/ferry-resumes',
    });
  });

  it('falls back to <title> without the site suffix, meta author, and the site that <title> names after the headline', () => {
    const article = extractArticle(page(newsPage({ head: '<meta name="author" content="By Kim Park">', paragraphs: story }), { url: 'https://www.baytimes.example/a' }));
    expect(article).toMatchObject({ title: 'Ferry service resumes after storm', byline: 'Kim Park', publisher: 'Bay Times', date: null, url: 'https://www.baytimes.example/a' });
  });

  it('names the host without www as publisher when the page names no site at all', () => {
    const bare = newsPage({ paragraphs: story }).replace(' | Bay Times</title>', '</title>').replace('© 2025 Bay Times. All rights reserved.', '');
    expect(extractArticle(page(bare, { url: 'https://www.baytimes.example/a' })).publisher).toBe('baytimes.example');
  });

  it('names the copyright holder as publisher when only the footer names the site', () => {
    const footerOnly = newsPage({ paragraphs: story }).replace(' | Bay Times</title>', '</title>');
    expect(extractArticle(page(footerOnly, { url: 'https://www.baytimes.example/a' })).publisher).toBe('Bay Times');
  });

  it('ignores a canonical link that is not http(s)', () => {
    const article = extractArticle(page(newsPage({ head: '<link rel="canonical" href="javascript:alert(1)">', paragraphs: story })));
    expect(article.url).toBe('https://news.example/story');
  });

  it('refuses a page with too little text, a log-in wall and a list of teasers as NO_ARTICLE_IN_PAGE', async () => {
    await expectNoArticle(() => extractArticle(page('<html><body><h1>Page not found</h1><p>Sorry, we could not find that page.</p></body></html>')));
    const wall = newsPage({ paragraphs: [story[0] ?? '', 'Subscribe to continue reading. Already a subscriber? Log in.'] });
    await expectNoArticle(() => extractArticle(page(wall)));
    await expectNoArticle(async () => extractArticle(page(await readFile(join(pages, 'index-page-local-news.html')))));
  });

  it('keeps a short news brief on a site whose masthead has Log in and Subscribe links', () => {
    const brief = story.slice(0, 2);
    const html = newsPage({ paragraphs: brief }).replace('<nav>', '<nav><a href="/login">Log in</a> <a href="/subscribe">Subscribe</a>');
    expect(extractArticle(page(html)).paragraphs).toEqual(brief);
  });
});

describe('decoding a page', () => {
  const text = 'Café owners said the “€2 fee” was fair — and Zoë agreed.';
  const paragraphs = [text, ...story];

  it('reads windows-1252 declared in a <meta http-equiv> (curly quotes, €, dashes in 0x80–0x9F)', () => {
    const html = newsPage({ paragraphs }).replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">');
    expect(extractArticle(page(iconv.encode(html, 'windows-1252'))).paragraphs[0]).toBe(text);
  });

  it('reads a page the server calls ISO-8859-1 the way browsers do, as windows-1252', () => {
    const html = newsPage({ paragraphs }).replace('<meta charset="utf-8">', '');
    expect(extractArticle(page(iconv.encode(html, 'windows-1252'), { charset: 'iso-8859-1' })).paragraphs[0]).toBe(text);
  });

  it('trusts the Content-Type charset over a <meta>, and a byte-order mark over both', () => {
    const html = newsPage({ paragraphs }).replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">');
    expect(extractArticle(page(Buffer.from(html), { charset: 'utf-8' })).paragraphs[0]).toBe(text);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]);
    expect(extractArticle(page(withBom, { charset: 'windows-1252' })).paragraphs[0]).toBe(text);
  });

  it('reads an undeclared page whose bytes are not UTF-8 as windows-1252', () => {
    const html = newsPage({ paragraphs }).replace('<meta charset="utf-8">', '');
    expect(extractArticle(page(iconv.encode(html, 'windows-1252'))).paragraphs[0]).toBe(text);
  });

  it('reads UTF-8 when nothing says otherwise, and ignores an unknown label', () => {
    const html = newsPage({ paragraphs }).replace('<meta charset="utf-8">', '<meta charset="x-made-up">');
    expect(extractArticle(page(Buffer.from(html))).paragraphs[0]).toBe(text);
  });
});

describe('a wire agency named as the author', () => {
  it('saves no byline when the only author given is the agency', () => {
    const lines = [
      'Two nuclear reactors in western Japan will restart this winter after passing safety checks, their operator said Monday, as the government pushes to cut reliance on imported fuel.',
      'Kansai Electric Power Co. said the No. 1 and No. 2 units at its Mihama plant in Fukui Prefecture would resume operations in January and February.',
    ];
    const html = `<html><head><title>Reactors to restart | The Edo Times</title><meta property="og:site_name" content="The Edo Times"><meta name="author" content="Kyodo"></head><body><article><h1>Reactors to restart</h1>${lines.map((line) => `<p>${line}</p>`).join('')}</article></body></html>`;
    const url = 'https://www.edotimes.example/news/reactors';
    expect(extractArticle({ requestedUrl: url, url, contentType: 'text/html', charset: 'utf-8', body: Buffer.from(html) }).byline).toBeNull();
  });
});
