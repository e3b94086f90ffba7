import type { DomDocument, DomNode } from './dom.js';

/**
 * "<span class="dropcap" aria-hidden="true">O</span>n the morning…": magazines set the story's
 * first letter apart for style and hide it from screen readers, and Readability drops what is
 * hidden, which would save "n the morning". A hidden letter or two that opens a paragraph and runs
 * straight on into the word after it is the word's start: it is shown again before Readability reads.
 */
export function keepDropCaps(document: DomDocument): void {
  for (const element of [...document.querySelectorAll('[aria-hidden="true"]')]) {
    const letters = (element.textContent ?? '').trim();
    if (!/^\p{L}{1,2}$/u.test(letters)) continue;
    const after = element.nextSibling;
    if (after === null || after.nodeType !== textNodeType || !/^\p{L}/u.test(after.textContent ?? '')) continue;
    if (opensBlock(element.previousSibling)) element.removeAttribute('aria-hidden');
  }
}

const textNodeType = 3;

/** Nothing but white space before it in its parent. */
function opensBlock(before: DomNode | null): boolean {
  for (let node = before; node !== null; node = node.previousSibling) {
    if (node.nodeType !== textNodeType || (node.textContent ?? '').trim() !== '') return false;
  }
  return true;
}
