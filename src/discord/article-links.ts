import type { LibraryEntry } from '../library/library.js';

/** An http(s) link as people paste it; `<…>` (which stops Discord's preview) is allowed around it. */
const linkPattern = /<?(https?:\/\/[^\s<>]+)>?/gi;
/** Punctuation that ends a sentence after a link rather than belonging to it. */
const trailingPunctuation = /[).,;:!?'"’”]+$/;

/** The links in a message, in order. */
export function findLinks(text: string): string[] {
  return [...text.matchAll(linkPattern)].map((match) => (match[1] ?? '').replace(trailingPunctuation, ''));
}

/** The text with its links taken out, for the question around them. */
export function withoutLinks(text: string): string {
  return text
    .replace(linkPattern, (_whole, link: string) => trailingPunctuation.exec(link)?.[0] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the footer of an added-article message says, so the thread on it can be read back after a restart. */
export function articleMarker(articleId: string): string {
  return `article id: ${articleId}`;
}

/**
 * The article a thread's first message is about: the one its marker names, else the first entry
 * whose link the message contains. Only the server's own entries count.
 */
export function articleNamedIn(text: string, entries: readonly LibraryEntry[]): string | null {
  const marked = /article id: (\S+)/.exec(text)?.[1];
  if (marked !== undefined && entries.some((entry) => entry.meta.id === marked)) return marked;
  const links = new Set(findLinks(text).map(comparableLink));
  const linked = entries.find((entry) => [entry.sourceUrl, entry.meta.url].some((url) => url !== null && links.has(comparableLink(url))));
  return linked?.meta.id ?? null;
}

function comparableLink(link: string): string {
  try {
    const url = new URL(link);
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return link;
  }
}
