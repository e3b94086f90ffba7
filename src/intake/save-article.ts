import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { articleFiles, type SavedSidecar } from './article-file.js';
import { articleSlug, uniqueId } from './article-id.js';
import type { ExtractedArticle } from './page.js';

export interface SaveArticleOptions {
  /** The articles folder (ARTICLES_DIR, or a library's). */
  dir: string;
  article: ExtractedArticle;
  now?: () => Date;
}

export interface SavedArticle {
  id: string;
  /** Path of the `.txt`. */
  file: string;
  /** True when the folder had no such article before. */
  created: boolean;
  /** True when files were written: a new article, or a known one whose text changed. */
  changed: boolean;
}

interface StoredArticle {
  id: string;
  url: string | null;
  textHash: string;
}

/** Saves of one folder run one at a time, so two pages never pick the same id or half-replace each other. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Saves an extracted article as `<id>.txt` + `<id>.json`. The same canonical URL, or the same
 * text under another URL, is the same article: it is rewritten in place when its text changed and
 * left alone otherwise (its first URL and save time stay).
 */
export function saveArticle(options: SaveArticleOptions): Promise<SavedArticle> {
  const previous = queues.get(options.dir) ?? Promise.resolve();
  const next = previous.then(() => saveNow(options), () => saveNow(options));
  queues.set(options.dir, next.catch(() => undefined));
  return next;
}

async function saveNow({ dir, article, now = () => new Date() }: SaveArticleOptions): Promise<SavedArticle> {
  await mkdir(dir, { recursive: true });
  const files = articleFiles(article, now());
  const stored = await storedArticles(dir);
  const textHash = sha256(files.text);
  const url = comparableUrl(article.url);
  const same = stored.find((entry) => entry.url !== null && entry.url === url) ?? stored.find((entry) => entry.textHash === textHash);
  if (same && same.textHash === textHash) {
    return { id: same.id, file: join(dir, `${same.id}.txt`), created: false, changed: false };
  }
  const id = same?.id ?? uniqueId(articleSlug(article), new Set(stored.map((entry) => entry.id)));
  await writeBoth(dir, id, files.text, `${JSON.stringify(files.sidecar, null, 2)}\n`);
  return { id, file: join(dir, `${id}.txt`), created: same === undefined, changed: true };
}

/**
 * Both files go to temporary names first and are renamed into place, sidecar first: the loader
 * reads `*.txt`, so a new article exists only once its text is complete, with its metadata beside
 * it. When the text cannot be put in place, the sidecar is put back as it was.
 */
async function writeBoth(dir: string, id: string, text: string, sidecar: string): Promise<void> {
  const suffix = `.tmp-${randomUUID()}`;
  const textPath = join(dir, `${id}.txt`);
  const sidecarPath = join(dir, `${id}.json`);
  const previousSidecar = await readFile(sidecarPath, 'utf8').catch(() => null);
  try {
    await writeFile(`${textPath}${suffix}`, text, { flag: 'wx' });
    await writeFile(`${sidecarPath}${suffix}`, sidecar, { flag: 'wx' });
    await rename(`${sidecarPath}${suffix}`, sidecarPath);
    try {
      await rename(`${textPath}${suffix}`, textPath);
    } catch (error) {
      await (previousSidecar === null ? rm(sidecarPath, { force: true }) : writeFile(sidecarPath, previousSidecar));
      throw error;
    }
  } finally {
    await rm(`${textPath}${suffix}`, { force: true });
    await rm(`${sidecarPath}${suffix}`, { force: true });
  }
}

async function storedArticles(dir: string): Promise<StoredArticle[]> {
  const names = await readdir(dir);
  const ids = names.filter((name) => name.endsWith('.txt')).map((name) => name.slice(0, -'.txt'.length));
  return Promise.all(
    ids.map(async (id) => {
      const text = await readFile(join(dir, `${id}.txt`), 'utf8');
      const sidecar = await readFile(join(dir, `${id}.json`), 'utf8').then(
        (raw) => parseSidecar(raw),
        () => null,
      );
      return {
        id,
        url: typeof sidecar?.url === 'string' ? comparableUrl(sidecar.url) : null,
        textHash: sha256(text),
      };
    }),
  );
}

function parseSidecar(raw: string): Partial<SavedSidecar> | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Partial<SavedSidecar>) : null;
  } catch {
    return null;
  }
}

/** Links that differ only by a fragment or by tracking parameters lead to the same article. */
function comparableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|src)$/iu.test(key)) parsed.searchParams.delete(key);
    }
    parsed.hostname = parsed.hostname.replace(/^www\./u, '');
    return parsed.toString();
  } catch {
    return url;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
