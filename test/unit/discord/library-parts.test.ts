import { describe, expect, it } from 'vitest';
import type { ArticleMeta } from '../../../src/core/types.js';
import { mayAddArticles } from '../../../src/discord/add-permission.js';
import { articleMarker, articleNamedIn, findLinks, withoutLinks } from '../../../src/discord/article-links.js';
import { articleChoices } from '../../../src/discord/library-commands.js';
import { addedArticleEmbed, sourcesPage, sourcesPerPage } from '../../../src/discord/library-embeds.js';
import { createLibraryHandle } from '../../../src/discord/library-handle.js';
import { discordLimits, embedsSize } from '../../../src/render/discord-embeds.js';
import type { Library, LibraryEntry } from '../../../src/library/library.js';

const manageMessages = 1n << 13n;
const permissions = (bits: bigint) => ({ has: (permission: bigint) => (bits & permission) === permission });

function entry(id: string, { guildId = 'guild-a', title = `Title of ${id}`, url = `https://news.example/${id}` }: { guildId?: string | null; title?: string; url?: string } = {}): LibraryEntry {
  const meta: ArticleMeta = { id, title, publisher: 'Harbor Gazette', url, date: '2025-01-02', copyright: '©', path: `${id}.txt`, sha256: '0'.repeat(64) };
  return { meta, guildId, addedBy: guildId === null ? null : '1234567890123456789', addedAt: guildId === null ? null : '2025-03-01T12:00:00.000Z', sourceUrl: guildId === null ? null : url, sentences: 12 };
}

describe('mayAddArticles', () => {
  it('allows Manage Messages, or the configured role by id or by name in any case, and nobody else', () => {
    const roles = [{ id: '42', name: 'Fact Checkers' }];
    expect(mayAddArticles({ permissions: permissions(manageMessages), roles: [] }, null)).toBe(true);
    expect(mayAddArticles({ permissions: permissions(0n), roles }, null)).toBe(false);
    expect(mayAddArticles({ permissions: permissions(0n), roles }, '42')).toBe(true);
    expect(mayAddArticles({ permissions: permissions(0n), roles }, 'fact checkers')).toBe(true);
    expect(mayAddArticles({ permissions: permissions(0n), roles }, 'Editors')).toBe(false);
    expect(mayAddArticles({ permissions: null, roles: [] }, 'Editors')).toBe(false);
  });
});

describe('links in a message', () => {
  it('finds each link without the punctuation or brackets around it, and leaves the question', () => {
    const text = 'what does Sheinbaum say? <https://news.example/a?b=1>, and https://news.example/c.';
    expect(findLinks(text)).toEqual(['https://news.example/a?b=1', 'https://news.example/c']);
    expect(withoutLinks(text)).toBe('what does Sheinbaum say? , and .');
    expect(withoutLinks('https://news.example/x what did he say?')).toBe('what did he say?');
  });

  it('reads the article back from a marker, or from a link of one of the server’s entries', () => {
    const entries = [entry('port-strike'), entry('bridge', { url: 'https://news.example/bridge/' })];
    expect(articleNamedIn(`Added\n${articleMarker('bridge')}`, entries)).toBe('bridge');
    expect(articleNamedIn('what happened? <https://news.example/bridge#top>', entries)).toBe('bridge');
    expect(articleNamedIn(articleMarker('another-servers-article'), entries)).toBeNull();
    expect(articleNamedIn('no link here', entries)).toBeNull();
  });
});

describe('articleChoices', () => {
  it('offers only the server’s own articles matching what was typed, newest first, with the id as value', () => {
    const entries = [entry('operator', { guildId: null, title: 'Port news' }), entry('first', { title: 'Port strike' }), entry('second', { title: 'Port deal' }), entry('elsewhere', { guildId: 'guild-b', title: 'Port B' })];
    expect(articleChoices(entries, { guildId: 'guild-a', typed: 'port' })).toEqual([
      { name: 'Port deal — Harbor Gazette', value: 'second' },
      { name: 'Port strike — Harbor Gazette', value: 'first' },
    ]);
    expect(articleChoices(entries, { guildId: 'guild-a', typed: 'deal' }).map((choice) => choice.value)).toEqual(['second']);
  });

  it('keeps at most 25 choices, each name within 100 characters', () => {
    const entries = Array.from({ length: 40 }, (_, index) => entry(`article-${index}`, { title: `A very long title ${'word '.repeat(40)}${index}` }));
    const choices = articleChoices(entries, { guildId: 'guild-a', typed: '' });
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });
});

describe('sourcesPage', () => {
  it('pages a large library within every embed limit, naming who added each article and linking it', () => {
    const entries = Array.from({ length: 35 }, (_, index) => entry(`article-${index}`, { title: `${index} ${'Long title '.repeat(40)}` }));
    const first = sourcesPage(entries, 1);
    expect(first.pages).toBe(Math.ceil(35 / sourcesPerPage));
    expect(embedsSize([first.embed])).toBeLessThanOrEqual(discordLimits.total);
    expect(first.embed.fields?.length).toBeLessThanOrEqual(sourcesPerPage);
    for (const field of first.embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(discordLimits.fieldName);
      expect(field.value).toContain('<@1234567890123456789>');
      expect(field.value).toMatch(/<t:\d+:R>/);
    }
    expect(first.embed.footer?.text).toContain('/sources page:2');
    const last = sourcesPage(entries, 99);
    expect(last.page).toBe(first.pages);
    expect(last.embed.fields?.at(-1)?.name).toMatch(/^34 /);
    expect(last.embed.fields).toHaveLength(35 - (first.pages - 1) * sourcesPerPage);
  });

  it('says the operator shared an article, and how to add one to an empty library', () => {
    expect(sourcesPage([entry('shared', { guildId: null })], 1).embed.fields?.[0]?.value).toContain('Shared by the bot’s operator');
    expect(sourcesPage([], 1).embed.description).toContain('/add');
  });
});

describe('addedArticleEmbed', () => {
  it('shows title, publisher and sentence count, links the page, and carries the marker a restart reads back', () => {
    const embed = addedArticleEmbed(entry('port-strike'), { created: true });
    expect(embed.title).toBe('Title of port-strike');
    expect(embed.url).toBe('https://news.example/port-strike');
    expect(embed.description).toContain('Harbor Gazette');
    expect(embed.description).toContain('12 sentences');
    expect(articleNamedIn(embed.footer?.text ?? '', [entry('port-strike')])).toBe('port-strike');
    expect(addedArticleEmbed(entry('port-strike'), { created: false }).description).toContain('already has');
  });
});

describe('createLibraryHandle', () => {
  it('has no library until it loads, then gives it to everyone who waited', async () => {
    let resolve: (library: Library) => void = () => {};
    const handle = createLibraryHandle(new Promise<Library>((done) => (resolve = done)));
    expect(handle.now()).toBeNull();
    const waiting = handle.whenReady();
    const library = { list: () => [] } as unknown as Library;
    resolve(library);
    expect(await waiting).toBe(library);
    expect(handle.now()).toBe(library);
  });

  it('refuses with a reply-able error when loading outlasts the wait, and passes a load failure on', async () => {
    const stalled = createLibraryHandle(new Promise<Library>(() => {}), { maxWaitMs: 10 });
    await expect(stalled.whenReady()).rejects.toMatchObject({ message: expect.stringContaining('still starting') });
    const failed = createLibraryHandle(Promise.reject(new Error('index damaged')));
    await expect(failed.whenReady()).rejects.toThrow('index damaged');
  });
});
