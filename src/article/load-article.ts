import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { VerbatimError } from '../core/errors.js';
import type { Article, Sentence } from '../core/types.js';
import { layoutArticle, publisherFromCopyright, titleFromSentence, unknownPublisher, type ArticleSidecar } from './metadata.js';
import { segmentParagraphs, segmentSentences } from './sentence-segmenter.js';
import { attributeSpeakers } from './speakers.js';

export type { ArticleSidecar } from './metadata.js';

/**
 * The sidecar as read: an article saved from a web page also lists its subheadings, by paragraph
 * number. They stay in the text (and its paragraph numbers) but are no one's sentence, so they are
 * not segmented into sentences to be retrieved and quoted as if the article said them.
 */
type SidecarInput = Partial<ArticleSidecar> & { headings?: number[] };

export interface ArticleInput {
  id: string;
  path: string;
  text: string;
  sha256: string;
  sidecar?: SidecarInput;
}

const sidecarSchema = z
  .object({
    title: z.string(),
    publisher: z.string(),
    url: z.string().nullable(),
    date: z.string().nullable(),
    copyright: z.string(),
    byline: z.string().nullable(),
    headings: z.array(z.number().int().positive()),
  })
  .partial();

/** Text → paragraphs, sentences with offsets, speakers and metadata. Pure. */
export function parseArticle({ id, path, text, sha256, sidecar = {} }: ArticleInput): Article {
  const layout = layoutArticle(text);
  const paragraphs = segmentParagraphs(text, layout.body);
  const headings = new Set(sidecar.headings ?? []);
  const unattributed: Sentence[] = paragraphs.filter((paragraph) => !headings.has(paragraph.number)).flatMap((paragraph) =>
    segmentSentences(text, paragraph).map((span, indexInParagraph) => ({
      ...span,
      id: '',
      articleId: id,
      index: 0,
      paragraph: paragraph.number,
      indexInParagraph: indexInParagraph + 1,
      text: text.slice(span.start, span.end),
      speaker: null,
    })),
  );
  unattributed.forEach((sentence, position) => {
    sentence.index = position + 1;
    sentence.id = `${id}:${position + 1}`;
  });
  const { sentences, parties } = attributeSpeakers(text, unattributed, paragraphs);
  const copyright = sidecar.copyright ?? layout.copyright;
  const derivedPublisher = layout.copyright === '' ? unknownPublisher : publisherFromCopyright(layout.copyright);
  return {
    meta: {
      id,
      title: sidecar.title ?? layout.headline ?? titleFromSentence(sentences[0]?.text ?? id),
      publisher: sidecar.publisher ?? derivedPublisher,
      url: sidecar.url ?? null,
      date: sidecar.date ?? null,
      copyright,
      byline: sidecar.byline ?? null,
      path,
      sha256,
    },
    text,
    body: layout.body,
    paragraphs,
    sentences,
    parties,
  };
}

/** Reads one article file and the `<name>.json` sidecar beside it, if any. */
export async function loadArticleFile(path: string): Promise<Article> {
  const { id, text, sha256 } = await readArticleBytes(path);
  const sidecar = await readSidecar(join(path, '..', `${id}.json`));
  return parseArticle({ id, path, text, sha256, sidecar });
}

/** What an index's staleness check compares: an article's id and the sha256 of its file. */
export interface ArticleFingerprint {
  meta: { id: string; sha256: string };
}

/**
 * The fingerprint of every article `loadArticles(source)` would load, without parsing any: opening
 * an index needs only these (its own copy of the parsed articles is checked against them), and
 * parsing (segmenting, finding speakers) costs every start ~20–40 ms per article.
 */
export async function fingerprintArticles(source: string | readonly string[]): Promise<ArticleFingerprint[]> {
  const fingerprints: ArticleFingerprint[] = [];
  for (const path of await articlePaths(source)) {
    const { id, sha256 } = await readArticleBytes(path);
    fingerprints.push({ meta: { id, sha256 } });
  }
  return fingerprints;
}

async function readArticleBytes(path: string): Promise<{ id: string; text: string; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new VerbatimError('ARTICLE_UNREADABLE', `The article file ${path} could not be read.`, { cause: error });
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new VerbatimError('ARTICLE_UNREADABLE', `The article file ${path} is empty.`);
  return { id: basename(path, extname(path)), text, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function readSidecar(path: string): Promise<SidecarInput> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new VerbatimError('ARTICLE_UNREADABLE', `The article metadata ${path} could not be read.`, { cause: error });
  }
  try {
    return sidecarSchema.parse(JSON.parse(raw));
  } catch (error) {
    throw new VerbatimError('ARTICLE_UNREADABLE', `The article metadata ${path} is not valid JSON metadata.`, { cause: error });
  }
}

/** Every `*.txt` of a directory (sorted by name), or the files listed. */
export async function loadArticles(source: string | readonly string[]): Promise<Article[]> {
  const articles: Article[] = [];
  for (const path of await articlePaths(source)) articles.push(await loadArticleFile(path));
  return articles;
}

async function articlePaths(source: string | readonly string[]): Promise<string[]> {
  const paths = typeof source === 'string' ? await articlePathsIn(source) : [...source];
  if (paths.length === 0) throw new VerbatimError('NO_ARTICLES');
  return paths;
}

async function articlePathsIn(source: string): Promise<string[]> {
  const info = await stat(source).catch((error: unknown) => {
    throw new VerbatimError('NO_ARTICLES', `No articles were found at ${source}.`, { cause: error });
  });
  if (!info.isDirectory()) return [source];
  const names = await readdir(source);
  return names
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(source, name));
}
