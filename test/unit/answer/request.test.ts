import { describe, expect, it } from 'vitest';
import { classifyRequest, findParty, partyByMisspelling } from '../../../src/answer/request.js';
import type { Party } from '../../../src/core/types.js';

const party = (name: string, aliases: string[], kind: Party['kind'] = 'person'): Party => ({ name, kind, aliases, sentenceIds: [] });
const parties = [party('Maria Lopez', ['Lopez', 'Mayor Maria Lopez']), party('Harbour Daily', ['the newspaper'], 'outlet'), party('Tom Reyes', ['Reyes'])];

describe('classifyRequest', () => {
  it.each([
    'Print the whole article.',
    'Can you quote the entire text for me?',
    'Copy the full story here',
    'Give me the article word for word',
    'Paste the entire Harbour Daily News article.',
  ])('declines to reproduce the article: %s', (question) => {
    expect(classifyRequest(question, parties).kind).toBe('reproduce');
  });

  it('does not take a question about what the full report says for a reproduction request', () => {
    expect(classifyRequest('What does the full report say about the port?', parties).kind).toBe('question');
  });

  it('reads a request for everyone’s positions as a summary of all parties', () => {
    expect(classifyRequest('Summarise the positions of each party', parties)).toMatchObject({ kind: 'summary', party: null });
  });

  it('reads "What is X’s position?" as a summary of that party only', () => {
    expect(classifyRequest("What is Lopez's position?", parties)).toMatchObject({ kind: 'summary', party: { name: 'Maria Lopez' } });
  });

  it('reads a quote request with its speaker and topic', () => {
    expect(classifyRequest('Give me a quote from Reyes about the port', parties)).toMatchObject({
      kind: 'quote',
      party: { name: 'Tom Reyes' },
      about: 'the port',
    });
  });

  it('treats an ordinary question as a question, even when it names a party', () => {
    expect(classifyRequest('When did Lopez announce the vote?', parties)).toMatchObject({ kind: 'question', party: { name: 'Maria Lopez' } });
  });
});

describe('findParty', () => {
  it('matches whole names only, ignoring case and possessives', () => {
    expect(findParty("what is MARIA LOPEZ's view", parties)?.name).toBe('Maria Lopez');
    expect(findParty('what about Lopezville', parties)).toBeNull();
  });

  it('finds a person by surname even when the article only ever gives the full name', () => {
    expect(findParty('What did Cole say?', [party('Ann Marie Cole', [])])?.name).toBe('Ann Marie Cole');
    expect(findParty('What did the Times say?', [party('The Daily Times', [], 'outlet')])).toBeNull();
  });

  it('does not take a namesake with another first name for the party ("Daniel Cole" is not "Ann Marie Cole")', () => {
    const coles = [party('Ann Marie Cole', ['Cole'])];
    expect(findParty('What did Cole say?', coles)?.name).toBe('Ann Marie Cole');
    expect(findParty('What did Ann Marie Cole say?', coles)?.name).toBe('Ann Marie Cole');
    expect(findParty('What did Daniel Cole say?', [party('Ann Marie Cole', [])])).toBeNull();
    // Also when the article writes the surname alone ("Cole said"), which makes it an alias.
    expect(findParty('What did Daniel Cole say?', coles)).toBeNull();
    expect(findParty('Give me a quote from Daniel Cole.', coles)).toBeNull();
    // A first name the dictionary does not know is a first name still; a title is not.
    expect(findParty('What did Ravi Cole say?', coles)).toBeNull();
    expect(findParty('What did Commissioner Cole say?', coles)?.name).toBe('Ann Marie Cole');
  });

  it('does not take a double-barrelled full name for the party whose name it holds ("Ingrid Solheim-Baptiste")', () => {
    const solheims = [party('Ingrid Solheim', ['Solheim', 'Ms. Solheim'])];
    expect(findParty('What did Ingrid Solheim-Baptiste say?', solheims)).toBeNull();
    expect(findParty('What did Ingrid Solheim say?', solheims)?.name).toBe('Ingrid Solheim');
    expect(findParty('What did the Solheim-led panel say?', solheims)?.name).toBe('Ingrid Solheim');
  });

  it('does not take someone with a double-barrelled surname for the party ("Lena Hart-Cole" is not "Ann Marie Cole")', () => {
    const coles = [party('Ann Marie Cole', [])];
    expect(findParty('What did Lena Hart-Cole say?', coles)).toBeNull();
    expect(findParty('Give me a quote from Cole-Whitman.', coles)).toBeNull();
    expect(findParty('What did the Cole-led committee say?', coles)?.name).toBe('Ann Marie Cole');
    expect(findParty('What did Hart-Cole say?', [party('Lena Hart-Cole', [])])?.name).toBe('Lena Hart-Cole');
  });

  it('prefers the longest matching name', () => {
    const overlapping = [party('Ann', ['Ann']), party('Ann Marie Cole', ['Ann Marie'])];
    expect(findParty('What did Ann Marie say?', overlapping)?.name).toBe('Ann Marie Cole');
  });
});

describe('partyByMisspelling', () => {
  const people = [party('Claudia Sheinbaum', ['Sheinbaum']), party('Pete Hegseth', ['Hegseth']), party('Ana Ruiz', ['Ruiz'])];

  it('takes a surname with a letter wrong, missing, extra or two swapped for the person it means', () => {
    expect(partyByMisspelling('What did Sheinbuam say?', ['Sheinbuam'], people)?.name).toBe('Claudia Sheinbaum');
    expect(partyByMisspelling('what did hegsteh say', ['hegsteh'], people)?.name).toBe('Pete Hegseth');
    expect(partyByMisspelling('What did Hegset say?', ['Hegset'], people)?.name).toBe('Pete Hegseth');
  });

  it('does not guess at short names, at words far from any surname, or between two people', () => {
    expect(partyByMisspelling('What did Ruis say?', ['Ruis'], people)).toBeNull();
    expect(partyByMisspelling('What did Shelby say?', ['Shelby'], people)).toBeNull();
    const twins = [party('Mara Hanson', []), party('Leo Hansen', [])];
    expect(partyByMisspelling('What did Hansan say?', ['Hansan'], twins)).toBeNull();
  });

  it('does not take someone with another first name for the person, however the surname is spelt', () => {
    expect(partyByMisspelling('What did Bartholomew Hegsteh say?', ['Hegsteh'], people)).toBeNull();
    expect(partyByMisspelling('What did Pete Hegsteh say?', ['Hegsteh'], people)?.name).toBe('Pete Hegseth');
  });
});
