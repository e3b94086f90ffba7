import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { VerbatimError } from '../core/errors.js';
import { articleParagraphs, bylineInContent, isListOfTeasers, type ArticleText } from './article-paragraphs.js';
import { isBoilerplate } from './boilerplate.js';
import { decodePage } from './decode-page.js';
import { keepDropCaps } from './drop-caps.js';
import { markFurniture } from './page-furniture.js';
import type { DomDocument, DomElement } from './dom.js';
import type { ExtractedArticle, FetchedPage } from './page.js';
import { readPageMetadata, withoutSiteSuffix } from './page-metadata.js';
import { isAgency, personName } from './person-names.js';

/** Fewer words than this is a stub (404, log-in wall, teaser, index page), not an article. */
const minArticleWords = 40;
/**
 * A short text on a page that asks the reader to subscribe or log in to read on is a paywall's
 * teaser. The prompt must say so: a "Log in" or "Subscribe" link in the masthead is on every page.
 */
const paywallWords = 150;
/** A page with no title at all is named by the start of its first paragraph. */
const titleWords = 12;
const paywallPrompt =
  /\b(?:subscribe|sign in|log ?in|register|create (?:a |your )?(?:free )?account) (?:now )?to (?:continue|keep) reading\b|\bto continue reading\b|\balready (?:a subscriber|have an account|subscribed)\b|\b(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to) (?:subscribers|members)\b|\bsubscribers? only\b|\bsubscriber[- ]exclusive\b/iu;

/** The article in a fetched page: main text as paragraphs and its metadata. Pure: no network. */
export function extractArticle(page: FetchedPage): ExtractedArticle {
  const html = decodePage(page);
  const document = parseHTML(html).document as unknown as DomDocument;
  if (!document.documentElement) throw new VerbatimError('NO_ARTICLE_IN_PAGE');
  // Readability rewrites the DOM it reads, so the markup's own metadata is read first.
  const metadata = readPageMetadata(document, page.url);
  const pageText = collapse(document.body?.textContent ?? '');
  removeSurroundings(document);
  keepDropCaps(document);
  markFurniture(document);
  keepSubheadings(document);
  removeScreenReaderNotes(document);
  const parsed = readability(document);
  const title = metadata.title ?? (parsed?.title ? withoutSiteSuffix(collapse(parsed.title), metadata.publisher, { guessShortTail: true }) : null);
  const publisher = metadata.publisher ?? (collapse(parsed?.siteName ?? '') || null);
  const found = metadata.byline ?? personName(parsed?.byline) ?? (parsed?.content ? personName(bylineInContent(parsed.content)) : null);
  // "Northgate News" as the author of Northgate News's page, "Kyodo" on a paper's copy of the wire: a newsroom, no person.
  const byline = found !== null && ((publisher !== null && found.toLowerCase() === publisher.toLowerCase()) || isAgency(found)) ? null : found;
  const shown = parsed?.content
    ? articleParagraphs(parsed.content, { title: title ?? '', byline: byline ?? '', publisher: publisher ?? '' })
    : { paragraphs: [], headings: [] };
  const { paragraphs, headings } = declaredBodyInstead(shown, metadata.articleBody) ?? shown;
  if (metadata.declaredNotArticle || isStub({ paragraphs, pageText }) || (parsed?.content && isListOfTeasers(parsed.content, paragraphs.length))) {
    throw new VerbatimError('NO_ARTICLE_IN_PAGE');
  }
  const url = metadata.canonicalUrl ?? page.url;
  return {
    title: title ?? firstWords(paragraphs[0] ?? url),
    byline,
    publisher: publisher ?? hostName(url),
    date: metadata.date,
    url,
    paragraphs,
    headings,
  };
}

/**
 * Side rails, navigation and page footers never hold the story, but a long rail of teasers can
 * outweigh it in Readability's scoring; they go before it reads the page.
 */
const surroundings = [
  'aside, nav, footer, [role="complementary"], [role="navigation"], [role="contentinfo"]',
  // AMP's embeds and galleries: another site's post or a run of captions, never the story's text.
  'amp-twitter, amp-instagram, amp-facebook, amp-tiktok, amp-reddit, amp-youtube, amp-vimeo, amp-iframe, amp-embedly-card, amp-carousel, amp-social-share, amp-ad, amp-sticky-ad',
].join(', ');

function removeSurroundings(document: DomDocument): void {
  for (const element of [...document.querySelectorAll(surroundings)]) element.remove();
}

/**
 * Readability drops an element whose class or id looks like a header, a widget or a share bar
 * (`<h2 class="header-anchor-post">`, `<h3 id="share-heading">`): on a subheading that names its
 * style (an anchor link beside it), not what it holds. A subheading's class and id go before
 * Readability reads the page; furniture is already marked, and a box's heading is dropped later by
 * its words ("Related stories") or because it heads no prose.
 */
function keepSubheadings(document: DomDocument): void {
  // A live post's or a section's own `<header class="post__header">` around its heading goes the same way.
  const sectionHeaders = [...document.querySelectorAll('article header, main header, [role="main"] header, section header')].filter((header) => header.querySelector('h1') === null && header.querySelector('h2, h3, h4, h5, h6') !== null);
  for (const element of [...document.querySelectorAll('h2, h3, h4, h5, h6'), ...sectionHeaders]) {
    element.removeAttribute('class');
    element.removeAttribute('id');
  }
}

/** The classes sites give text that only a screen reader speaks. */
const screenReaderOnly = ['visually-hidden', 'sr-only', 'screen-reader-text', 'screen-reader-only', 'visuallyhidden', 'a11y-hidden', 'u-visually-hidden'].map((name) => `a[href] .${name}`).join(', ');

/**
 * "said in a <a>statement<span class="visually-hidden">, opens new tab</span></a>": what a link
 * says to a screen reader about itself is not the sentence it sits in.
 */
function removeScreenReaderNotes(document: DomDocument): void {
  for (const element of [...document.querySelectorAll(screenReaderOnly)]) element.remove();
}

function readability(document: DomDocument) {
  try {
    // The content comes back as the element itself (not serialised HTML to parse a second time).
    return new Readability<DomElement>(document, { serializer: (node: unknown) => node as DomElement }).parse();
  } catch (error) {
    // Markup odd enough to break Readability holds no article it could find.
    throw new VerbatimError('NO_ARTICLE_IN_PAGE', undefined, { cause: error });
  }
}

/** The declared text must be this much longer than the shown one to be taken instead. */
const declaredBodyShare = 1.5;

/**
 * A page rendered by scripts shows a teaser and a paywall in its HTML, while its JSON-LD
 * `articleBody` holds the whole story. The declared text is taken when it is much longer and
 * starts the way the shown one does (so another story's body, or a summary, is never taken);
 * one paragraph a line, the same furniture lines left out.
 */
function declaredBodyInstead(shown: ArticleText, articleBody: string | null): ArticleText | null {
  if (articleBody === null) return null;
  const declared = articleBody.split(/\n+/u).map(collapse).filter((line) => line !== '' && !isBoilerplate(line));
  if (wordsIn(declared) < minArticleWords || wordsIn(declared) < declaredBodyShare * wordsIn(shown.paragraphs)) return null;
  const opening = shown.paragraphs[0];
  if (opening !== undefined && !collapse(declared.join(' ')).includes(opening)) return null;
  return { paragraphs: declared, headings: [] };
}

/** Too little text to be an article: an error or log-in page, or a paywall's teaser. */
function isStub({ paragraphs, pageText }: { paragraphs: readonly string[]; pageText: string }): boolean {
  const words = wordsIn(paragraphs);
  if (words < minArticleWords) return true;
  return words < paywallWords && paragraphs.length < 4 && paywallPrompt.test(pageText);
}

/** The host without `www.`; a saved file has none, and its publisher is then not known. */
function hostName(url: string): string {
  return new URL(url).hostname.replace(/^www\./u, '') || 'Unknown publisher';
}

function wordsIn(lines: readonly string[]): number {
  return lines.join(' ').split(' ').filter(Boolean).length;
}

function firstWords(text: string): string {
  const words = text.split(' ');
  return words.length <= titleWords ? text : `${words.slice(0, titleWords).join(' ')}…`;
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
