import type { DomDocument, DomElement } from './dom.js';

/**
 * Marks the parts of a page around and inside the article that are not its text: the standfirst
 * under the headline, photo captions and credits, donation / newsletter / author-bio boxes, and
 * boxes built around a form. The marks are made on the page as served, because the markup that
 * gives them away (class names, `<header>`, `<form>`) is what Readability strips; it keeps other
 * attributes, so `articleParagraphs` sees the mark on the content it returns.
 */
export const furnitureAttribute = 'data-verbatim-furniture';

/**
 * Marks the element the page declares as the story's body (`itemprop="articleBody"`, or its one
 * `<article>`), on it and everything inside, so that `articleParagraphs` can tell what Readability
 * kept beside it (a guest book, a sources box, a rating box above the headline) from the story.
 */
export const bodyAttribute = 'data-verbatim-body';

/**
 * Class-name words, as sites spell them in BEM, kebab, snake or camel case: `article__dek`,
 * `c-standfirst`, `wp-caption-text`, `AuthorBio`, `newspack-donate-block`. Whole words only, so
 * `shareable` or `descriptive` do not match.
 */
const standfirstWords = new Set(['dek', 'deck', 'desc', 'synopsis', 'standfirst', 'subtitle', 'subheadline', 'subhed', 'strapline', 'summary', 'excerpt', 'bajada', 'sumario', 'entradilla', 'chapo', 'chapeau']);
const captionWords = new Set(['caption', 'captions', 'credit', 'credits', 'figcaption']);
const boxWords = new Set(['player', 'guestbook', 'whatsapp', 'telegram', 'affiliate', 'affiliates', 'commerce', 'donate', 'donation', 'donations', 'contribution', 'contributions', 'newsletter', 'newsletters', 'signup', 'paywall', 'membership', 'subscribe', 'subscription', 'bio', 'biography', 'recirculation', 'recirc', 'related', 'pullquote', 'tweet', 'instagram', 'tiktok', 'bluesky', 'mastodon', 'factbox', 'comments', 'reactions', 'discussion', 'promo', 'promotion', 'disclaimer', 'gallery', 'slideshow', 'carousel', 'takeaways', 'highlights', 'sponsor', 'sponsored', 'republish', 'republication', 'chart', 'infographic', 'datawrapper', 'flourish', 'odds', 'betting', 'sportsbook', 'poll']);
const boxPairs = new Set(['author bio', 'author box', 'about author', 'author info', 'author card', 'contributor bio', 'sign up', 'read more', 'more stories', 'related stories', 'related articles', 'related content', 'end of story', 'pull quote', 'author details', 'key points', 'key takeaways', 'support box', 'support us', 'social embed', 'fact box']);

/**
 * Component frameworks name their parts in data attributes rather than classes
 * (`data-component="KeyPoints"`, `data-gu-name="standfirst"`, `data-testid="article-summary"`):
 * their values are read as class words too.
 */
const namingAttributes = ['class', 'id', 'data-component', 'data-testid', 'data-qa', 'data-gu-name', 'data-module'];
const namedElements = namingAttributes.map((name) => `[${name}]`).join(', ');

/** A standfirst is a sentence or two; an element this long holds more than one. */
const maxStandfirstWords = 70;
/** A caption or a box is short; a marked element longer than this is likely the article's wrapper. */
const maxBoxWords = 150;
/** A box around a form (donate, sign up) says a few lines; the article around it says far more. */
const maxFormBoxWords = 100;

export function markFurniture(document: DomDocument): void {
  const body = document.body;
  if (!body) return;
  const afterStoryBegan = storyStarts(body);
  const storyProseWords = proseWordsIn(body);
  const storyClasses = classesOfTheStory(body, storyProseWords);
  for (const element of body.querySelectorAll(namedElements)) {
    // `<p class="paywall">` on every paragraph: the class says how the story is sold, not that it is a box.
    if (storyClasses.has(element.getAttribute('class') ?? '')) continue;
    const words = classWords(namingAttributes.map((name) => element.getAttribute(name) ?? '').join(' '));
    if (words.length === 0) continue;
    const has = (set: Set<string>) => words.some((word) => set.has(word)) || pairs(words).some((pair) => set.has(pair));
    const size = wordCount(element);
    // `<h2 class="ArticleBody-subtitle">` among the story's paragraphs is a subheading, not a standfirst.
    if (has(standfirstWords) && size <= maxStandfirstWords && !holdsArticle(element) && !afterStoryBegan(element)) mark(element, 'standfirst');
    else if (has(captionWords) && size <= maxBoxWords && !holdsArticle(element)) mark(element, 'caption');
    else if ((has(boxWords) || pairs(words).some((pair) => boxPairs.has(pair))) && size <= maxBoxWords && !holdsArticle(element)) mark(element, 'box');
    // A reader-funding appeal ("contributions epic") runs to several paragraphs of its own, yet a small share of the page's prose.
    else if (has(appealWords) && proseWordsIn(element) < maxAppealShare * storyProseWords) mark(element, 'appeal');
  }
  for (const header of body.querySelectorAll('article header, main header, [role="main"] header')) {
    // The headline, standfirst, byline and date of the story; the story itself is never in them.
    // A section's own `<header>` around its subheading is not one of them.
    const storyHeader = header.querySelector('h1') !== null || header.querySelector('h2, h3, h4, h5, h6') === null;
    if (storyHeader && wordCount(header) <= maxBoxWords && !holdsArticle(header)) mark(header, 'header');
  }
  for (const form of body.querySelectorAll('form, input[type="email"]')) {
    const box = formBox(form);
    if (box) mark(box, 'form');
  }
  for (const heading of body.querySelectorAll('h1')) markStandfirstAfter(heading);
  for (const image of body.querySelectorAll('p > img:only-child, div > img:only-child')) markCaptionAfter(image.parentElement);
  for (const image of body.querySelectorAll('img')) markInlineCaptionAfter(image);
  for (const table of body.querySelectorAll('table')) {
    if (isLayoutTable(table)) continue;
    const box = tableBox(table);
    if (box) mark(box, 'table');
  }
  for (const element of body.querySelectorAll('span, div')) markPlayerOf(element);
  markDeclaredBody(body);
}

/** Paragraphs sharing one class that hold this share of the page's prose are the story's own. */
const storyClassShare = 0.5;
const minStoryClassParagraphs = 3;

/**
 * The class attributes that most of the page's paragraphs of prose carry (`<p class="paywall">`,
 * `<p class="article-text">`): whatever words they use, the elements bearing them are the story.
 */
function classesOfTheStory(body: DomElement, pageProseWords: number): Set<string> {
  const byClass = new Map<string, DomElement[]>();
  for (const paragraph of proseParagraphs(body)) {
    const name = paragraph.getAttribute('class') ?? '';
    if (name.trim() !== '') byClass.set(name, [...(byClass.get(name) ?? []), paragraph]);
  }
  return new Set(
    [...byClass].filter(([, paragraphs]) => paragraphs.length >= minStoryClassParagraphs && paragraphs.reduce((sum, paragraph) => sum + wordCount(paragraph), 0) >= storyClassShare * pageProseWords).map(([name]) => name),
  );
}

/** Paragraphs of prose a page has shown before an element, for the story to have begun. */
const storyBeganParagraphs = 2;
const proseWords = 12;

/** Whether an element comes after the page's first paragraphs of prose (document order). */
function storyStarts(body: DomElement): (element: DomElement) => boolean {
  const order = new Map([...body.querySelectorAll('*')].map((element, index) => [element, index]));
  // A cookie banner's notice and a photo's caption are prose the story has not begun with.
  const prose = proseParagraphs(body).filter((paragraph) => !besideTheStory(paragraph));
  const began = order.get(prose[storyBeganParagraphs - 1] as DomElement);
  return (element) => began !== undefined && (order.get(element) ?? 0) > began;
}

const besideWords = new Set(['cookie', 'cookies', 'consent', 'gdpr', 'caption', 'figcaption']);

function besideTheStory(paragraph: DomElement): boolean {
  for (let element: DomElement | null = paragraph; element; element = parentElement(element)) {
    if (['FIGURE', 'FIGCAPTION', 'ASIDE', 'NAV', 'FOOTER', 'DIALOG'].includes(element.tagName.toUpperCase())) return true;
    if (classWords(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`).some((word) => besideWords.has(word))) return true;
  }
  return false;
}

/** "0:48", "Duration 2:04", "02:31": a clip's running time. */
const runningTime = /^(?:duration\s*)?\d{1,2}:\d{2}(?::\d{2})?$/iu;
const maxPlayerWords = 40;

/**
 * "<div><div>Moment syndicate finds out they have won</div><span>0:48</span></div>": an element
 * showing nothing but a running time sits in a video or audio player; the player's box (its title,
 * its description) is not the story's text.
 */
function markPlayerOf(element: DomElement): void {
  if (element.children.length > 0 || !runningTime.test((element.textContent ?? '').trim())) return;
  const box = parentElement(element);
  // A paragraph or a heading that opens with a clock ("<p><span>10:02</span> The council…") is a live post's.
  // A player's box names the clip; one that says a sentence ("10:02 The council voted 7-4.") is a live post.
  if (!box || /[.!?]["”’]?(?:\s|$)/u.test(box.textContent ?? '')) return;
  if (['DIV', 'SECTION', 'FIGURE', 'A'].includes(box.tagName.toUpperCase()) && wordCount(box) <= maxPlayerWords && !holdsArticle(box)) mark(box, 'player');
}

/** Words of paragraphs an `<article>` must hold to be the story's, not a teaser card. */
const minBodyWords = 40;

/**
 * The story's body as the markup declares it: every `itemprop="articleBody"` element (a page may
 * split it around an advertisement), or else the page's one `<article>` of prose (outermost; a
 * teaser card inside it is part of it). Several `<article>`s of prose (a live blog's posts, a
 * river of stories) declare no one body.
 */
function markDeclaredBody(body: DomElement): void {
  const declared = [...body.querySelectorAll('[itemprop~="articleBody"]')].filter((element) => paragraphWords(element) >= minBodyWords);
  const articles = [...body.querySelectorAll('article')].filter((article) => parentElement(article)?.closest('article') == null && paragraphWords(article) >= minBodyWords);
  const bodies = declared.length > 0 ? declared : articles.length === 1 ? articles : [];
  for (const element of bodies) {
    for (const inner of [element, ...element.querySelectorAll('*')]) inner.setAttribute(bodyAttribute, '');
  }
}

function paragraphWords(element: DomElement): number {
  return [...element.querySelectorAll('p')].reduce((total, paragraph) => total + wordCount(paragraph), 0);
}

/** A cell this long holds prose: the table lays out the page (old sites), it is not data. */
const maxDataCellWords = 30;

export function isLayoutTable(table: DomElement): boolean {
  return [...table.querySelectorAll('td, th')].some((cell) => wordCount(cell) >= maxDataCellWords);
}

/** Most of a data box's text is its tables: a box score, a results grid, with a heading and notes. */
const minTableShare = 0.5;

/**
 * The largest element around a table that is still mostly table: its heading, caption and notes
 * ("LOB—Lakeport 8. T—3:41.") go with it. The article around a table is mostly prose.
 */
function tableBox(table: DomElement): DomElement | null {
  let box: DomElement | null = null;
  for (let current: DomElement | null = table; current && current.tagName.toUpperCase() !== 'BODY'; current = parentElement(current)) {
    // An old site's layout table holds the story in a cell of prose: a data box never takes that cell in.
    if (current !== table && isLayoutTable(current)) break;
    const tableText = [...current.querySelectorAll('table')].reduce((total, inner) => total + letters(inner), 0) + (current === table ? letters(table) : 0);
    if (holdsArticle(current) || tableText < minTableShare * letters(current)) break;
    box = current;
  }
  return box;
}

function letters(element: DomElement): number {
  return (element.textContent ?? '').replace(/\s+/gu, '').length;
}

/**
 * "<h1>…</h1><p>One-line summary</p><div class=byline>…": a short paragraph between the headline
 * and the byline is the standfirst, whatever its class.
 */
function markStandfirstAfter(headline: DomElement): void {
  // "<div class=headline><h1>…</h1></div><div><p>Standfirst</p></div>": the headline's own wrapper stands for it.
  // A box that ends with the headline (after a kicker, say) stands for it too.
  let top = headline;
  while (top.parentElement && top.parentElement.tagName.toUpperCase() === 'DIV' && top.parentElement.lastElementChild === top) top = top.parentElement;
  const next = nextElement(top);
  if (!next || !['P', 'H2', 'H3', 'DIV'].includes(next.tagName.toUpperCase()) || wordCount(next) > maxStandfirstWords) return;
  const inner = next.tagName.toUpperCase() === 'DIV' && next.children.length === 1 && next.children[0]?.tagName.toUpperCase() === 'P' ? next.children[0] : next;
  if (inner.querySelector('p, div, time, a[rel~="author"]')) return;
  // The lead photo may sit between the standfirst and the byline; a standfirst closing the headline's box
  // is followed by the box after it.
  let after = nextElement(next) ?? (next.parentElement && next.parentElement.tagName.toUpperCase() === 'DIV' ? nextElement(next.parentElement) : null);
  while (after && isMedia(after)) after = nextElement(after);
  if (after && isBylineBox(after)) mark(next, 'standfirst');
}

/** A caption is a sentence or two. */
const maxCaptionWords = 50;

/**
 * "<p><img></p><p style="text-align:center">A train on the new line, Nov. 29. (Agency/Name)</p>":
 * a short line right under a bare image that closes on a photo credit in parentheses is its caption.
 */
function markCaptionAfter(imageBox: DomElement | null): void {
  if (imageBox === null || (imageBox.textContent ?? '').trim() !== '') return;
  const next = nextElement(imageBox);
  if (next === null || !['P', 'DIV', 'SPAN'].includes(next.tagName.toUpperCase()) || wordCount(next) > maxCaptionWords) return;
  if (parenthesisedCredit.test(next.textContent ?? '')) mark(next, 'caption');
}

/** A caption's closing credit in parentheses: "(Agency/Name)", "(Photo: Name)". */
const parenthesisedCredit = /\((?:photo|file photo|credit)?[^()]*\/[^()]*\)\s*$|\((?:photo|file photo|credit)[:\s][^()]*\)\s*$/iu;

/** "… at the Grange hall. Staff photo by Gene Pollard", "Photo: Ana Ruiz/Reuters": a credit written out at a line's end. */
const writtenCredit = /\b(?:staff\s+|file\s+)?photo(?:graph)?s?\s*(?:by|:|courtesy\s+of)\s*\p{Lu}[\p{L}.'’ /-]*\s*$/iu;

/**
 * Old pages set a caption beside its image, not in a box of its own:
 * `<center><img><br><font><i>Caption. Staff photo by X</i></font></center>`.
 */
function markInlineCaptionAfter(image: DomElement): void {
  let next = nextElement(image);
  while (next && next.tagName.toUpperCase() === 'BR') next = nextElement(next);
  if (next === null || !['FONT', 'SPAN', 'I', 'EM', 'SMALL'].includes(next.tagName.toUpperCase()) || wordCount(next) > maxCaptionWords) return;
  const text = next.textContent ?? '';
  if (writtenCredit.test(text) || parenthesisedCredit.test(text)) mark(next, 'caption');
}

/** A figure, or a box holding only a figure or picture. */
function isMedia(element: DomElement): boolean {
  const tag = element.tagName.toUpperCase();
  if (tag === 'FIGURE' || tag === 'PICTURE' || tag === 'IMG') return true;
  return element.children.length === 1 && element.children[0] !== undefined && isMedia(element.children[0]);
}

function isBylineBox(element: DomElement): boolean {
  const bylineMarkup = '[rel~="author"], [itemprop="author"], time, address, [class*="byline"], [class*="Byline"], [class*="author"], [class*="Author"], [class*="date"], [data-gu-name="meta"], [data-component*="yline"]';
  if (wordCount(element) > 30) return false;
  // "From: Department for Transport · Published 29 November 2026": a box that says who and when.
  return matches(element, bylineMarkup) || element.querySelector(bylineMarkup) !== null || /^\s*(?:by|from|published|posted|written by)\b/iu.test(element.textContent ?? '');
}

function matches(element: DomElement, selector: string): boolean {
  return element.closest(selector) === element;
}

/** The largest element around a form that is still only the form's box, or null when the form wraps the page. */
function formBox(form: DomElement): DomElement | null {
  let box: DomElement | null = null;
  for (let current: DomElement | null = form; current && current.tagName.toUpperCase() !== 'BODY'; current = parentElement(current)) {
    if (wordCount(current) > maxFormBoxWords || holdsArticle(current)) break;
    box = current;
  }
  return box;
}

const appealWords = new Set(['donate', 'donation', 'donations', 'contribution', 'contributions', 'membership']);
/** An appeal holds less than this share of the page's prose; the story, more. */
const maxAppealShare = 0.3;

/** The element's paragraphs long enough to be prose, not a label or a link. */
function proseParagraphs(element: DomElement): DomElement[] {
  return [...element.querySelectorAll('p')].filter((paragraph) => wordCount(paragraph) >= proseWords);
}

function proseWordsIn(element: DomElement): number {
  return proseParagraphs(element).reduce((sum, paragraph) => sum + wordCount(paragraph), 0);
}

/** Several paragraphs of prose: the element is (or wraps) the story, not furniture of it. */
function holdsArticle(element: DomElement): boolean {
  return proseParagraphs(element).length >= 3;
}

/**
 * Readability rebuilds some elements (a `<div>` of bare text becomes a new `<p>` without the div's
 * attributes), so the mark goes on every element inside too, and bare text is wrapped in a marked
 * `<span>`: whatever Readability keeps of the box still says it is one.
 */
function mark(element: DomElement, reason: string): void {
  if (element.closest('body') === null || element.getAttribute(furnitureAttribute) !== null) return;
  for (const inner of [element, ...element.querySelectorAll('*')]) {
    if (inner.getAttribute(furnitureAttribute) === null) inner.setAttribute(furnitureAttribute, reason);
    for (const node of [...inner.childNodes]) {
      if (node.nodeType !== textNodeType || (node.textContent ?? '').trim() === '') continue;
      const wrapper = inner.ownerDocument.createElement('span');
      wrapper.setAttribute(furnitureAttribute, reason);
      inner.replaceChild(wrapper, node);
      wrapper.appendChild(node);
    }
  }
}

const textNodeType = 3;

function classWords(classes: string): string[] {
  return classes
    .split(/\s+/u)
    .flatMap((name) => name.replace(/([a-z])([A-Z])/gu, '$1 $2').split(/[\s_-]+/u))
    .map((word) => word.toLowerCase())
    .filter(Boolean);
}

function pairs(words: readonly string[]): string[] {
  return words.slice(1).map((word, index) => `${words[index] ?? ''} ${word}`);
}

function wordCount(element: DomElement): number {
  return (element.textContent ?? '').split(/\s+/u).filter(Boolean).length;
}

function nextElement(element: DomElement): DomElement | null {
  return element.nextElementSibling;
}

function parentElement(element: DomElement): DomElement | null {
  return element.parentElement;
}
