import { isBoilerplate } from './boilerplate.js';
import type { DomElement } from './dom.js';

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

/** The article's paragraphs from the content element Readability chose, boilerplate removed. */
export function articleParagraphs(content: DomElement, { title = '' }: { title?: string } = {}): string[] {
  const paragraphs: string[] = [];
  const seen = new Set<string>();
  for (const block of paragraphBlocks(content)) {
    const text = collapse(block.textContent ?? '');
    if (text === '' || seen.has(text) || isBoilerplate(text)) continue;
    if (linkShare(block, text) > maxLinkShare) continue;
    if (title !== '' && collapse(title) === text) continue;
    seen.add(text);
    paragraphs.push(text);
  }
  return paragraphs;
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
  return [...element.childNodes].some((node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '');
}

function linkShare(block: DomElement, text: string): number {
  const linked = [...block.querySelectorAll('a')].reduce((total, link) => total + collapse(link.textContent ?? '').length, 0);
  return text.length === 0 ? 0 : linked / text.length;
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/gu, ' ').trim();
}
