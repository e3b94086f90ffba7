/** What a `Content-Type` header says: the media type and charset, both lower-cased. */
export interface ContentType {
  mediaType: string;
  charset: string | null;
}

/** Reads `text/html; charset="UTF-8"`; null for a missing or empty header. */
export function parseContentType(header: string | undefined): ContentType | null {
  if (header === undefined) return null;
  const [type = '', ...parameters] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  if (mediaType === '') return null;
  let charset: string | null = null;
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=');
    if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
    const value = parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
    charset = value === '' ? null : value;
    break;
  }
  return { mediaType, charset };
}

/** The media types a page with an article can have. */
const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

export function isHtml(mediaType: string): boolean {
  return htmlTypes.has(mediaType);
}
