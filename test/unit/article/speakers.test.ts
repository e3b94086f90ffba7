import { describe, expect, it } from 'vitest';
import { loadArticleFile, parseArticle } from '../../../src/article/load-article.js';
import type { Article } from '../../../src/core/types.js';

const shippedPath = 'data/articles/latin-times-cartel-strike-plans.txt';
const fixturePath = 'test/fixtures/articles/harbor-gazette-port-strike.txt';

type Row = [start: string, speaker: string | null, via?: string];

/** Each sentence's opening words, who speaks, and how the text says so; read off the article by hand. */
function speakerTable(article: Article): Row[] {
  return article.sentences.map((sentence) => {
    const row: Row = [sentence.text.slice(0, 30), sentence.speaker?.name ?? null];
    if (sentence.speaker) row.push(sentence.speaker.via);
    return row;
  });
}

function articleFrom(text: string): Article {
  return parseArticle({ id: 'example', path: 'example.txt', text, sha256: '0' });
}

describe('speakers of the shipped Latin Times article', () => {
  it('gives every sentence the party whose words it carries', async () => {
    const article = await loadArticleFile(shippedPath);
    expect(speakerTable(article)).toEqual([
      ['The Trump administration is re', null],
      ['Quoting a senior administratio', 'Rolling Stone', 'named'],
      ['Speaking to the outlet, retire', 'Geoffrey Corn', 'named'],
      ['He went on to say that since t', 'Geoffrey Corn', 'pronoun'],
      ['"It is really easy to get the ', 'Geoffrey Corn', 'pronoun'],
      ['The outlet added that over the', 'Rolling Stone', 'role'],
      ['Trump officials have hinted at', 'Pete Hegseth', 'named'],
      ["Speaking to Fox News' Laura In", 'Pete Hegseth', 'named'],
      ['"We are observing them.', 'Pete Hegseth', 'pronoun'],
      ['We know a bit more about them ', 'Pete Hegseth', 'pronoun'],
      ["We've spent a long time watchi", 'Pete Hegseth', 'pronoun'],
      ['Hegseth went on to say that ca', 'Pete Hegseth', 'named'],
      ['"I can\'t reveal anything, but ', 'Pete Hegseth', 'role'],
      ['"We\'re not standing with our a', 'Pete Hegseth', 'continuation'],
      ['Sheinbaum has publicly rejecte', 'Sheinbaum', 'named'],
      ['Sheinbaum added that had been ', 'Sheinbaum', 'named'],
      ['She went on to emphasize that ', 'Sheinbaum', 'pronoun'],
      ['"I believe we\'re the country w', 'Sheinbaum', 'pronoun'],
    ]);
  });

  it('lists each party once, by its fullest name, with its kind, aliases and sentences', async () => {
    const article = await loadArticleFile(shippedPath);
    const byName = Object.fromEntries(article.parties.map((party) => [party.name, party]));
    expect(article.parties.map((party) => [party.name, party.kind])).toEqual([
      ['Rolling Stone', 'outlet'],
      ['Geoffrey Corn', 'person'],
      ['Pete Hegseth', 'person'],
      ['Sheinbaum', 'person'],
    ]);
    expect(byName['Pete Hegseth']?.aliases).toEqual(expect.arrayContaining(['Hegseth', 'Defense Secretary Pete Hegseth']));
    expect(byName['Geoffrey Corn']?.aliases).toContain('U.S. Army Judge Advocate Officer Geoffrey Corn');
    expect(byName['Rolling Stone']?.sentenceIds).toEqual([`${article.meta.id}:2`, `${article.meta.id}:6`]);
    const spoken = article.sentences.filter((sentence) => sentence.speaker).map((sentence) => sentence.id);
    expect(article.parties.flatMap((party) => party.sentenceIds).sort()).toEqual([...spoken].sort());
  });
});

describe('speakers of a second publisher\'s article', () => {
  it('resolves names, pronouns, "the newspaper", inverted attributions and continued quotes', async () => {
    const article = await loadArticleFile(fixturePath);
    expect(speakerTable(article)).toEqual([
      ['Dock workers at the Port of Ne', null],
      ['Speaking to The Coastal Herald', 'Maria Delgado', 'named'],
      ['She added that a walkout could', 'Maria Delgado', 'pronoun'],
      ['The newspaper reported that th', 'The Coastal Herald', 'role'],
      ['“We have made a fair offer.', 'Tom Reilly', 'named'],
      ['We remain at the table,” said ', 'Tom Reilly', 'named'],
      ['He warned that a strike would ', 'Tom Reilly', 'pronoun'],
      ['Mr. Reilly also noted that shi', 'Tom Reilly', 'named'],
      ['The company has not said which', null],
      ['According to Sen. Ellen Park, ', 'Ellen Park', 'named'],
      ['“Nobody wins a long strike,” s', 'Ellen Park', 'pronoun'],
      ['Park said lawmakers would hold', 'Ellen Park', 'named'],
      ['“We will ask hard questions.', 'Ellen Park', 'continuation'],
      ['Both sides should be ready.”', 'Ellen Park', 'continuation'],
      ['Delgado has publicly rejected ', 'Maria Delgado', 'named'],
      ['“Would you accept a machine ta', 'Maria Delgado', 'pronoun'],
      ['Analysts at Dr. Samuel Okafor’', null],
    ]);
    expect(article.parties.map((party) => [party.name, party.kind])).toEqual([
      ['Maria Delgado', 'person'],
      ['The Coastal Herald', 'outlet'],
      ['Tom Reilly', 'person'],
      ['Ellen Park', 'person'],
    ]);
  });
});

describe('attribution rules', () => {
  it('resolves "he" to the last named man, skipping a woman named in between', () => {
    const article = articleFrom('John Ortiz said prices rose. Laura Kim was in the room. "It is bad," he said.');
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual(['John Ortiz', null, 'John Ortiz']);
  });

  it('learns a pronoun\'s gender so a later "she" skips a man named since', () => {
    const article = articleFrom(
      'Okonkwo rejected the plan. She said it was rushed. Alvarez said it was fine. "Not at all," she added.',
    );
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual([
      'Okonkwo',
      'Okonkwo',
      'Alvarez',
      'Alvarez',
    ]);
  });

  it('does not take an owner or an interviewer for the speaker', () => {
    const article = articleFrom("Speaking to CNN's Ana Ruiz, Brandt said the deal was done. \"We are happy,\" he said.");
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual(['Brandt', 'Brandt']);
  });

  it('leaves narration and reported silence without a speaker', () => {
    const article = articleFrom('The ministry did not say when talks resume. Prices rose in March.');
    expect(article.sentences.map((sentence) => sentence.speaker)).toEqual([null, null]);
  });

  it('reads "said X" and "according to X"', () => {
    const article = articleFrom('"It will pass," said Maya Chen. Rates will fall, according to The Daily Ledger.');
    expect(article.sentences.map((sentence) => [sentence.speaker?.name, sentence.speaker?.kind])).toEqual([
      ['Maya Chen', 'person'],
      ['The Daily Ledger', 'outlet'],
    ]);
  });

  it('takes a name set off by commas after its description for the speaker', () => {
    const article = articleFrom('The lone dissenting member, Frank Olsen, argued that retirees would bear the brunt.\n');
    expect(article.sentences[0]?.speaker).toMatchObject({ name: 'Frank Olsen', via: 'named' });
  });

  it('gives a participle clause ("…, warning that") to the subject that opens the sentence', () => {
    const article = articleFrom('Council member Luis Ortega opposed the plan, warning that dredging could damage the bay.\n');
    expect(article.sentences[0]?.speaker).toMatchObject({ name: 'Luis Ortega', via: 'named' });
  });

  it('does not continue a speaker into an unquoted sentence or the next paragraph', () => {
    const article = articleFrom('Greta Lund said taxes must rise. The vote is Monday.\n"We will win."');
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual(['Greta Lund', null, null]);
  });
});

describe('speakers introduced in the shapes political reporting uses', () => {
  const partiesOf = (text: string) => {
    const article = articleFrom(`${text}\n© 2025 Test Gazette. All rights reserved.`);
    return { article, names: article.parties.map((party) => party.name) };
  };

  it('gives a transcript line ("NAME: …") and the rest of its paragraph to the named speaker', () => {
    const { article } = partiesOf('The council met on Monday.\nBRANDT: We will not sign the dredging contract. It costs too much.');
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual([null, 'Brandt', 'Brandt']);
  });

  it('gives a transcript line written with the name as the text writes it ("Okafor: …") to that person', () => {
    const { article } = partiesOf(
      'The hearing ran late, and Commissioner Idris Okafor pressed the witness.\nOkafor: How many of the sites have permits?\nUpdate: The hearing resumes on Friday.',
    );
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual([null, 'Idris Okafor', null]);
  });

  it('gives a quotation a person "put" in words to that person ("A, who …, put it bluntly: “…”")', () => {
    const { article } = partiesOf('Marta Lindqvist, who chairs the tenants group, put it bluntly: “We are paying for a bet.”');
    expect(article.sentences[0]?.speaker?.name).toBe('Marta Lindqvist');
    expect(partiesOf('The committee put it on the agenda for March.').names).toEqual([]);
  });

  it('reads a party-and-state bracket as part of the name before it ("A (R-Iowa) and B (D-Ga.), who …, urged")', () => {
    const { article } = partiesOf(
      'Reps. Gabe Lindgren (R-Iowa) and Aisha Mbeki (D-Ga.), who lead a caucus of farm-state members, urged both sides to finish the bill. “Another extension is not a plan,” the two said in a joint statement.\nChair Dolores Whitaker (R-Kan.) said Monday she had offered a deal.',
    );
    const sentencesOf = (name: string) => article.parties.find((party) => party.name === name)?.sentenceIds ?? [];
    const [urged, jointStatement, offer] = article.sentences.map((sentence) => sentence.id);
    for (const name of ['Gabe Lindgren', 'Aisha Mbeki']) expect(sentencesOf(name)).toEqual([urged, jointStatement]);
    expect(sentencesOf('Dolores Whitaker')).toEqual([offer]);
    // A day after the verb is no speaker.
    expect(article.parties.map((party) => party.name)).not.toContain('Monday');
  });

  it('gives what a person "who has said" something to that person, and thanks to who gave them', () => {
    const { article } = partiesOf(
      'The budget now goes to Mayor Celeste Abara, who has said she will sign it.\nIn a video posted online, Councilmember Diego Santamaría thanked the volunteers.',
    );
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual(['Celeste Abara', 'Diego Santamaría']);
  });

  it('gives "he says" to the man named last when the dictionary cannot place his name, not to the last woman named', () => {
    const { article } = partiesOf('Dolores Whitcombe runs the library program.\nRay Deiner farms 300 acres outside town. “I was overdoing it on phosphorus,” he says.');
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual([null, null, 'Ray Deiner']);
  });

  it('knows a person written family name first by that family name ("Nguyen Thi Lan …, Nguyen said")', () => {
    const { article } = partiesOf('Nguyen Thi Lan, 27, came to the town from Vietnam two years ago. “Now I understand the work,” Nguyen said.');
    expect(article.parties.map((party) => party.name)).toEqual(['Nguyen Thi Lan']);
  });

  it('gives a quotation "in his words" to the person the narration last named', () => {
    const { article } = partiesOf(
      'Kenji Morimoto, an epidemiologist who led the analysis, found that absences fell by a fifth. In his words, “the kids who benefit most are the ones who were struggling.”',
    );
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual([null, 'Kenji Morimoto']);
    // Words that are no quotation say nothing of a speaker.
    expect(partiesOf('Kenji Morimoto led the analysis. In his words the data were clear.').names).toEqual([]);
  });

  it('gives a sentence said by two people ("Mr. A and Mr. B said") to both', () => {
    const { article } = partiesOf('Mr. Tanaka and Mr. Olsen said the harbour deal was unfair to fishermen.');
    const sentenceId = article.sentences[0]?.id;
    for (const surname of ['Tanaka', 'Olsen']) {
      const party = article.parties.find((candidate) => candidate.name.endsWith(surname));
      expect(party?.sentenceIds).toEqual([sentenceId]);
    }
  });

  it('does not make the object of "speaking to" a joint speaker', () => {
    const { names } = partiesOf('Renata Voss spoke first. Speaking to host Dan Reyes, Voss said the audit would take six months.');
    expect(names).toEqual(['Renata Voss']);
  });

  it('gives a position reported as paraphrase ("has called for") to its holder', () => {
    const { article } = partiesOf('Councillor Renata Voss has called for an independent audit of the port authority.');
    expect(article.sentences[0]?.speaker?.name).toBe('Renata Voss');
  });

  it('gives a quote to the name after its description ("said the union’s organiser, A")', () => {
    const { article } = partiesOf('“We will not sign,” said the dockers’ regional organiser, Ines Varga.');
    expect(article.sentences[0]?.speaker?.name).toBe('Ines Varga');
  });

  it('gives a quote to the name after a lower-case description ("said board chair A", "said state Rep. A")', () => {
    const chair = partiesOf('“We cannot keep every school open,” said board chair Denise Marlow. “The money is not there.”');
    expect(chair.article.sentences.map((sentence) => sentence.speaker?.name)).toEqual(['Denise Marlow', 'Denise Marlow']);
    const representative = partiesOf('“Nobody should boil their water,” said state Rep. Ana Ruiz, D-Laredo, one of the authors.');
    expect(representative.article.sentences[0]?.speaker?.name).toBe('Ana Ruiz');
    // Not a description: the person is what was said, not who said it.
    const reported = partiesOf('The district said that Denise Marlow would retire in June.');
    expect(reported.article.sentences[0]?.speaker?.name).not.toBe('Denise Marlow');
  });

  it('gives the sentence to the person, not their employer ("Prof A of B University said")', () => {
    const { article, names } = partiesOf('Prof Tomas Riedel of Eastbrook University said the rate would rise.');
    expect(article.sentences[0]?.speaker?.name).toBe('Tomas Riedel');
    expect(names).toEqual(['Tomas Riedel']);
  });

  it('gives a sentence to both people of an appositive pair ("The two members, A and B, said")', () => {
    const { article } = partiesOf('The two members who voted no, Ruth Adler and Sami Okoye, said the plan was rushed.');
    const sentenceId = article.sentences[0]?.id;
    for (const name of ['Ruth Adler', 'Sami Okoye']) expect(article.parties.find((candidate) => candidate.name === name)?.sentenceIds).toEqual([sentenceId]);
  });

  it('takes neither a place nor a plural common noun for a speaker', () => {
    const { names } = partiesOf('Poll workers in Brayford reported long lines. Opponents said they would appeal.');
    expect(names).toEqual([]);
  });

  it('gives a position reported with "conceded" to its holder', () => {
    const { article } = partiesOf('Former trooper Dale Brandt lost. Brandt conceded in a short statement.');
    expect(article.sentences[1]?.speaker?.name).toBe('Dale Brandt');
  });

  it('gives a characterisation in quotes ("A called the bill “…”") to A, but not "called a meeting"', () => {
    const { article } = partiesOf('Rep. Ines Varga, the top Democrat, called the bill “a blank check.” Mayor Tom Reyes called a meeting for Monday.');
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual(['Ines Varga', null]);
  });

  it('gives what a person\'s office said to that person', () => {
    const { article } = partiesOf('Governor Ruth Adler signed the order. Adler’s office said in a statement that the order was lawful.');
    expect(article.sentences[1]?.speaker?.name).toBe('Ruth Adler');
  });

  it('gives "A of PLACE, who …, said" to the person, not the place', () => {
    const { article } = partiesOf('“We will vote no,” Rep. Sami Okoye of Vermont, who wrote the letter, said in an interview.');
    expect(article.sentences[0]?.speaker?.name).toBe('Sami Okoye');
  });

  it('gives "A, a nurse from PLACE, who …, told" and "A, a spokeswoman for B, a trade group, said" to A', () => {
    const { article } = partiesOf(
      'Monica Reyes, a nurse from Dublin, Ohio, who sat behind the wing, told reporters the cabin went quiet. Tara Bell, a spokeswoman for the Harbor Alliance, a trade group based in Norfolk, said the rules were rushed. Ohio, the state that filed the suit, said it would appeal.',
    );
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual(['Monica Reyes', 'Tara Bell', 'Ohio']);
  });

  it('takes "A, the president of the Home Builders Alliance, an industry group, said" as A, the group as an organisation', () => {
    const { article } = partiesOf('Tomas Reyes, the president of the Grid Builders Alliance, an industry group, said the deadline was the heart of the deal.');
    expect(article.sentences[0]?.speaker?.name).toBe('Tomas Reyes');
  });

  it('hears no speech in a sum that "added $39 million", so the director thanks and "she wrote"', () => {
    const { article } = partiesOf(
      'The film, directed by Maren Holt, opened to $48 million. Overseas, The Long Tide added $39 million from 52 markets. Holt thanked audiences in a post on Sunday. “This is what we made it for,” she wrote.',
    );
    expect(article.sentences.map((sentence) => sentence.speaker?.name ?? null)).toEqual([null, null, 'Maren Holt', 'Maren Holt']);
  });

  it("gives a journalist introduced with the outlet (\"NBC's X reported\") the sentence", () => {
    const { article } = partiesOf("NBC's Maria Delgado reported that the vote had been rushed through without a hearing.");
    expect(article.sentences[0]?.speaker?.name).toBe('Maria Delgado');
  });
});
