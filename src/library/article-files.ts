import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/**
 * Where the library keeps things under LIBRARY_DIR: the database, each added article once
 * (`articles/<id>.txt` + `.json`, however many servers have it), its own small index
 * (`index/<id>`), and `staging/`, where a page is imported before it is known to be new.
 */
export interface LibraryPaths {
  database: string;
  articlesDir: string;
  indexRoot: string;
  stagingDir: string;
  articleFile(id: string): string;
  sidecarFile(id: string): string;
  indexDir(id: string): string;
}

export function libraryPaths(dir: string): LibraryPaths {
  const articlesDir = join(dir, 'articles');
  const indexRoot = join(dir, 'index');
  return {
    database: join(dir, 'library.db'),
    articlesDir,
    indexRoot,
    stagingDir: join(dir, 'staging'),
    articleFile: (id) => join(articlesDir, `${id}.txt`),
    sidecarFile: (id) => join(articlesDir, `${id}.json`),
    indexDir: (id) => join(indexRoot, id),
  };
}

/** A fresh folder for one import; the importer names the files in it. */
export async function createStagingDir(paths: LibraryPaths): Promise<string> {
  const dir = join(paths.stagingDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Moves an imported `<name>.txt` (and its `.json`) from staging into the articles folder under an
 * id no other article has: two pages with the same slug are two articles. Returns the id.
 */
export async function moveIntoArticles(paths: LibraryPaths, stagedFile: string, taken: (id: string) => boolean): Promise<string> {
  await mkdir(paths.articlesDir, { recursive: true });
  const slug = basename(stagedFile, extname(stagedFile));
  let id = slug;
  for (let suffix = 2; taken(id) || (await exists(paths.articleFile(id))); suffix += 1) id = `${slug}-${suffix}`;
  const stagedSidecar = join(stagedFile, '..', `${slug}.json`);
  // The sidecar first: an article file without its metadata would load with a made-up title.
  if (await exists(stagedSidecar)) await rename(stagedSidecar, paths.sidecarFile(id));
  await rename(stagedFile, paths.articleFile(id));
  return id;
}

/** The article's files and index; a missing one is no error. */
export async function removeArticleFiles(paths: LibraryPaths, id: string): Promise<void> {
  await rm(paths.indexDir(id), { recursive: true, force: true });
  await rm(paths.sidecarFile(id), { force: true });
  await rm(paths.articleFile(id), { force: true });
}

/** Ids of the article files present, whatever the database says. */
export async function articleIdsOnDisk(paths: LibraryPaths): Promise<string[]> {
  const names = await readdir(paths.articlesDir).catch(() => []);
  return names.filter((name) => name.endsWith('.txt')).map((name) => basename(name, '.txt'));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
