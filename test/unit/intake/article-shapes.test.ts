import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import type { DomDocument } from '../../../src/intake/dom.js';
import { extractArticle } from '../../../src/intake/extract-article.js';
import { furnitureAttribute, markFurniture } from '../../../src/intake/page-furniture.js';

/**
 * The shapes news templates share around and inside a story, each on a small page made for the
 * test: what is the article's text, and what is furniture the saved `.txt` must not hold.
 */

const url = 'https://www.riverpost.example/2026/03/bridge';

/** A bridge story: long enough to be an article, each line one paragraph. */
const story = [
  'The Ninth Street bridge will close to cars for eight months starting in April while crews replace its deck, the city’s public works department said on Tuesday.',
  'Buses will be rerouted over the Maple Avenue bridge, adding about six minutes to the trip downtown, and a free shuttle will carry pedestrians across the river every ten minutes.',
  '“We know this is a hard detour for people who cross twice a day,” public works director Mei Tanaka said. “The deck is sixty years old and it cannot wait any longer.”',
  'Shop owners on the east bank said they worried about losing customers during the busiest months of the year, and asked the city for help with signs and parking.',
];

function extract(html: string) {
  return extractArticle({ requestedUrl: url, url, contentType: 'text/html', charset: 'utf-8', body: Buffer.from(html) });
}

function pageWith({ head = '', header = '', body }: { head?: string; header?: string; body: string }): string {
  return `<!doctype html><html><head><title>Bridge to close for eight months | River Post</title>
<meta property="og:site_name" content="River Post">${head}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article>${header}<div class="story-body">${body}</div></article></main>
<footer><p>© 2026 River Post</p></footer></body></html>`;
}

const paragraphs = (lines: readonly string[]) => lines.map((line) => `<p>${line}</p>`).join('\n');

describe('subheadings', () => {
  it('keeps each body subheading as a paragraph of its own and lists it as a heading', () => {
    const body = `${paragraphs(story.slice(0, 2))}<h2>What changes for drivers</h2>${paragraphs(story.slice(2))}<h3>Who to call</h3><p>Questions about the detour go to the city’s 311 line, which is staffed around the clock during the closure.</p>`;
    const article = extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body }));
    expect(article.paragraphs).toEqual([
      ...story.slice(0, 2),
      'What changes for drivers',
      ...story.slice(2),
      'Who to call',
      'Questions about the detour go to the city’s 311 line, which is staffed around the clock during the closure.',
    ]);
    expect(article.headings).toEqual([2, 5]);
  });

  it('keeps the first section’s heading, set right before a paragraph, even inside a section <header>', () => {
    const body = `<section><header><h2>The closure</h2></header>${paragraphs(story.slice(0, 2))}</section><section><header><h2>The detour</h2></header>${paragraphs(story.slice(2))}</section>`;
    const article = extract(pageWith({ header: '<header><h1>Bridge to close for eight months</h1></header>', body }));
    expect(article.paragraphs).toEqual(['The closure', ...story.slice(0, 2), 'The detour', ...story.slice(2)]);
    expect(article.headings).toEqual([0, 3]);
  });

  it('keeps a question heading over its section and the sub-questions under it', () => {
    const body = `${paragraphs(story)}<h2>Questions and answers</h2><h3>Will bikes be allowed?</h3><p>Yes. One lane will stay open to bikes and people on foot.</p>`;
    const article = extract(pageWith({ body }));
    expect(article.paragraphs.slice(-3)).toEqual(['Questions and answers', 'Will bikes be allowed?', 'Yes. One lane will stay open to bikes and people on foot.']);
  });

  it('keeps a title-case subheading shaped like "NAME for OUTLET"', () => {
    const body = `${paragraphs(story.slice(0, 2))}<h2>New Hope for Main Street</h2>${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ body })).paragraphs[2]).toBe('New Hope for Main Street');
  });

  it('takes an all-bold paragraph for a subheading', () => {
    const body = `${paragraphs(story.slice(0, 2))}<p><strong>What businesses want</strong></p>${paragraphs(story.slice(2))}`;
    const article = extract(pageWith({ body }));
    expect(article.paragraphs[2]).toBe('What businesses want');
    expect(article.headings).toEqual([2]);
  });

  it('drops the headings of boxes, teaser headings that link away, a kicker above the story and a heading with nothing under it', () => {
    const body = `${paragraphs(story)}<h2>Related stories</h2><p><a href="/a">Ninth Street bridge rated poor in 2024 inspection report</a></p>
<h3><a href="/b">Maple Avenue repaving finished early</a></h3><h2>Comments</h2>`;
    const article = extract(pageWith({ header: '<h3>City Hall</h3><h1>Bridge to close for eight months</h1>', body }));
    expect(article.paragraphs).toEqual(story);
    expect(article.headings).toEqual([]);
  });
});

describe('furniture around the story', () => {
  it('drops the standfirst, the byline with a job title, and a date line written in another language', () => {
    const header = `<header class="article__header"><h1>El puente de la calle Novena cerrará ocho meses</h1>
<p class="article__bajada">La ciudad promete un autobús gratuito para peatones y ciclistas mientras duran las obras en el puente.</p>
<div class="autor">Por <a href="/autor/lucia-vidal">Lucía Vidal</a> <span>| Reportera</span></div><time datetime="2026-03-03">3 de marzo de 2026 - 9:15 a.m.</time>
<div class="compartir"><a href="#">Facebook</a><a href="#">WhatsApp</a></div></header>`;
    const head = '<meta name="author" content="Lucía Vidal">';
    const article = extract(pageWith({ head, header, body: paragraphs(story) }));
    expect(article.paragraphs).toEqual(story);
    expect(article.byline).toBe('Lucía Vidal');
  });

  it('drops a standfirst set after the lead photo’s caption and a cookie notice, a fact box beside the story, a social post embedded in it and a disclaimer named by its id', () => {
    const consent = '<div class="consent-banner"><p>River Post and our partners use cookies to measure audience, personalise content and show you relevant ads.</p></div>';
    const header = `<h1>Bridge to close for eight months</h1><figure><img src="/deck.jpg" alt=""><figcaption><p>Crews inspect the underside of the Ninth Street bridge deck in February, a month before work begins.</p></figcaption></figure>
<p class="t-content__chapo">The city will shut the Ninth Street bridge to cars for eight months while crews replace its sixty-year-old deck.</p>`;
    const body = [
      `<p>${story[0]}</p>`,
      '<div class="factbox floatRHS"><h3>WHAT THE DETOUR MEANS</h3><ul><li>Buses take Maple Avenue</li><li>A shuttle runs every ten minutes</li></ul></div>',
      `<p>${story[1]}</p>`,
      '<div class="social-embed" data-embed-type="bluesky"><blockquote class="bluesky-embed"><p>six extra minutes each way for eight months. great. just great. who plans these things??</p></blockquote></div>',
      `<p>${story[2]}</p><p>${story[3]}</p>`,
      '<div id="article_disclaimer"><p>Disclaimer: Comments do not represent the views of the River Post. We reserve the right to exclude comments.</p></div>',
    ].join('\n');
    expect(extract(pageWith({ header, body }).replace("<body>", `<body>${consent}`)).paragraphs).toEqual(story);
  });

  it('drops a reader-funding appeal of several paragraphs and the closing "X contributed to this report" credit', () => {
    const appeal = `<div class="contributions__epic"><h2>You’ve read 9 articles in the last year</h2>
<p>… we have a small favour to ask. Millions have placed their trust in our journalism since we started publishing, turning to us in moments of crisis.</p>
<p>Unlike many others, we have no shareholders and no billionaire owner, just the determination to deliver high-impact reporting.</p>
<p>Support us from as little as £1 – it only takes a minute. If you can, please consider supporting us with a regular amount each month.</p></div>`;
    const longer = [
      ...story,
      'The department said the new deck would carry a protected bike lane and wider sidewalks on both sides, and would last at least seventy years.',
      'Council members approved the $48 million contract in January after a second bid came in well over the city’s estimate for the work.',
      'Crews will work at night from May through August to keep the river channel open for barges during the day, the department said.',
    ];
    const body = [paragraphs(longer.slice(0, 2)), appeal, paragraphs(longer.slice(2)), '<p>Associated Press writer Lorne Cook in Brussels contributed to this report.</p>', '<p>— Colin Hart contributed.</p>'].join('\n');
    expect(extract(pageWith({ body })).paragraphs).toEqual(longer);
    // A credit woven into the story stays.
    const woven = [...story, 'Kevin Tran contributed from Alder Springs, where the bridge closed last year.'];
    expect(extract(pageWith({ body: paragraphs(woven) })).paragraphs).toEqual(woven);
  });

  it('drops a standfirst placed between the headline and the byline, whatever its class', () => {
    const header = '<h1>Bridge to close for eight months</h1><p class="intro-text">Detours, shuttles and what it means for the east bank.</p><div class="meta"><a rel="author" href="/staff/omar">Omar Haddad</a> <time datetime="2026-03-03">March 3</time></div>';
    expect(extract(pageWith({ header, body: paragraphs(story) })).paragraphs).toEqual(story);
  });

  it('drops a photo caption and its "NAME for OUTLET" credit kept in plain divs', () => {
    const figure = '<div class="bucketwrap image"><div class="imagewrap"><img src="/bridge.jpg" alt=""></div><div class="credit-caption"><div class="caption"><p>Traffic crosses the Ninth Street bridge during the evening rush on a weekday in March.</p></div><span class="credit">Grace Lindholm for River Post</span></div></div>';
    const body = `${paragraphs(story.slice(0, 2))}${figure}${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ body })).paragraphs).toEqual(story);
  });

  it('drops a caption of bare text in a gallery slide, which Readability rebuilds as a new paragraph', () => {
    const gallery = '<div class="gallery"><div class="slide"><img src="/deck.jpg" alt=""><div class="slide-caption">Crews inspect the underside of the Ninth Street bridge deck in February. (Grace Lindholm for The Harbor Courier)</div></div></div>';
    const body = `${paragraphs(story.slice(0, 3))}${gallery}${paragraphs(story.slice(3))}`;
    expect(extract(pageWith({ body })).paragraphs).toEqual(story);
  });

  it('drops a donation box and a sign-up box built around a form, but not a story sentence about donations', () => {
    const donate = '<div class="support-block"><h2>Keep the River Post free</h2><p>We are a nonprofit newsroom funded by readers. A gift of any size keeps this reporting free for everyone. Will you chip in today?</p><form><input type="number" value="10"><button>Give now</button></form></div>';
    const signup = '<div><p>Get the morning briefing in your inbox.</p><form><input type="email"><button>Go</button></form></div>';
    const donations = 'A neighborhood group has collected donations to pay for detour signs in six languages.';
    const body = `${paragraphs(story.slice(0, 2))}${donate}<p>${donations}</p>${signup}${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ body })).paragraphs).toEqual([...story.slice(0, 2), donations, ...story.slice(2)]);
  });

  it('drops the author’s closing tagline and a parenthesised writing credit', () => {
    const head = '<meta name="author" content="Omar Haddad">';
    const body = `${paragraphs(story)}<p>Haddad covers transportation and city hall for the River Post.</p><p>(This article was written by Omar Haddad and Ines Berg.)</p>`;
    expect(extract(pageWith({ head, body })).paragraphs).toEqual(story);
  });

  it('drops a closing author bio set in italics, and the column disclaimer under it', () => {
    const head = '<meta name="author" content="Omar Haddad">';
    const body = `${paragraphs(story)}<p><em>Omar Haddad is a civil engineer who crosses the Ninth Street bridge every day.</em></p><p>Guest columns reflect the views of their authors.</p>`;
    expect(extract(pageWith({ head, body })).paragraphs).toEqual(story);
  });

  it('keeps a closing sentence that starts with the author’s surname but is news', () => {
    const head = '<meta name="author" content="Omar Haddad">';
    const news = 'Haddad Construction, the contractor, said its crews would work nights to finish early.';
    expect(extract(pageWith({ head, body: `${paragraphs(story)}<p>${news}</p>` })).paragraphs).toEqual([...story, news]);
  });

  it('drops a box of tables with its heading and notes (a box score, a results grid)', () => {
    const box = '<section><h2>Traffic counts</h2><table><tr><th>Bridge</th><th>Cars a day</th></tr><tr><td>Ninth Street</td><td>21,400</td></tr><tr><td>Maple Avenue</td><td>17,950</td></tr><tr><td>Harbor Road</td><td>9,310</td></tr></table><p>Counts: city traffic office, 2025.</p></section>';
    expect(extract(pageWith({ body: `${paragraphs(story)}${box}` })).paragraphs).toEqual(story);
  });

  it('drops a teaser whose label and link are separate elements, and a comments box', () => {
    const teaser = '<section class="catcher"><span>Lire aussi |</span> <a href="/a">Le pont de la rue Neuve fermera huit mois pour travaux</a></section>';
    const comments = '<section class="article__reactions"><h3>Réactions</h3><p>Vous pouvez lire le journal dans son intégralité et commenter les articles en vous abonnant.</p></section>';
    const body = `${paragraphs(story.slice(0, 2))}${teaser}${paragraphs(story.slice(2))}${comments}`;
    expect(extract(pageWith({ body })).paragraphs).toEqual(story);
  });

  it('keeps a short story whose wrapper’s class happens to name a box', () => {
    const brief = story.slice(0, 2);
    const html = pageWith({ body: paragraphs(brief) }).replace('<div class="story-body">', '<div class="story-body related-links-enabled">');
    expect(extract(html).paragraphs).toEqual(brief);
  });

  it('keeps a story sentence that mentions support or donations without asking the reader', () => {
    const lines = [...story, 'Organizers said the donations would keep it going through the winter, and that volunteers would chip in with repairs.'];
    expect(extract(pageWith({ body: paragraphs(lines) })).paragraphs).toEqual(lines);
  });

  it('leaves out ruby readings and their brackets', () => {
    const line = 'The contractor, <ruby>東都建設<rp>(</rp><rt>Toto Kensetsu</rt><rp>)</rp></ruby>, has rebuilt three bridges in the region since 2019.';
    const article = extract(pageWith({ body: `${paragraphs(story)}<p>${line}</p>` }));
    expect(article.paragraphs.at(-1)).toBe('The contractor, 東都建設, has rebuilt three bridges in the region since 2019.');
  });
});

describe('the title and byline a reader sees', () => {
  it('takes the shown headline when the declared one is a rewording of it, and the declared one when the shown one is something else', () => {
    const seo = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ninth Street bridge closing: detours and shuttle"}</script><meta property="og:title" content="Ninth Street bridge to close for eight months">';
    expect(extract(pageWith({ head: seo, header: '<h1>Ninth Street bridge will close for eight months</h1>', body: paragraphs(story) })).title).toBe('Ninth Street bridge will close for eight months');
    expect(extract(pageWith({ head: seo, header: '<h1>Transportation</h1>', body: paragraphs(story) })).title).toBe('Ninth Street bridge closing: detours and shuttle');
    const sectionFirst = pageWith({ head: seo, header: '<h1>Ninth Street bridge will close for eight months</h1>', body: paragraphs(story) }).replace('<main>', '<main><h1>Transportation</h1>');
    expect(extract(sectionFirst).title).toBe('Ninth Street bridge will close for eight months');
  });

  it('writes a byline set in capitals the way a reader would', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"MEI-LING O’BRIEN"}}</script>';
    expect(extract(pageWith({ head, body: paragraphs(story) })).byline).toBe('Mei-Ling O’Brien');
  });
});

describe('an old page with no metadata at all', () => {
  const oldPage = `<html><head><title>The River Post :: Local News :: Bridge to close for eight months</title></head><body>
<table><tr><td><a href="/">Home</a> | <a href="/news/">News</a></td></tr><tr><td>
<font size="5"><b>Bridge to close for eight months</b></font><br>
<font size="2">By Omar Haddad<br>River Post Staff Writer</font><br><br>
<font size="3">${story[0]}<br><br>${story[1]}<br><br>${story[2]}<br><br>${story[3]}<br><br></font>
</td></tr></table></body></html>`;

  it('keeps the first paragraph that sits loose before the ones Readability made from <br><br>, and drops the shown headline', () => {
    expect(extract(oldPage).paragraphs).toEqual(story);
  });

  it('takes the headline from the <title> segment the page shows, the site from the segment before it, and the byline from the "By" line', () => {
    expect(extract(oldPage)).toMatchObject({ title: 'Bridge to close for eight months', publisher: 'The River Post', byline: 'Omar Haddad' });
  });
});


describe('summaries, widgets, drop caps and editors’ notes', () => {
  it('drops a bullet summary set above the story’s first paragraph, and keeps a list the story introduces', () => {
    const summary = '<div class="box"><h2>The short version</h2><ul><li>The bridge closes for eight months from April.</li><li>Buses go over Maple Avenue instead.</li></ul></div>';
    const ownList = '<ul><li>a free shuttle every ten minutes;</li><li>two extra bus runs at rush hour.</li></ul>';
    const body = `${summary}${paragraphs(story.slice(0, 2))}<p>The city listed what it will add during the closure:</p>${ownList}${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ body })).paragraphs).toEqual([
      ...story.slice(0, 2),
      'The city listed what it will add during the closure:',
      'a free shuttle every ten minutes;',
      'two extra bus runs at rush hour.',
      ...story.slice(2),
    ]);
  });

  it('drops a stock-quote widget’s figures and its after-hours stamp', () => {
    const widget = '<div class="quote-strip"><div><a href="/q/RVP">River Post Co</a> <span>RVP:NYSE</span></div><div>41.87</div><div><span>-3.16</span> <span>(-7.02%)</span></div><div>After Hours: 11/24/26 EST 6:42 PM</div></div>';
    expect(extract(pageWith({ body: `${paragraphs(story.slice(0, 1))}${widget}${paragraphs(story.slice(1))}` })).paragraphs).toEqual(story);
  });

  it('keeps a drop cap that the page hides from screen readers as the first letter of the story', () => {
    const first = `<p class="has-dropcap"><span class="dropcap" aria-hidden="true">T</span>${story[0]?.slice(1) ?? ''}</p>`;
    expect(extract(pageWith({ body: `${first}${paragraphs(story.slice(1))}` })).paragraphs).toEqual(story);
  });

  it('drops a correction note under the story, and keeps one the page sets as the story’s first line', () => {
    const note = 'Correction: An earlier version of this story misstated the length of the closure. It is eight months, not six.';
    const under = `${paragraphs(story)}<div class="editors-note"><p><strong>Correction:</strong> ${note.slice('Correction: '.length)}</p></div>`;
    expect(extract(pageWith({ body: under })).paragraphs).toEqual(story);
    expect(extract(pageWith({ body: `<p>${note}</p>${paragraphs(story)}` })).paragraphs).toEqual([note, ...story]);
  });
});

describe('kinds of page the fixtures did not cover', () => {
  it('drops a standfirst set in its own box after the headline’s box, with the lead photo before the byline', () => {
    const header = '<div data-gu-name="headline"><h1>Bridge to close for eight months</h1></div><div data-gu-name="standfirst"><p>Shuttles and a bus detour planned as the sixty-year-old deck is replaced</p></div><div><figure><img src="/b.jpg" alt=""></figure></div><address><a rel="author" href="/p/omar">Omar Haddad</a> in Riverton</address>';
    const article = extract(pageWith({ header, body: paragraphs(story) }));
    expect(article.paragraphs).toEqual(story);
    expect(article.byline).toBe('Omar Haddad');
  });

  it('drops a box named in a data attribute (a key-points component), not only in a class', () => {
    const box = '<div data-component="KeyPoints"><p>The Ninth Street bridge closes in April for eight months of work.</p><p>Buses will use Maple Avenue.</p></div>';
    expect(extract(pageWith({ body: `${paragraphs(story.slice(0, 1))}${box}${paragraphs(story.slice(1))}` })).paragraphs).toEqual(story);
  });

  it('drops AMP embeds of social posts and a gallery’s slides, and keeps the block quotes of a filing', () => {
    const tweet = '<amp-twitter width="375" height="472" data-tweetid="1"><blockquote placeholder><p>The bridge is closed and the detour is a mess this morning.</p>— Commuter (@rider) March 3, 2026</blockquote></amp-twitter>';
    const gallery = '<amp-carousel type="slides" width="800" height="600"><div><amp-img src="/1.jpg" width="800" height="533"></amp-img><p>Crews lift the first deck panel on Tuesday.</p></div></amp-carousel>';
    const filing = '<blockquote><p>The deck’s steel has lost a third of its section at the east bearing, and the bridge cannot safely carry trucks.</p></blockquote>';
    const body = `${paragraphs(story.slice(0, 2))}${tweet}${gallery}<p>The engineers’ report said:</p>${filing}${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ body })).paragraphs).toEqual([
      ...story.slice(0, 2),
      'The engineers’ report said:',
      'The deck’s steel has lost a third of its section at the east bearing, and the bridge cannot safely carry trucks.',
      ...story.slice(2),
    ]);
  });

  it('drops the wire’s closing credits and first-published note, a disclosure and a paper’s reference under the story', () => {
    const tail = [
      '— With files from Marie Gagnon in Montreal',
      '(With inputs from PTI)',
      'This report by The Canadian Press was first published March 3, 2026.',
      'Reference: “Deck corrosion in mid-century steel bridges” by M. Tanaka and J. Ruiz, 2 March 2026, Journal of Bridge Engineering. DOI: 10.1061/JBENF2.BEENG-7781',
      'Disclosure: The Riverton Foundation is a financial supporter of the River Post. Supporters play no part in its journalism.',
    ];
    expect(extract(pageWith({ body: paragraphs([...story, ...tail]) })).paragraphs).toEqual(story);
  });

  it('drops a newsletter’s sign-off asking for replies and its referral prompt', () => {
    const tail = ['That’s it for this week. Hit reply and tell me what you want covered next.', 'Enjoying the Briefing? Share it with a friend and earn rewards with your referral link.'];
    expect(extract(pageWith({ body: paragraphs([...story, ...tail]) })).paragraphs).toEqual(story);
  });

  it('takes the whole story from JSON-LD articleBody when the HTML shows only its start and a paywall', () => {
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Bridge to close for eight months', articleBody: story.join('\n') })}</script>`;
    const body = `${paragraphs(story.slice(0, 1))}<div class="gate"><p>Subscribe to continue reading.</p><p>Already a subscriber? <a href="/login">Log in</a></p></div>`;
    expect(extract(pageWith({ head, body })).paragraphs).toEqual(story);
  });

  it('does not take an articleBody that is another text than the one the page shows', () => {
    const other = 'The county fair will return to the river flats in August with a new livestock barn and a longer midway than last year. '.repeat(8).trim();
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', articleBody: other })}</script>`;
    expect(extract(pageWith({ head, body: paragraphs(story) })).paragraphs).toEqual(story);
  });

  it('names the reporter, not the agency the page declares as author, and reads the date under an old page’s headline', () => {
    const head = '<meta name="author" content="The Canadian Press">';
    const header = '<h1>Bridge to close for eight months</h1><div class="byline">By Jordan Tremblay, The Canadian Press</div>';
    expect(extract(pageWith({ head, header, body: paragraphs(story) })).byline).toBe('Jordan Tremblay');
    const old = `<html><head><title>River Post - Bridge to close for eight months</title></head><body><table><tr><td>
<font size="1">Monday, March 2, 2026</font><br><font size="5"><b>Bridge to close for eight months</b></font><br><font size="2">By OMAR HADDAD</font><br><font size="1">Tuesday, March 3, 2026</font><br><br>
<font size="3">${story.join('<br><br>')}</font></td></tr></table></body></html>`;
    expect(extract(old).date).toBe('2026-03-03');
  });
});

describe('second batch of kinds: wires, magazines, TV stations', () => {
  it('drops a pull quote that repeats the story’s words, and keeps a quotation said once', () => {
    const pull = '<blockquote><p>“We know this is a hard detour for people who cross twice a day.”</p></blockquote>';
    const said = '<blockquote><p>“Every bridge in the county will need this work within twenty years,” the engineers wrote.</p></blockquote>';
    const body = `${paragraphs(story.slice(0, 2))}${pull}${paragraphs(story.slice(2))}${said}`;
    expect(extract(pageWith({ body })).paragraphs).toEqual([...story, '“Every bridge in the county will need this work within twenty years,” the engineers wrote.']);
  });

  it('drops a chart box, the wire’s update note, contact lines and print note', () => {
    const chart = '<div class="story-chart"><img src="/c.png" alt=""><p>Bridge crossings</p><p>Cars a day on the Ninth Street bridge, thousands</p><p>Source: City traffic office</p></div>';
    const body = `<p><em>(Updates with comment from shop owners in fourth paragraph.)</em></p>${paragraphs(story.slice(0, 2))}${chart}${paragraphs(story.slice(2))}
<p>— With assistance from Mark Chen.</p><p>To contact the reporter on this story: Omar Haddad in Riverton at ohaddad@riverpost.example</p><p>This article appears in the March 2026 print edition with the headline “Detour.”</p><p>This story has been updated with comments from the public works director.</p>`;
    expect(extract(pageWith({ body })).paragraphs).toEqual(story);
  });

  it('reads a byline box whose name and time stamp are spans set side by side', () => {
    const header = '<h1>Bridge to close for eight months</h1><div class="byline-wrap"><span class="author">By Kendra Mills and Jeff Ortiz</span><span class="date">Published: Mar. 3, 2026 at 6:14 AM CST</span><span>|Updated: 2 hours ago</span></div>';
    expect(extract(pageWith({ header, body: paragraphs(story) })).byline).toBe('Kendra Mills and Jeff Ortiz');
  });
});

describe('third batch of kinds: agencies, government releases, sports columns', () => {
  it('drops a caption set as a plain paragraph under a bare image when it closes on a photo credit', () => {
    const photo = '<p><img src="/deck.jpg" alt=""></p><p style="text-align:center">Crews lift the first deck panel on the Ninth Street bridge, March 3, 2026. (River Post/Grace Lindholm)</p>';
    expect(extract(pageWith({ body: `${paragraphs(story.slice(0, 1))}${photo}${paragraphs(story.slice(1))}` })).paragraphs).toEqual(story);
  });

  it('drops a lead paragraph between the headline’s box and a "From: … Published …" box', () => {
    const header = '<div class="title"><span>Press release</span><h1>Bridge to close for eight months</h1></div><p class="lead-paragraph">The Ninth Street bridge will close for repairs, the city announced today.</p><div class="metadata"><dl><dt>From:</dt><dd>Public Works Department</dd><dt>Published</dt><dd>3 March 2026</dd></dl></div>';
    expect(extract(pageWith({ header, body: paragraphs(story) })).paragraphs).toEqual(story);
  });

  it('drops an agency’s end mark, the reporter’s address, the exchange-rate note and a stamp after a section name', () => {
    const body = `<p>All News 11:02 March 3, 2026</p>${paragraphs(story)}<p>ohaddad@riverpost.example<br>(END)</p><p>($1 = 10.6250 Norwegian crowns)</p>`;
    expect(extract(pageWith({ body })).paragraphs).toEqual(story);
  });

  it('drops a sportsbook’s odds box and the call for readers’ questions', () => {
    const odds = '<div class="odds-module"><p>Otters at Falcons, Thursday 7 p.m.: Otters +135, Falcons -155. Odds provided by LuckyLine Sportsbook.</p><p>21+. Gambling problem? Call 1-800-GAMBLER.</p></div>';
    const body = `${paragraphs(story.slice(0, 2))}${odds}${paragraphs(story.slice(2))}<p><em>Have a question for the mailbag? Send it to sports@riverpost.example with “Mailbag” in the subject line.</em></p>`;
    expect(extract(pageWith({ body })).paragraphs).toEqual(story);
  });
});

describe('notes set apart at the head or foot of a story', () => {
  it('drops a note wholly in parentheses and a short dash-led credit at either end, and keeps them inside the story', () => {
    const head = '(This is a developing story and will be updated.)';
    const inside = '(The vote was 5-2, with two members absent.)';
    const foot = '— Staff report';
    const lines = [story[0] ?? '', story[1] ?? '', inside, story[2] ?? '', story[3] ?? '', 'Work on the east ramp starts first, in the second week of April, the department said.'];
    expect(extract(pageWith({ body: paragraphs([head, ...lines, foot]) })).paragraphs).toEqual(lines);
  });
});

describe('an old site laid out in tables', () => {
  const classifieds = Array.from({ length: 12 }, (_, n) => `<tr><td><font size="1">FOR SALE: item ${n}, call 555-01${n}.</font></td></tr>`).join('');
  const legacyPage = `<html><head><title>Tribune Online - Local News</title></head><body>
<table width="760"><tr>
<td width="170" valign="top"><table><tr><td><b>Classifieds</b></td></tr>${classifieds}</table></td>
<td width="590" valign="top"><table width="100%"><tr><td><a href="/">Home</a> &gt; <a href="/news">Local News</a></td></tr>
<tr><td><font class="headline" size="5"><b>Bridge to close for eight months</b></font><br>
<font class="byline" size="1">By Wilma Ostrander | wostrander@tribune.example | PUBLISHED: March 3, 2026 at 6:02 p.m.</font><br><br>
<center><img src="/photos/bridge.jpg"><br><font size="1"><i>Crews inspect the deck on Monday. Staff photo by Gene Pollard</i></font></center><br>
<font size="2">${story.join('<br><br>\n')}</font></td></tr></table></td>
</tr></table>
<p align="center"><font size="1">Copyright &copy; 2026 Pinewood Valley Tribune. All rights reserved.</font></p>
</body></html>`;

  it('reads the story from its cell, not the classifieds beside it, without the caption or the byline strip', () => {
    expect(extract(legacyPage).paragraphs).toEqual(story);
  });

  it('takes the headline the page shows and the copyright holder as publisher when nothing declares them', () => {
    const article = extract(legacyPage);
    expect(article.title).toBe('Bridge to close for eight months');
    expect(article.publisher).toBe('Pinewood Valley Tribune');
    expect(article.byline).toBe('Wilma Ostrander');
  });
});

describe('what the page sets beside its declared body', () => {
  it('keeps only the body a page declares (itemprop="articleBody") when Readability takes its wrapper: a guest book and a services box go', () => {
    const html = `<html><head><title>Bridge to close | River Post</title><meta property="og:site_name" content="River Post"></head><body>
<div id="main"><article><h1>Bridge to close for eight months</h1>
<div itemprop="articleBody">${paragraphs(story)}</div>
<div class="entries"><h3>Sign the book</h3><p>Share memories with the family.</p><div><b>riverwatcher</b><p>Does anyone know if this affects the north side too?</p></div><div><b>J. Morrow</b><p>Great reporting, thank you.</p></div></div>
<div class="info"><h3>Services</h3><p>Memorial: Dec. 6, 11 a.m., First Methodist Church</p><p>Arrangements by Harmon &amp; Sons</p></div>
</article></div></body></html>`;
    expect(extract(html).paragraphs).toEqual(story);
  });

  it('drops a rating box above the headline and a sources list after the page’s one <article>', () => {
    const html = `<html><head><title>Bridge to close | River Post</title><meta property="og:site_name" content="River Post"></head><body><main>
<section><div class="statement"><div>“The bridge has been closed for years.”</div><p>False</p></div><h1>Bridge to close for eight months</h1></section>
<section><div><h3>If your time is short</h3><ul><li><p>The deck is sixty years old.</p></li><li><p>Buses will take the Maple Avenue bridge.</p></li></ul></div></section>
<article>${paragraphs(story)}</article>
<section><h4>Our Sources</h4><p>Public works department, Deck inspection report, March 2026</p><p>Interview, Mei Tanaka, March 3, 2026</p></section>
</main></body></html>`;
    expect(extract(html).paragraphs).toEqual(story);
  });

  it('reads a live blog whose posts are each an <article> as one story, intro included', () => {
    const posts = story.map((line, index) => `<article><h3>${9 + index}:00 a.m.: Update ${index + 1} on the bridge</h3><p>${line}</p><p>${line.replace(/^The |^Buses |^Shop /u, 'Then ')}</p></article>`).join('\n');
    const html = `<html><head><title>Bridge closure live | River Post</title><meta property="og:site_name" content="River Post"></head><body><main>
<h1>Bridge closure live</h1><p>Crews began work on the Ninth Street bridge this morning; follow the day here as the detour starts for drivers.</p>${posts}</main></body></html>`;
    const article = extract(html);
    expect(article.paragraphs[0]).toBe('Crews began work on the Ninth Street bridge this morning; follow the day here as the detour starts for drivers.');
    expect(article.paragraphs).toContain('10:00 a.m.: Update 2 on the bridge');
  });
});

describe('subheadings Readability would take for furniture', () => {
  it('keeps a subheading whose class says "header" or "share", without its anchor button', () => {
    const body = `${paragraphs(story.slice(0, 2))}<h2 class="header-anchor-post">What changes for drivers<div class="header-anchor-widget"><button aria-label="Link">§</button></div></h2>${paragraphs(story.slice(2))}`;
    const article = extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body }));
    expect(article.paragraphs).toEqual([...story.slice(0, 2), 'What changes for drivers', ...story.slice(2)]);
    expect(article.headings).toEqual([2]);
  });

  it('keeps a live post’s heading that opens with its time, and drops a bare stamp', () => {
    const body = `<h3>11:08 p.m.: Budget passes 7-4</h3>${paragraphs(story.slice(0, 2))}<p>Pinned 11:58 p.m.</p><h3>10:02 p.m.: Compromise on overtime</h3>${paragraphs(story.slice(2))}`;
    const article = extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body }));
    expect(article.paragraphs).toEqual(['11:08 p.m.: Budget passes 7-4', ...story.slice(0, 2), '10:02 p.m.: Compromise on overtime', ...story.slice(2)]);
  });
});

describe('a media player inside the story', () => {
  it('drops the player’s label and running time', () => {
    const body = `${paragraphs(story.slice(0, 2))}<div class="embedded-video"><div class="video-player"><button class="play">Play</button><span class="video-caption">Public works director speaking on the radio this morning</span><span class="duration">06:41</span></div></div>${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body })).paragraphs).toEqual(story);
  });
});

describe('the big templates’ boxes inside the story', () => {
  it('drops a video box known by its running time, and keeps a paragraph that opens with a clock', () => {
    const body = `${paragraphs(story.slice(0, 2))}<div class="clip"><div class="clip-title">Moment the detour signs went up</div><span class="clip-len">0:48</span></div><p><span>10:02</span> Crews closed the east ramp first, and drivers were sent to Maple Avenue by officers at each corner.</p>${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body })).paragraphs).toEqual([
      ...story.slice(0, 2),
      '10:02 Crews closed the east ramp first, and drivers were sent to Maple Avenue by officers at each corner.',
      ...story.slice(2),
    ]);
  });

  it('keeps a subheading or a closing line whose class says "subtitle" once the story has begun', () => {
    const body = `${paragraphs(story.slice(0, 2))}<h2 class="ArticleBody-subtitle">What changes for drivers</h2>${paragraphs(story.slice(2))}<div class="ArticleBody-subtitle"><p><em>Crews will work at night from May, the department added.</em></p></div>`;
    expect(extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body })).paragraphs).toEqual([
      ...story.slice(0, 2),
      'What changes for drivers',
      ...story.slice(2),
      'Crews will work at night from May, the department added.',
    ]);
  });
});

describe('what a link tells a screen reader', () => {
  it('leaves ", opens new tab" out of the sentence the link sits in', () => {
    const body = `${paragraphs(story.slice(0, 2))}<p>The city published the inspection <a href="https://city.example/report">report<span class="visually-hidden">, opens new tab</span></a> on its website on Tuesday afternoon, with photographs of the deck.</p>${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body })).paragraphs[2]).toBe(
      'The city published the inspection report on its website on Tuesday afternoon, with photographs of the deck.',
    );
  });
});

describe('a live page whose posts each have a header', () => {
  it('keeps each post’s heading, even the first, and drops its stamp and "From …’s" byline', () => {
    const post = (time: string, title: string, by: string, lines: readonly string[]) =>
      `<article class="post"><header class="post__header"><div class="post__time">${time}</div><h2 class="post__headline">${title}</h2><div class="post__byline">From River Post’s ${by}</div></header><div class="post__content">${paragraphs(lines)}</div></article>`;
    const html = `<html><head><title>Live: bridge closes | River Post</title><meta property="og:site_name" content="River Post"></head><body><main>
<h1>Live: the Ninth Street bridge closes</h1>
${post('2:41 p.m. ET, March 3, 2026', 'Buses move to Maple Avenue', 'Mei Ito', story.slice(0, 2))}
${post('1:15 p.m. ET, March 3, 2026', 'Shop owners ask for help', 'Dan Cole', story.slice(2))}
</main></body></html>`;
    expect(extract(html).paragraphs).toEqual(['Buses move to Maple Avenue', ...story.slice(0, 2), 'Shop owners ask for help', ...story.slice(2)]);
  });
});

describe('a class that every paragraph of the story carries', () => {
  it('keeps paragraphs whose shared class names a box word (`<p class="paywall">`)', () => {
    const body = story.map((line) => `<p class="paywall">${line}</p>`).join('\n');
    expect(extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body })).paragraphs).toEqual(story);
  });

  it('still drops one paragraph whose class says it is a box', () => {
    const body = `${paragraphs(story)}<p class="promo">Get the River Post app and never miss a story about your neighbourhood, your schools and your roads.</p>`;
    expect(extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body })).paragraphs).toEqual(story);
  });
});

describe('a standfirst that closes the headline’s box', () => {
  it('drops the line under the headline when the byline box comes next, whatever the class', () => {
    const html = `<html><head><title>Bridge to close | River Post</title><meta property="og:site_name" content="River Post"></head><body><main>
<div class="Article__Header"><h1>Bridge to close for eight months</h1><div class="Article__Headline__Sub">The deck is sixty years old and the work cannot wait.</div></div>
<div class="ShareByline"><div class="Byline"><span class="Byline__Author">By<a href="/a/mei">Mei Ito</a></span><div>March 3, 2026</div></div></div>
<section>${paragraphs(story)}</section></main></body></html>`;
    expect(extract(html).paragraphs).toEqual(story);
  });
});

describe('a synopsis box above the story', () => {
  it('marks a box its class calls a synopsis as the standfirst, not the story', () => {
    const { document } = parseHTML(`<html><body><h1>Bridge to close for eight months</h1><div class="art-synopsis"><div>The Ninth Street bridge closes in April for deck work. <span class="read-more">Read Less</span></div></div>${paragraphs(story)}</body></html>`);
    markFurniture(document as unknown as DomDocument);
    expect(document.querySelector('.art-synopsis')?.getAttribute(furnitureAttribute)).toBe('standfirst');
    expect(document.querySelector('p')?.getAttribute(furnitureAttribute)).toBeNull();
  });
});

describe('a live post of bare text beside its time', () => {
  it('keeps the post, which says a sentence, and still drops a clip box', () => {
    const body = `${paragraphs(story.slice(0, 2))}<div class="post"><span class="time">10:02</span> Crews closed the east ramp first and sent drivers to Maple Avenue.</div>${paragraphs(story.slice(2))}`;
    expect(extract(pageWith({ header: '<h1>Bridge to close for eight months</h1>', body })).paragraphs).toContain('10:02 Crews closed the east ramp first and sent drivers to Maple Avenue.');
  });
});

describe('a declared body that holds only part of the story', () => {
  it('keeps the rest when the declared element holds less than half of the text', () => {
    const more = [
      'Crews will work at night on the river side so that the riverside path can stay open to walkers and cyclists for most of the closure.',
      'The city council approved the $48 million contract last month after a single bid came in under the engineers’ estimate.',
      'A second public meeting on the detour is planned for March 14 at the Ninth Street library branch, the department said.',
    ];
    const html = `<html><head><title>Bridge to close | River Post</title><meta property="og:site_name" content="River Post"></head><body><main>
<h1>Bridge to close for eight months</h1>
<div class="story"><div itemprop="articleBody">${paragraphs(story.slice(0, 2))}</div><div class="story-more">${paragraphs([...story.slice(2), ...more])}</div></div></main></body></html>`;
    expect(extract(html).paragraphs).toEqual([...story, ...more]);
  });
});
