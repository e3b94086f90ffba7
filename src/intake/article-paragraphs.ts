import { isBoilerplate, isBylineLine, isCreditLine, isDateText, isHeadingLabel, isOutletReporterLine } from './boilerplate.js';
import type { DomElement, DomNode } from './dom.js';
import { bodyAttribute, furnitureAttribute, isLayoutTable } from './page-furniture.js';

/**
 * Elements whose text is one paragraph of the article. Subheadings (H2–H6) are kept as paragraphs
 * of their own: they are the article's words, and a reader quoting "What happens next" expects to
 * find it; the headings are listed apart so that later stages can tell them from sentences.
 */
const paragraphTags = new Set(['P', 'LI', 'BLOCKQUOTE', 'PRE', 'DD', 'DT']);
const headingTags = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);
/** A bold line ranks below every marked-up heading. */
const boldHeadingLevel = 7;
/** A furniture mark on an element with this share of the chosen content is a misread class name. */
const mostOfContent = 0.5;
/** A paragraph whose text is nearly all marked pieces is the box's. */
const markedShare = 0.9;
/** Never article prose, even inside the content Readability kept. */
const skippedTags = new Set(['FIGURE', 'FIGCAPTION', 'ASIDE', 'NAV', 'HEADER', 'FOOTER', 'FORM', 'BUTTON', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TABLE', 'SVG', 'IFRAME', 'SELECT', 'H1']);
/** A block that is mostly link text is a list of teasers or a tag cloud. */
const maxLinkShare = 0.6;
const maxDateLineWords = 10;
/** A subheading is a phrase or a question; a longer "heading" is a styled paragraph or a teaser. */
const maxHeadingWords = 20;
/** "Reiss covers the Ohio Valley for MPW News": an author's tagline is one short sentence, at the end. */
const maxTaglineWords = 50;
const taglineTail = 2;
const textNode = 3;
const minTeasers = 3;
/** A heading with a link inside, or a link around a heading. */
const teaserLinks = ['h1', 'h2', 'h3', 'h4', 'h5'].flatMap((heading) => [`${heading} a[href]`, `a[href] ${heading}`]).join(', ');

/** The article's text: paragraphs in order, and which of them (0-based) are subheadings. */
export interface ArticleText {
  paragraphs: string[];
  headings: number[];
}

interface Furniture {
  title?: string;
  byline?: string;
  publisher?: string;
}

interface Block {
  text: string;
  /** Heading level 2–6; 0 for a paragraph. */
  level: number;
  /** Set all in italics: how a closing author bio is usually set apart. */
  italic: boolean;
  /** A heading the page sets right before a paragraph of prose: a section's, even the first one. */
  opensSection: boolean;
  /** An item of a list (`<li>`): a point of a summary box when it comes before the story's prose. */
  listItem: boolean;
}

/** The article's paragraphs from the content element Readability chose, boilerplate, headline and byline removed. */
export function articleParagraphs(content: DomElement, { title = '', byline = '', publisher = '' }: Furniture = {}): ArticleText {
  const furniture = new Set([collapse(title), collapse(byline)].filter(Boolean));
  const names = bylineNames(byline);
  const blocks: Block[] = [];
  const seen = new Set<string>();
  const contentSize = letters(content);
  for (const piece of withinDeclaredBody(paragraphBlocks(content))) {
    const { element } = piece;
    const text = collapse(piece.text);
    if (text === '' || seen.has(text) || furniture.has(text) || isInFurniture(element, contentSize)) continue;
    const level = piece.run ? 0 : headingTags.has(element.tagName.toUpperCase()) ? Number(element.tagName.slice(1)) : isBoldLine(element, text) ? boldHeadingLevel : 0;
    if (isBylineLine(text, names) || isOutletReporterLine(text, publisher) || isCreditLine(text, publisher, { nameForOutlet: level === 0 })) continue;
    if (level > 0 ? !isSubheading(element, text) : isBoilerplate(text) || piece.linkedLetters / text.length > maxLinkShare || isDateLine(piece, text)) continue;
    seen.add(text);
    blocks.push({ text, level, italic: !piece.run && isAllOf(element, ['EM', 'I']), opensSection: level > 0 && opensSection(element), listItem: !piece.run && element.closest('li') !== null });
  }
  const kept = withoutClosingNotes(withoutAuthorTagline(withoutStrayHeadings(withoutLeadingSummary(withoutPullQuotes(blocks))), names, publisher));
  return {
    paragraphs: kept.map((block) => block.text),
    headings: kept.flatMap((block, index) => (block.level > 0 ? [index] : [])),
  };
}

/** The declared body must hold this share of the text Readability chose to stand for the story. */
const minDeclaredBodyShare = 0.5;

/**
 * Readability often takes the body's wrapper, and with it what the page sets beside the body: a
 * fact-check's rating box and sources list, an obituary's guest book, a box of services. When the
 * page declares its body (`itemprop="articleBody"`, its one `<article>`) and that body holds most of
 * the chosen text, the pieces outside it are not the story.
 */
function withinDeclaredBody(pieces: readonly Piece[]): readonly Piece[] {
  const inBody = (piece: Piece) => piece.element.closest(`[${bodyAttribute}]`) !== null;
  const size = (list: readonly Piece[]) => list.reduce((total, piece) => total + collapse(piece.text).length, 0);
  const body = pieces.filter(inBody);
  return body.length > 0 && body.length < pieces.length && size(body) >= minDeclaredBodyShare * size(pieces) ? body : pieces;
}

/**
 * Inside an element marked as furniture on the page as served. A mark on an element holding most of
 * what Readability chose is wrong (a wrapper whose class happens to say "related" or "summary"):
 * Readability found the story there, so it is not ignored for a class name.
 */
function isInFurniture(element: DomElement, contentSize: number): boolean {
  let marked = element.closest(`[${furnitureAttribute}]`);
  // The mark is on every element of a box: its size is the outermost one's.
  while (marked?.parentElement?.getAttribute(furnitureAttribute) != null) marked = marked.parentElement;
  if (marked !== null) return letters(marked) < mostOfContent * contentSize;
  // A paragraph Readability made around the box's marked pieces.
  const size = letters(element);
  const markedSize = [...element.querySelectorAll(`[${furnitureAttribute}]`)]
    .filter((inner) => inner.parentElement?.closest(`[${furnitureAttribute}]`) === null || inner.parentElement === null)
    .reduce((total, inner) => total + letters(inner), 0);
  return size > 0 && markedSize >= markedShare * size && markedSize < mostOfContent * contentSize;
}

function letters(element: DomElement): number {
  return (element.textContent ?? '').replace(/\s+/gu, '').length;
}

/**
 * "<p><strong>What happens next</strong></p>": a paragraph that is all bold and reads like a
 * phrase is a subheading typed in an editor without heading styles.
 */
function isBoldLine(element: DomElement, text: string): boolean {
  if (element.tagName.toUpperCase() !== 'P' || text.split(' ').length > maxHeadingWords || /[.,;:]$/u.test(text)) return false;
  return isAllOf(element, ['STRONG', 'B']);
}

/** A paragraph whose only content is one element of these tags (`<p><em>…</em></p>`). */
function isAllOf(element: DomElement, tags: readonly string[]): boolean {
  const children = [...element.childNodes].filter((node) => node.nodeType !== textNode || (node.textContent ?? '').trim() !== '');
  const only = children[0] as DomElement | undefined;
  return children.length === 1 && only !== undefined && only.nodeType !== textNode && tags.includes(only.tagName.toUpperCase());
}

/** A heading that links elsewhere is a teaser; one that labels a box ("Related", "Comments") is not the story's. */
function isSubheading(heading: DomElement, text: string): boolean {
  if (text.split(' ').length > maxHeadingWords || isHeadingLabel(text) || isBoilerplate(text, { label: false })) return false;
  const link = heading.querySelector('a[href]') ?? heading.closest('a[href]');
  return link === null || (link.getAttribute('href') ?? '').trim().startsWith('#');
}

/** Words of the paragraph after a section's heading: prose, not a byline or a headline. */
const sectionProseWords = 8;

/**
 * "<h2>The closure</h2><p>The bridge will…": the heading's next element (or its section header's)
 * is a paragraph of prose. A kicker is followed by the headline, a standfirst by the byline.
 */
function opensSection(heading: DomElement): boolean {
  const wrapper = heading.parentElement !== null && isSectionHeader(heading.parentElement) ? heading.parentElement : heading;
  let next = wrapper.nextElementSibling;
  // "<header><h2>…</h2></header><div class="post__content"><p>…": the post's body box opens with the paragraph.
  while (next !== null && next.tagName.toUpperCase() === 'DIV' && next.children[0] !== undefined) next = next.children[0];
  return next !== null && next.tagName.toUpperCase() === 'P' && collapse(textOf(next)).split(' ').length >= sectionProseWords;
}

/**
 * A subheading heads prose. One before the first paragraph is the page's kicker or standfirst,
 * unless the page sets it right before a paragraph (a first section's heading);
 * one followed by nothing, or by a heading of its own rank or above, heads a box whose content went
 * (a "More stories" list, a comment thread).
 */
function withoutStrayHeadings(blocks: readonly Block[]): Block[] {
  const kept: Block[] = [];
  let prose = false;
  blocks.forEach((block, index) => {
    if (block.level === 0) {
      prose = true;
      kept.push(block);
      return;
    }
    if ((prose || block.opensSection) && headsProse(blocks, index)) kept.push(block);
  });
  return kept;
}

/** A pull quote is a phrase or two lifted from the story: this many words at least, so a short line is not taken for one. */
const minPullQuoteWords = 6;

/**
 * "“If we do our jobs right, nobody knows we were here.”" set large between paragraphs: a pull
 * quote repeats words of another paragraph of the story; the story says them once.
 */
function withoutPullQuotes(blocks: readonly Block[]): Block[] {
  const plain = (text: string) => text.toLowerCase().replace(/[“”"‘’'«»…]|\.\.\./gu, '').replace(/\s+/gu, ' ').replace(/[.,;:!?]+$/u, '').trim();
  const texts = blocks.map((block) => plain(block.text));
  return blocks.filter((block, index) => {
    const text = texts[index] ?? '';
    if (block.level > 0 || text.split(' ').length < minPullQuoteWords) return true;
    return !texts.some((other, otherIndex) => otherIndex !== index && other.length > text.length && other.includes(text));
  });
}

/**
 * "Key points: • Norwell will cut 2,000 jobs • …": bullets set above the story's first paragraph
 * summarise it (the facts come again in the body). A story's own list comes after prose that
 * introduces it.
 */
function withoutLeadingSummary(blocks: readonly Block[]): Block[] {
  const firstProse = blocks.findIndex((block) => block.level === 0 && !block.listItem);
  if (firstProse <= 0) return [...blocks];
  return blocks.filter((block, index) => index >= firstProse || !block.listItem);
}

/**
 * "Correction: An earlier version of this column misstated …", "Editor's note: …", "Disclosure: X
 * is a financial supporter of …" closing the story: the editors' note about the story, set under it. (At the top, where some sites set a
 * correction as the story's first line, it stays: that is how the reader meets it.)
 */
const closingNote = /^(?:corrections?|clarifications?|disclosures?|editor['’]?s['’]? notes?|note to readers|an earlier version of this (?:story|article|column|report|piece))\b\s*[:,]?/iu;
const closingNoteTail = 3;

function withoutClosingNotes(blocks: readonly Block[]): Block[] {
  const tail = blocks.length - closingNoteTail;
  const prose = blocks.filter((block) => block.level === 0).length;
  return blocks.filter((block, index) => {
    if (block.level > 0) return true;
    if (index >= tail && index > 0 && closingNote.test(block.text)) return false;
    // Only a story of some length has a head and a tail apart from its body.
    return prose < minStoryForNotes || (index >= tail || index === 0 ? !isSetApartNote(block) : true);
  });
}

/** Paragraphs a story has before its first and last lines can be told apart from its body. */
const minStoryForNotes = 5;
const maxNoteWords = 60;

/**
 * The newsroom's notes at the head or foot of a story, set apart from its prose by their marks: a
 * paragraph wholly in parentheses ("(Adds comment from the mayor)"), or a short line led by a dash
 * ("— With files from …"). (Italics are not enough: an interview's italic introduction, or an
 * italic "Staff writer X contributed" line, is the story's own.)
 */
function isSetApartNote(block: Block): boolean {
  const words = block.text.split(' ').length;
  if (words > maxNoteWords) return false;
  // "— MBC's Tom Becker contributed to this report." names a reporter of the story: its own line, dash or not.
  if (/\bcontributed\b/u.test(block.text)) return false;
  return /^\([^()]+\)$/u.test(block.text) || (words <= 15 && /^(?:[—–]|--)\s*\p{L}/u.test(block.text));
}

/** Whether a run of ever-deeper headings from this one reaches a paragraph. */
function headsProse(blocks: readonly Block[], index: number): boolean {
  let level = blocks[index]?.level ?? 0;
  for (const block of blocks.slice(index + 1)) {
    if (block.level === 0) return true;
    if (block.level <= level) return false;
    level = block.level;
  }
  return false;
}

/**
 * "Reiss covers the Ohio Valley for MPW News, based in Columbus.": the author's tagline closes the
 * story; it names the author (or the outlet) and says what they cover, not what happened.
 */
function withoutAuthorTagline(blocks: Block[], names: readonly string[], publisher: string): Block[] {
  const subjects = [...names, ...names.map((name) => name.split(' ').at(-1) ?? '')].filter((name) => name.length > 1);
  const outlet = collapse(publisher);
  const isTagline = (block: Block) => {
    if (block.level > 0 || block.text.split(' ').length > maxTaglineWords) return false;
    const subject = subjects.find((name) => block.text.startsWith(`${name} `));
    const rest = subject === undefined ? null : block.text.slice(subject.length + 1);
    const aboutWork = rest !== null && /^(?:is (?:\S+ ){0,5}(?:reporter|correspondent|writer|editor|journalist|columnist|fellow|producer)\b|(?:covers|reports on|writes about|has covered|has reported)\b)/u.test(rest);
    if (aboutWork && (outlet === '' || block.text.includes(outlet) || /\bfor (?:the )?\p{Lu}/u.test(rest ?? ''))) return true;
    // "Renata Oyelaran is an urban planner who …", set in italics: a contributor's bio.
    return block.italic && subject !== undefined && names.includes(subject) && /^(?:is|was|has|teaches|works|lives|writes|serves)\b/u.test(rest ?? '');
  };
  const tail = blocks.length - taglineTail;
  return blocks.filter((block, index) => index < tail || !isTagline(block));
}

/** "Ana Ruiz and Tom Lee" → ["Ana Ruiz", "Tom Lee"]. */
function bylineNames(byline: string): string[] {
  return collapse(byline)
    .split(/\s*(?:,|\band\b|&)\s*/u)
    .map((name) => name.trim())
    .filter((name) => name.split(' ').length >= 2);
}

/** Words a long paragraph has: the story has begun, and a byline would have come before it. */
const storyWords = 20;

/**
 * "By Harold Jensen<br>Staff Writer" above the story, on a page whose markup names no author: the
 * first line of the byline box, as a name.
 */
export function bylineInContent(content: DomElement): string | null {
  for (const piece of paragraphBlocks(content)) {
    const line = collapse((piece.run ? piece.text : textOf(piece.element, '\n')).split('\n')[0] ?? '');
    if (/^(?:by|por|par|von|door|av|af):?\s/iu.test(line) && isBylineLine(line)) return line;
    if (collapse(piece.text).split(' ').length >= storyWords) return null;
  }
  return null;
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
/** "<section><header><h2>The detour</h2></header>…": a section's own header holds its subheading, not the story's furniture. */
function isSectionHeader(element: DomElement): boolean {
  return element.tagName.toUpperCase() === 'HEADER' && element.querySelector('h1') === null && element.querySelector('h2, h3, h4, h5, h6') !== null;
}

/** One paragraph's worth of the content: a leaf block, or a run of loose text beside blocks. */
interface Piece {
  /** The block itself; for a run, the element the run sits in. */
  element: DomElement;
  text: string;
  /** Characters of the text inside links. */
  linkedLetters: number;
  run: boolean;
}

/**
 * Leaf text blocks in document order: a paragraph tag without paragraphs inside, or a `<div>` of
 * bare text. Text loose beside blocks ("<font>PINE BLUFF — …<p>…</p></font>", left when
 * Readability turns `<br><br>` into paragraphs after the first) is a paragraph of its own.
 */
function paragraphBlocks(root: DomElement): Piece[] {
  const pieces: Piece[] = [];
  const visit = (element: DomElement) => {
    if (skippedTags.has(element.tagName.toUpperCase()) && !isSectionHeader(element) && !isLayoutTable(element)) return;
    const children = [...element.children];
    const hasBlockInside = children.some((child) => containsBlock(child));
    if (headingTags.has(element.tagName.toUpperCase()) || (!hasBlockInside && (paragraphTags.has(element.tagName.toUpperCase()) || hasOwnText(element)))) {
      const text = textOf(element);
      pieces.push({ element, text, linkedLetters: element.closest('a[href]') !== null ? collapse(text).length : linkedLetters(element), run: false });
      return;
    }
    if (!hasBlockInside || !hasOwnText(element)) {
      for (const child of children) visit(child);
      return;
    }
    let run: DomNode[] = [];
    const flush = () => {
      const text = run.map((node) => textOf(node)).join('');
      if (text.trim() !== '') pieces.push({ element, text, linkedLetters: run.reduce((total, node) => total + linkedLetters(node), 0), run: true });
      run = [];
    };
    for (const node of element.childNodes) {
      const child = node as DomElement;
      if (node.nodeType !== textNode && child.tagName && (containsBlock(child) || skippedTags.has(child.tagName.toUpperCase()))) {
        flush();
        visit(child);
      } else run.push(node);
    }
    flush();
  };
  visit(root);
  return pieces;
}

function containsBlock(element: DomElement): boolean {
  const tag = element.tagName.toUpperCase();
  if (paragraphTags.has(tag) || headingTags.has(tag) || tag === 'DIV' || tag === 'SECTION' || tag === 'ARTICLE' || tag === 'UL' || tag === 'OL') return true;
  return [...element.children].some(containsBlock);
}

function hasOwnText(element: DomElement): boolean {
  return [...element.childNodes].some((node) => node.nodeType === textNode && (node.textContent ?? '').trim() !== '');
}

/**
 * "Pinned 11:58 p.m.", "Oct. 2, 2025 · Ana Ruiz": a live-blog entry's or a story's stamp, marked up
 * with `<time>` (around it or inside it), or a line of nothing but a date in any language.
 */
function isDateLine(piece: Piece, text: string): boolean {
  if (text.split(' ').length > maxDateLineWords) return false;
  const { element } = piece;
  return (!piece.run && (element.querySelector('time') !== null || element.closest('time') !== null)) || isDateText(text);
}

function linkedLetters(node: DomNode): number {
  const element = node as DomElement;
  if (node.nodeType === textNode || !element.tagName) return 0;
  const links = element.tagName.toUpperCase() === 'A' ? [element] : [...element.querySelectorAll('a')];
  return links.reduce((total, link) => total + collapse(link.textContent ?? '').length, 0);
}

/** Text with a space for each `<br>`, which `textContent` drops ("By Ana Ruiz<br>Published …"), without ruby readings. */
function textOf(node: DomNode, lineBreak = ' '): string {
  if (node.nodeType === textNode) return node.textContent ?? '';
  const element = node as DomElement;
  const tag = element.tagName?.toUpperCase();
  if (tag === 'BR') return lineBreak;
  // Ruby annotations (the reading above 大阪天満宮) and their fallback brackets are not the text.
  if (tag === 'RT' || tag === 'RP') return '';
  // A button's label ("Share", "§", "Play") is the page's control, never the story's words.
  if (tag === 'BUTTON' || tag === 'SCRIPT' || tag === 'STYLE') return '';
  if (!element.childNodes) return node.textContent ?? '';
  return [...element.childNodes].map((child) => textOf(child, lineBreak)).join('');
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/gu, ' ').trim();
}
