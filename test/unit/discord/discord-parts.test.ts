import { describe, expect, it } from 'vitest';
import type { Party } from '../../../src/core/types.js';
import { parseButtonId } from '../../../src/discord/answer-message.js';
import { checkQuestionText } from '../../../src/discord/answer-request.js';
import { BoundedMap } from '../../../src/discord/bounded-map.js';
import { commandPayloads, commands } from '../../../src/discord/commands.js';
import { createCooldown } from '../../../src/discord/cooldown.js';
import { partyChoices } from '../../../src/discord/party-choices.js';
import { applicationIdFromToken, checkTokenShape } from '../../../src/discord/token.js';

const party = (name: string, aliases: string[] = []): Party => ({ name, kind: 'person', aliases, sentenceIds: [] });

describe('partyChoices', () => {
  it('offers at most 25 parties when nothing is typed', () => {
    const parties = Array.from({ length: 40 }, (_, index) => party(`Person ${index}`));
    expect(partyChoices(parties, '')).toHaveLength(25);
  });

  it('keeps parties whose name or alias matches what was typed, word starts first', () => {
    const parties = [party('Maria Lopez', ['Lopez']), party('Ana Ruiz', ['Mayor Ruiz']), party('Ruth Ng')];
    expect(partyChoices(parties, 'ru').map((choice) => choice.value)).toEqual(['Ana Ruiz', 'Ruth Ng']);
    expect(partyChoices(parties, 'LOPEZ').map((choice) => choice.value)).toEqual(['Maria Lopez']);
    expect(partyChoices(parties, 'zzz')).toEqual([]);
  });
});

describe('createCooldown', () => {
  it('lets a user ask again only after the cooldown, saying how many seconds are left', () => {
    let now = 0;
    const cooldown = createCooldown({ seconds: 5, now: () => now });
    expect(cooldown.take('user')).toEqual({ allowed: true });
    now = 1_200;
    expect(cooldown.take('user')).toEqual({ allowed: false, secondsLeft: 4 });
    expect(cooldown.take('someone else')).toEqual({ allowed: true });
    now = 5_000;
    expect(cooldown.take('user')).toEqual({ allowed: true });
  });

  it('is off at zero seconds', () => {
    const cooldown = createCooldown({ seconds: 0 });
    expect(cooldown.take('user')).toEqual({ allowed: true });
    expect(cooldown.take('user')).toEqual({ allowed: true });
  });
});

describe('checkTokenShape', () => {
  const good = `${Buffer.from('123456789012345678').toString('base64url')}.GhIjKl.${'abcDEF123_-'.repeat(3)}`;

  it('accepts three base64url parts and reads the application id from the first', () => {
    expect(checkTokenShape(good)).toBe(good);
    expect(applicationIdFromToken(good)).toBe('123456789012345678');
  });

  it.each([null, '', 'not-a-token', 'a.b.c', `${good}.extra`, good.replace('.', ' ')])('refuses %j as DISCORD_TOKEN_INVALID', (token) => {
    expect(() => checkTokenShape(token)).toThrow(expect.objectContaining({ code: 'DISCORD_TOKEN_INVALID' }));
  });
});

describe('BoundedMap', () => {
  it('forgets the least recently used entry past its limit', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect([map.has('a'), map.has('b'), map.has('c')]).toEqual([true, false, true]);
  });
});

describe('commands', () => {
  it('are ask, summarize, quote, add, remove, sources and help', () => {
    expect(commands.map((command) => command.data.name)).toEqual(['ask', 'summarize', 'quote', 'add', 'remove', 'sources', 'help']);
  });

  it('cap every free-text option at MAX_QUESTION_CHARS, and never above Discord’s 6000', () => {
    const question = (maxQuestionChars: number) =>
      commandPayloads({ maxQuestionChars, discord: { addRole: null } }).find((command) => command.name === 'ask')?.options?.[0];
    expect(question(300)).toMatchObject({ name: 'question', required: true, max_length: 300 });
    expect(question(50_000)).toMatchObject({ max_length: 6000 });
  });

  it('autocomplete the party and speaker options', () => {
    const payloads = commandPayloads({ maxQuestionChars: 1000, discord: { addRole: null } });
    const option = (command: string, name: string) => payloads.find((payload) => payload.name === command)?.options?.find((candidate) => candidate.name === name);
    expect(option('summarize', 'party')).toMatchObject({ autocomplete: true, required: false });
    expect(option('quote', 'speaker')).toMatchObject({ autocomplete: true, required: true });
    expect(option('remove', 'article')).toMatchObject({ autocomplete: true, required: true });
  });

  it('show /add and /remove to Manage Messages by default, and to everyone (checked by the bot) when DISCORD_ADD_ROLE is set', () => {
    const permissionsOf = (addRole: string | null) =>
      commandPayloads({ maxQuestionChars: 1000, discord: { addRole } }).map((payload) => [payload.name, payload.default_member_permissions]);
    expect(permissionsOf(null)).toEqual(expect.arrayContaining([['add', '8192'], ['remove', '8192'], ['ask', undefined]]));
    expect(permissionsOf('Fact checkers')).toEqual(expect.arrayContaining([['add', null], ['remove', null]]));
  });

  it('keep a link option at its own length, not MAX_QUESTION_CHARS', () => {
    const url = commandPayloads({ maxQuestionChars: 50, discord: { addRole: null } }).find((payload) => payload.name === 'add')?.options?.[0];
    expect(url).toMatchObject({ name: 'url', max_length: 2000 });
  });
});

describe('checkQuestionText', () => {
  it('refuses empty and overlong questions with their own codes', () => {
    expect(() => checkQuestionText('  \n ', 100)).toThrow(expect.objectContaining({ code: 'EMPTY_QUESTION' }));
    expect(() => checkQuestionText('x'.repeat(101), 100)).toThrow(expect.objectContaining({ code: 'QUESTION_TOO_LONG' }));
    expect(checkQuestionText('  Who?  ', 100)).toBe('Who?');
  });
});

describe('parseButtonId', () => {
  it('reads the buttons it wrote and ignores anything else', () => {
    expect(parseButtonId('more:1234567890123456789')).toEqual({ action: 'more', stateId: '1234567890123456789' });
    expect(parseButtonId('vote:down:1234567890123456789')).toEqual({ action: 'vote', verdict: 'down', stateId: '1234567890123456789' });
    expect(parseButtonId('vote:maybe:1')).toBeNull();
  });
});
