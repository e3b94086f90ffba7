/**
 * Goes into the index manifest: bump whenever sentence boundaries, paragraphs or speakers
 * would come out differently for the same article text, so stale indexes are rebuilt.
 */
export const ARTICLE_PARSER_VERSION = '13';
