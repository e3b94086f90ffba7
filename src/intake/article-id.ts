import type { ExtractedArticle } from './page.js';

const maxTitleWords = 8;
const maxSlugLength = 80;

/** "harborgazette.example" + "Port strike ends after 12 days" → "harborgazette-port-strike-ends-after-12-days". */
export function articleSlug(article: Pick<ExtractedArticle, 'url' | 'title'>): string {
  const host = hostOf(article.url).replace(/^www\./u, '').replace(/\.[a-z]+$/iu, '');
  const words = slugWords(article.title).slice(0, maxTitleWords);
  const slug = [...slugWords(host), ...words].join('-').slice(0, maxSlugLength).replace(/-+$/u, '');
  return slug === '' ? 'article' : slug;
}

/** The slug, or the slug with the first free "-2", "-3", … */
export function uniqueId(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let number = 2; ; number += 1) {
    const candidate = `${slug}-${number}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function slugWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/gu, '')
    .split(/[^a-z0-9]+/u)
    .filter(Boolean);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
