import iconv from 'iconv-lite';
import type { FetchedPage } from './page.js';

/** How far into the body a `<meta charset>` is looked for (the HTML standard says 1024 bytes; pages overshoot). */
const metaScanBytes = 4096;

/**
 * Labels whose bytes browsers decode as windows-1252: the HTML standard maps ISO-8859-1 and ASCII
 * there, and pages so labelled routinely carry 0x80–0x9F curly quotes, dashes and € that strict
 * ISO-8859-1 would turn into control characters.
 */
const windows1252Aliases = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'x-cp1252']);

/** The page's text: the charset from a BOM, then `Content-Type`, then `<meta>`, else UTF-8 (windows-1252 when the bytes are not UTF-8). */
export function decodePage(page: Pick<FetchedPage, 'body' | 'charset'>): string {
  const bytes = page.body;
  const bom = byteOrderMark(bytes);
  if (bom) return iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.encoding);
  const declared = usableEncoding(page.charset) ?? usableEncoding(metaCharset(bytes), { declaredInside: true });
  if (declared) return iconv.decode(Buffer.from(bytes), declared);
  // Nothing says: UTF-8, unless the bytes are not UTF-8 at all, which in a web page almost always
  // means an old site in windows-1252 that declared nothing (or declared it too late to be seen).
  return isValidUtf8(bytes) ? iconv.decode(Buffer.from(bytes), 'utf-8') : iconv.decode(Buffer.from(bytes), 'windows-1252');
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** `<meta charset="x">` or `<meta http-equiv="content-type" content="text/html; charset=x">`. */
function metaCharset(bytes: Uint8Array): string | null {
  // Every charset label and the markup around it is ASCII, so latin1 reads it whatever the encoding.
  const head = Buffer.from(bytes.subarray(0, metaScanBytes)).toString('latin1');
  for (const tag of head.matchAll(/<meta\b[^>]*>/giu)) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(tag[0]);
    if (direct?.[1]) return direct[1].toLowerCase();
  }
  return null;
}

function usableEncoding(label: string | null, { declaredInside = false } = {}): string | null {
  if (label === null) return null;
  const normalised = label.trim().toLowerCase();
  if (windows1252Aliases.has(normalised)) return 'windows-1252';
  // A <meta> that says UTF-16 was itself readable as ASCII, so the page is not UTF-16; the HTML
  // standard says to read it as UTF-8.
  if (declaredInside && normalised.startsWith('utf-16')) return 'utf-8';
  return iconv.encodingExists(normalised) ? normalised : null;
}
