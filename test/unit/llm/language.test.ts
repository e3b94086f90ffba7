import { describe, expect, it } from 'vitest';
import { detectLanguage, englishOnlyNotice } from '../../../src/answer/language.js';

describe('detectLanguage', () => {
  it.each([
    ['What did the mayor say about the dam?', 'eng'],
    ['¿Qué dijo la alcaldesa sobre la presa?', 'spa'],
    ["Qu'a dit le maire à propos des travaux sur le barrage ?", 'fra'],
    ['O que disse o prefeito sobre a barragem?', 'por'],
    ['Was hat die Bürgermeisterin über den Damm gesagt?', 'deu'],
    ['Cosa ha detto il sindaco sulla diga del fiume?', 'ita'],
  ])('recognises the language of %j', (question, language) => {
    expect(detectLanguage(question)).toBe(language);
  });

  it('says nothing about a question too short to tell', () => {
    expect(detectLanguage('Hola')).toBeNull();
    expect(detectLanguage('who is Vidal')).toBeNull();
  });
});

describe('englishOnlyNotice', () => {
  it('tells a Spanish asker in Spanish that answers are in English', () => {
    expect(englishOnlyNotice('spa')).toMatch(/inglés/);
  });

  it.each(['spa', 'fra', 'por', 'deu', 'ita'])('has its own wording for %s', (language) => {
    expect(englishOnlyNotice(language)).not.toMatch(/^Answers are in English/);
  });

  it('falls back to English that names the language', () => {
    expect(englishOnlyNotice('pol')).toBe('Answers are in English (your question appears to be in Polish).');
  });

  it('says nothing to an English asker or when the language is unknown', () => {
    expect(englishOnlyNotice('eng')).toBeNull();
    expect(englishOnlyNotice(null)).toBeNull();
  });
});
