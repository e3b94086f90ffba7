import { isBoilerplate } from './boilerplate.js';
import type { DomElement, DomNode } from './dom.js';

/**
 * Elements whose text is one paragraph of the article. Headings are left out on purpose: a
 * subheading ("What happens next") is a signpost, not a sentence anyone can be quoted as saying,
 * and as a line of its own it would be cited as if it were one.
 */
const paragraphTags = new Set(['P', 'LI', 'BLOCKQUOTE', 'PRE', 'DD', 'DT']);
/** Never article prose, even inside the content Readability kept. */
const skippedTags = new Set(['FIGURE', 'FIGCAPTION', 'ASIDE', 'NAV', 'HEADER', 'FOOTER', 'FORM', 'BUTTON', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TABLE', 'SVG', 'IFRAME', 'SELECT', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** A block that is mostly link text is a list of teasers or a tag cloud. */
const maxLinkShare = 0.6;
const maxDateLineWords = 10;
const textNode = 3;
const minTeasers = 3;
/** A heading with a link inside, or a link around a heading. */
const teaserLinks = ['h1', 'h2', 'h3', 'h4', 'h5'].flatMap((heading) => [`${heading} a[href]`, `a[href] ${heading}`]).join(', ');

/** The article's paragraphs from the content element Readability chose, boilerplate, headline and byline removed. */
export function articleParagraphs(content: DomElement, { title = '', byline = '' }: { title?: string; byline?: string } = {}): string[] {
  const furniture = new Set([collapse(title), collapse(byline)].filter(Boolean));
  const paragraphs: string[] = [];
  const seen = new Set<string>();
  for (const block of paragraphBlocks(content)) {
    const text = collapse(textOf(block));
    if (text === '' || seen.has(text) || isBoilerplate(text)) continue;
    if (linkShare(block, text) > maxLinkShare || isDateLine(block, text)) continue;
    if (furniture.has(text)) continue;
    seen.add(text);
    paragraphs.push(text);
  }
  return paragraphs;
}

/**
 * A section front or search page: its "content" is teasers, each under a heading that links to
 * another page. An article's own subheadings link nowhere, or to an anchor on the page.
 */
export function isListOfTeasers(content: DomElement, paragraphCount: number): boolean {
  const linkedHeadings = [...content.querySelectorAll(teaserLinks)].filter((match) => {
    const link = match.tagName.toUpperCase() === 'A' ? match : match.closest('a');
    return !(link?.getAttribute('href') ?? '').trim().startsWith('#');
  }).length;
  return linkedHeadings >= minTeasers && linkedHeadings * 3 >= paragraphCount;
}

/** Leaf text blocks in document order: a paragraph tag without paragraphs inside, or a `<div>` of bare text. */
function paragraphBlocks(root: DomElement): DomElement[] {
  const blocks: DomElement[] = [];
  const visit = (element: DomElement) => {
    if (skippedTags.has(element.tagName.toUpperCase())) return;
    const children = [...element.children];
    const hasBlockInside = children.some((child) => containsBlock(child));
    if (!hasBlockInside && (paragraphTags.has(element.tagName.toUpperCase()) || hasOwnText(element))) {
      blocks.push(element);
      return;
    }
    for (const child of children) visit(child);
  };
  visit(root);
  return blocks;
}

function containsBlock(element: DomElement): boolean {
  const tag = element.tagName.toUpperCase();
  if (paragraphTags.has(tag) || tag === 'DIV' || tag === 'SECTION' || tag === 'ARTICLE' || tag === 'UL' || tag === 'OL') return true;
  return [...element.children].some(containsBlock);
}

function hasOwnText(element: DomElement): boolean {
  return [...element.childNodes].some((node) => node.nodeType === textNode && (node.textContent ?? '').trim() !== '');
}

/** "Pinned 11:58 p.m.", "Oct. 2, 2025 · Ana Ruiz": a live-blog entry's or a story's stamp, marked up with `<time>`. */
function isDateLine(block: DomElement, text: string): boolean {
  return text.split(' ').length <= maxDateLineWords && block.querySelector('time') !== null;
}

function linkShare(block: DomElement, text: string): number {
  const linked = [...block.querySelectorAll('a')].reduce((total, link) => total + collapse(link.textContent ?? '').length, 0);
  return text.length === 0 ? 0 : linked / text.length;
}

/** Text with a space for each `<br>`, which `textContent` drops ("By Ana Ruiz<br>Published …"). */
function textOf(node: DomNode): string {
  if (node.nodeType === textNode) return node.textContent ?? '';
  const element = node as DomElement;
  if (element.tagName?.toUpperCase() === 'BR') return ' ';
  if (!element.childNodes) return node.textContent ?? '';
  return [...element.childNodes].map(textOf).join('');
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/gu, ' ').trim();
}
