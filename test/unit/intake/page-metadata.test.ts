import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomDocument } from '../../../src/intake/dom.js';
import { isoDate, readPageMetadata, withoutSiteSuffix } from '../../../src/intake/page-metadata.js';
import { personName } from '../../../src/intake/person-names.js';

const read = (head: string, body = '', url = 'https://news.example/a') =>
  readPageMetadata(parseHTML(`<html><head>${head}</head><body>${body}</body></html>`).document as unknown as DomDocument, url);

describe('reading what a page says about its article', () => {
  it('takes the site off a <title> however the site separates it', () => {
    expect(withoutSiteSuffix('Ferry pilot extended - Bay Post', null, { guessShortTail: true })).toBe('Ferry pilot extended');
    expect(withoutSiteSuffix('Ferry pilot extended | News | Bay Post', 'Bay Post', { guessShortTail: true })).toBe('Ferry pilot extended');
    expect(withoutSiteSuffix('Glacier museum doubles visitors :: Alpine Courier', 'Alpine Courier')).toBe('Glacier museum doubles visitors');
  });

  it('takes the full headline a page shows as an <h2> when it declares one cut short', () => {
    const head = '<meta property="og:title" content="Grandfather, 80, wins six-year fight with council over garden wall">';
    const shown = '<h2>Grandfather, 80, wins six-year fight with council over garden wall that \'ruined his view\'</h2>';
    expect(read(head, `${shown}<p>Story.</p>`).title).toBe("Grandfather, 80, wins six-year fight with council over garden wall that 'ruined his view'");
    // A subheading that merely repeats a few of its words is not the headline.
    expect(read(head, '<h2>Grandfather, 80 years old</h2><p>Story.</p>').title).toBe('Grandfather, 80, wins six-year fight with council over garden wall');
  });

  it('writes the byline as the page shows it when the declared author drops its accents', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry cuts","author":{"@type":"Person","name":"Zoe Lefevre"}}</script>';
    expect(read(head, '<h1>Ferry cuts</h1><div class="byline">By <span class="authorName">Zoé Lefèvre</span></div><p>Story.</p>').byline).toBe('Zoé Lefèvre');
  });

  it('ends a <title> headline where the page’s own <h1> ends', () => {
    expect(read('<title>Split story - Site</title>', '<h1>Split story</h1>').title).toBe('Split story');
    expect(read('<title>Split story, part two | Site</title>', '<h1>Split</h1>').title).toBe('Split story, part two');
  });

  it('keeps a headline whose own dash is not followed by the site name', () => {
    expect(withoutSiteSuffix('Council votes to close the pool — and reopen it in June', 'Bay Post')).toBe('Council votes to close the pool — and reopen it in June');
    expect(withoutSiteSuffix('Inflation rises - again', null, { guessShortTail: true })).toBe('Inflation rises - again');
  });

  it('reads JSON-LD authors given as plain strings, and a broken JSON-LD block does not hide a good one', () => {
    const head = `<script type="application/ld+json">{ broken, </script>
<script type="application/ld+json">{"@type":"BlogPosting","headline":"Ferry","author":["Ana Ruiz","Tom Lee","Ana Ruiz"]}</script>`;
    expect(read(head)).toMatchObject({ title: 'Ferry', byline: 'Ana Ruiz and Tom Lee' });
  });

  it('reads a name out of a byline with its job, time stamp or outlet', () => {
    expect(personName('By Ana Ruiz, Staff Writer')).toBe('Ana Ruiz');
    expect(personName('BY: Ana Ruiz | Reuters')).toBe('Ana Ruiz');
    expect(personName('By Ana Ruiz Updated 3:45 PM EST')).toBe('Ana Ruiz');
    expect(personName('Ana Ruiz, Tom Lee')).toBe('Ana Ruiz and Tom Lee');
    expect(personName('By Hannah Osei November 24, 2026')).toBe('Hannah Osei');
    expect(personName('Posted by Northgate News staff')).toBeNull();
    expect(personName('Metro desk')).toBeNull();
    expect(personName('Desmond Staffieri')).toBe('Desmond Staffieri');
  });

  it('does not take an author profile URL for a name', () => {
    expect(read('<meta property="article:author" content="https://facebook.com/ana"><meta name="author" content="https://news.example/staff/ana">').byline).toBeNull();
  });

  it('keeps the calendar date the publisher wrote, whatever its time zone', () => {
    expect(isoDate('2025-11-04T23:30:00-06:00')).toBe('2025-11-04');
    expect(isoDate('March 4, 2025 10:00 UTC')).toBe('2025-03-04');
    expect(isoDate('not a date')).toBeNull();
    expect(read('', '<time datetime="2025-02-01T08:00:00Z">Feb 1</time>').date).toBe('2025-02-01');
  });

  it('dates a story published in UTC by the newsroom’s calendar when the page shows its clock', () => {
    const published = '<meta property="article:published_time" content="2026-11-27T23:30:00Z">';
    // Sydney: the page shows its update at 2.05pm for 03:05Z, so 23:30Z was the next morning there.
    expect(read(published, '<time datetime="2026-11-28T03:05:00Z">November 28, 2026 — 2.05pm</time>').date).toBe('2026-11-28');
    // New York: 02:41Z on the 12th was 10:41 PM on the 11th.
    const late = '<meta property="article:published_time" content="2026-10-12T02:41:00Z">';
    expect(read(late, '<time datetime="2026-10-12T02:41:00Z">Oct 11, 2026, 10:41 PM ET</time>').date).toBe('2026-10-11');
    // No clock shown: the UTC date stands.
    expect(read(published, '<time datetime="2026-11-27T23:30:00Z">November 27</time>').date).toBe('2026-11-27');
  });

  it('names every author a page tags once per author, and reads the byline box when no tag names one', () => {
    const tags = '<meta name="parsely-author" content="Rafael Soto"><meta name="parsely-author" content="Amy Lindgren"><meta name="parsely-author" content="Owen Pike">';
    expect(read(tags).byline).toBe('Rafael Soto, Amy Lindgren and Owen Pike');
    const box = '<h1>Farm bill splits House</h1><p class="story-meta__byline">By <a href="/s/1" class="author">Rafael Soto</a> and <a href="/s/2" class="author">Owen Pike</a></p>';
    expect(read('', box).byline).toBe('Rafael Soto and Owen Pike');
  });

  it('reads the date line shown under the headline when the markup gives no date, not the masthead’s date', () => {
    const body = '<div class="mastdate">Wednesday, November 25, 2026</div><h1>Grain co-op expansion approved</h1><div class="byline">Robert Hale, Staff Writer</div><div class="storydate">Posted: Tuesday, November 24, 2026 11:05 pm</div><p>Story.</p>';
    expect(read('', body).date).toBe('2026-11-24');
    expect(read('', '<h1>Pier reopens</h1><p class="dateline">Sun 29 Nov 2026 14.02 GMT</p>').date).toBe('2026-11-29');
  });

  it('resolves a relative canonical link against the page URL', () => {
    expect(read('<link rel="canonical" href="/2025/ferry">', '', 'https://www.news.example/amp/ferry').canonicalUrl).toBe('https://www.news.example/2025/ferry');
  });
});

describe('reading a byline the way a reader would', () => {
  it('leaves out the agency after the name and the place the reporter filed from', () => {
    expect(personName('By Jordan Tremblay, The Canadian Press')).toBe('Jordan Tremblay');
    expect(personName('Ana Ruiz, Associated Press')).toBe('Ana Ruiz');
    expect(personName('Hannah Voss in Berlin')).toBe('Hannah Voss');
    expect(personName('Written by Arjun Mehta')).toBe('Arjun Mehta');
    expect(personName('Luc Arsenault | Hockey writer')).toBe('Luc Arsenault');
  });

  it('takes a staff title and the paper’s name run into the byline off the name', () => {
    const head = '<meta property="og:site_name" content="The Harlan Herald"><meta name="author" content="Casey Lindgren Herald Staff Writer">';
    expect(read(head).byline).toBe('Casey Lindgren');
    expect(read('<meta property="og:site_name" content="The Harlan Herald"><meta name="author" content="Mary Ann Lindgren">').byline).toBe('Mary Ann Lindgren');
  });

  it('keeps the name from "Interview by …" and "Words by …" credits and from a name set in capitals', () => {
    expect(personName('Interview by Sam Okonkwo')).toBe('Sam Okonkwo');
    expect(personName('Words by Ines Berg')).toBe('Ines Berg');
    expect(personName('By KENJI MORI')).toBe('Kenji Mori');
  });
});

describe('the publisher as its masthead writes it', () => {
  it('capitalises a site name set in lower case for style', () => {
    expect(read('<meta property="og:site_name" content="the Albion Chronicle">').publisher).toBe('The Albion Chronicle');
  });

  it('adds the "The" that the logo, the copyright line or the declared publisher write', () => {
    const site = '<meta property="og:site_name" content="Millbrook Gazette">';
    expect(read(site, '<header><a class="logo" href="/">The Millbrook Gazette</a></header>').publisher).toBe('The Millbrook Gazette');
    expect(read(site, '<footer><p>© Copyright 2026 The Millbrook Gazette, 220 Main St.</p></footer>').publisher).toBe('The Millbrook Gazette');
    expect(read(`${site}<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"The Millbrook Gazette"}}</script>`).publisher).toBe('The Millbrook Gazette');
  });

  it('keeps a name the page never writes with "The"', () => {
    const site = '<meta property="og:site_name" content="Riverbend Reader">';
    expect(read(site, '<a class="masthead" href="/">RIVERBEND READER</a><p>Join the Riverbend Reader Press Club.</p><footer>© 2026 Riverbend Reader. All rights reserved.</footer>').publisher).toBe('Riverbend Reader');
    expect(read(site, '<a class="logo" href="/">The Riverbend Readers’ Club</a>').publisher).toBe('Riverbend Reader');
  });
});

describe('bylines the markup gives in part', () => {
  it('takes every author the byline box joins with "and" when the markup declares only the first', () => {
    const head = '<meta name="author" content="Oluwaseun Bakare">';
    expect(read(head, '<div class="post-author"><span>by</span> <a href="/a/ob">Oluwaseun Bakare</a> and <a href="/a/in">Ifeoma Nwachukwu</a></div>').byline).toBe('Oluwaseun Bakare and Ifeoma Nwachukwu');
  });

  it('does not take a station or a university after the name for a second author', () => {
    const head = '<meta name="author" content="Kayla Dorsey">';
    expect(read(head, '<div class="byline">By Kayla Dorsey, KNTV 9 News</div>').byline).toBe('Kayla Dorsey');
    expect(read(head, '<div class="byline">By Kayla Dorsey and the University of Otago</div>').byline).toBe('Kayla Dorsey');
  });

  it('reads the host of a podcast episode page from its JSON-LD', () => {
    const head = '<script type="application/ld+json">{"@type":"PodcastEpisode","headline":"Episode 112","author":[{"@type":"Person","name":"Rhea Castellanos"}]}</script>';
    expect(read(head).byline).toBe('Rhea Castellanos');
  });
});

describe('publishers and authors of syndicated and broadcast pages', () => {
  it('names the outlet an aggregator took the story from (JSON-LD provider)', () => {
    const head = '<meta property="og:site_name" content="Yonder News"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Rail merger","provider":{"@type":"Organization","name":"The Rotunda"},"publisher":{"@type":"Organization","name":"Yonder News"}}</script>';
    expect(read(head).publisher).toBe('The Rotunda');
  });

  it('takes the brand the title and the logo show when the declared name is its first word', () => {
    const head = '<title>Ferry fares jump | CNB News</title><meta property="og:site_name" content="CNB">';
    expect(read(head, '<a class="logo" href="/" aria-label="CNB News home"></a>').publisher).toBe('CNB News');
    expect(read(head, '<a class="logo" href="/">CNB Sports</a>').publisher).toBe('CNB News');
    const section = '<title>Ferry fares jump | CNB Politics</title><meta property="og:site_name" content="CNB">';
    expect(read(section, '<a class="logo" href="/">CNB</a>').publisher).toBe('CNB');
  });

  it('does not take "The X is a nonprofit newsroom" in a brand box for a masthead that writes "The X"', () => {
    const head = '<title>Board closes schools - Riverbend Current</title><meta property="og:site_name" content="Riverbend Current">';
    expect(read(head, '<footer><div class="footer-branding">The Riverbend Current is a nonprofit newsroom.</div></footer>').publisher).toBe('Riverbend Current');
    expect(read(head, '<header><a class="logo" href="/">The Riverbend Current</a></header>').publisher).toBe('The Riverbend Current');
  });

  it('passes over a masthead set as an <h1> to find the shown headline', () => {
    const head = '<meta property="og:title" content="Exports rise for 14th month, but car shipments slip"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Exports rise for 14th month"}</script>';
    expect(read(head, '<h1 class="logo"><a href="/">Korea Courier</a></h1><h1 class="news_title">Exports rise for 14th month, but car shipments slip</h1>').title).toBe('Exports rise for 14th month, but car shipments slip');
  });

  it('reads every name of a byline whose role line or date box runs into the last one', () => {
    expect(personName('By Marisol Ortega and Dev Khanna Times Staff Writers')).toBe('Marisol Ortega and Dev Khanna');
    expect(personName('Imran Siddiqui | Ayesha Khattak Published November 30, 2026')).toBe('Imran Siddiqui and Ayesha Khattak');
  });

  it('says a profile, a search page or a collection declares itself no article', () => {
    expect(read('<meta property="og:type" content="profile">').declaredNotArticle).toBe(true);
    expect(read('<script type="application/ld+json">{"@graph":[{"@type":"ProfilePage"},{"@type":"Person","name":"Eleanor Whitfield"}]}</script>').declaredNotArticle).toBe(true);
    // An article page that also declares the collection it belongs to is an article.
    expect(read('<script type="application/ld+json">[{"@type":"CollectionPage"},{"@type":"NewsArticle","headline":"Schools close"}]</script>').declaredNotArticle).toBe(false);
    expect(read('<meta property="og:type" content="article">').declaredNotArticle).toBe(false);
  });

  it('takes the masthead’s shorter name when the title and the logo both write it so', () => {
    const head = '<title>Measles cases climb - Newsline</title><meta property="og:site_name" content="Newsline Magazine">';
    expect(read(head, '<div class="brand"><img alt="Newsline" src="/logo.svg"></div>').publisher).toBe('Newsline');
    expect(read(head, '<div class="brand"><img alt="Newsline Magazine" src="/logo.svg"></div>').publisher).toBe('Newsline Magazine');
    expect(read('<title>Shutdown vote live | CNX Politics</title><meta property="og:site_name" content="CNX">', '<a class="brand-logo" href="/" aria-label="CNX logo"></a>').publisher).toBe('CNX');
  });

  it('names the paper, not its web edition or a wire agency that contributed the story', () => {
    const online = '<title>Seal pup waddles into car park | Daily Beacon Online</title><meta property="og:site_name" content="Beacon Online"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Daily Beacon"}}</script>';
    expect(read(online, '<div class="masthead"><img alt="Beacon Online" src="/logo.png"></div>').publisher).toBe('Daily Beacon');
    const withAfp = '<meta property="og:site_name" content="Antenne 24"><script type="application/ld+json">{"@type":"NewsArticle","sourceOrganization":{"@type":"Organization","name":"AFP"},"publisher":{"@type":"NewsMediaOrganization","name":"Antenne 24"}}</script>';
    expect(read(withAfp).publisher).toBe('Antenne 24');
    // A paper's own site in <title> is no newsroom brand: only call letters gain "News".
    expect(read('<title>Schools shift online | Manila Courier News</title><meta property="og:site_name" content="Manila Courier">').publisher).toBe('Manila Courier');
  });

  it('names a broadcaster by the newsroom brand its logo or title shows, not by its call letters', () => {
    const station = '<title>Apartment fire displaces 31 families | KTVR</title><meta property="og:site_name" content="KTVR">';
    expect(read(station, '<div class="site-branding"><a href="/"><img alt="KTVR 9 News" src="/logo.png"></a></div>').publisher).toBe('KTVR 9 News');
    expect(read('<title>Ferry cancellations | CBN News</title><meta property="og:site_name" content="CBN">', '<a class="cbnLogo" aria-label="CBN"></a>').publisher).toBe('CBN News');
    // Another word than "News" may be a section or a programme: the declared name stands.
    expect(read(station, '<div class="site-branding"><img alt="KTVR 9 Weather" src="/logo.png"></div>').publisher).toBe('KTVR');
  });

  it('leaves a wire agency listed as a person out of the byline', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Tasha Grant"},{"@type":"Person","name":"Associated Press"}]}</script>';
    expect(read(head).byline).toBe('Tasha Grant');
  });
});

describe('names written in a chain’s house style', () => {
  it('spells a slug site name the way the title and JSON-LD do', () => {
    const head = '<title>Homes still not rebuilt | Gulf Sentinel-Star</title><meta property="og:site_name" content="gulfsentinelstar"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Gulf Sentinel-Star"}}</script>';
    expect(read(head).publisher).toBe('Gulf Sentinel-Star');
    expect(read('<meta property="og:site_name" content="kmlb">').publisher).toBe('kmlb');
  });

  it('reads two authors from one author tag separated by a comma', () => {
    expect(read('<meta name="author" content="Carmen Ibarra, Wes Donnelly">').byline).toBe('Carmen Ibarra and Wes Donnelly');
    expect(read('<meta name="author" content="Carmen Ibarra, Staff Writer">').byline).toBe('Carmen Ibarra');
  });
});

describe('bylines shown without "By" or with places and outlets', () => {
  it('reads every author link of the byline, with the places they filed from', () => {
    const body = '<h1>Grain deal</h1><address><a rel="author" href="/p/ok">Olena Kravets</a> in Kyiv and <a rel="author" href="/p/ps">Piotr Sowa</a> in Warsaw</address><aside><a rel="author" href="/p/x">Someone Else</a></aside>';
    expect(read('', body).byline).toBe('Olena Kravets and Piotr Sowa');
  });

  it('reads a box of names under the headline, and not a teaser’s author further down', () => {
    const standfirst = '<p class="intro">Sydney’s property market has recorded its first monthly fall since late 2024, with buyers pulling back as hopes of a rate cut faded.</p>';
    const long = '<p>Sydney home values fell 0.3 per cent in November, the first monthly decline in almost two years, according to figures from a property data firm.</p>';
    expect(read('', `<h1>Prices fall</h1>${standfirst}<div class="author_name"><a>Tessa Morgan</a> and <a>Liam Shaw</a></div><div class="author_source">NCA NewsWire</div>${long}`).byline).toBe('Tessa Morgan and Liam Shaw');
    expect(read('', `<h1>Prices fall</h1>${standfirst}${long}${long}<div class="author">Jo Bloggs</div>`).byline).toBeNull();
  });

  it('leaves the page’s own name off the end of the byline', () => {
    const head = '<meta property="og:site_name" content="Kentwood Gazette">';
    expect(read(head, '<h1>Ward to close</h1><span class="asset-byline">By Renee Collins and Omar Haddad, Kentwood Gazette</span>').byline).toBe('Renee Collins and Omar Haddad');
  });
});

describe('a site name given as the site’s address', () => {
  it('takes "Blumberg" for "Blumberg.com" when the page calls itself that', () => {
    const head = '<meta property="og:site_name" content="Blumberg.com"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Blumberg"}}</script>';
    expect(read(head).publisher).toBe('Blumberg');
    expect(read('<meta property="og:site_name" content="Salon.com">').publisher).toBe('Salon.com');
  });
});

describe('bylines in all their forms', () => {
  it.each([
    ['By Jane Doe, Staff Writer, and John Roe, Correspondent', 'Jane Doe and John Roe'],
    ['By JANE DOE and JOHN ROE Associated Press', 'Jane Doe and John Roe'],
    ['Jane Doe in Washington and John Roe in London', 'Jane Doe and John Roe'],
    ['By Jane Doe, Chief Business Correspondent, and John Roe', 'Jane Doe and John Roe'],
    ['By Jane Doe & John Roe', 'Jane Doe and John Roe'],
    ['By Jane Doe, CNX', 'Jane Doe'],
    ['Jane Doe, Denver Post', 'Jane Doe'],
    ['By Jane Doe For Dailymail.com', 'Jane Doe'],
    ['Jane Doe, Kyiv', 'Jane Doe'],
    ['By Ana de la Cruz and Tom Lee, The Daily Star', 'Ana de la Cruz and Tom Lee'],
    ['By Jane Doe, John Roe and Kim Park, The Daily Star', 'Jane Doe, John Roe and Kim Park'],
  ])('reads %s as %s', (line, name) => {
    expect(personName(line)).toBe(name);
  });
});

describe('a site name that is the site’s address', () => {
  it('passes over an og:site_name given as a URL for the declared publisher', () => {
    const head = '<meta property="og:site_name" content="https://www.wcrv.example"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"NewsMediaOrganization","name":"WCRV"}}</script>';
    expect(read(head).publisher).toBe('WCRV');
  });
});

describe('an academic author’s byline', () => {
  it('leaves the university after the name out', () => {
    expect(personName('Meera Iyer, University of Westbrook')).toBe('Meera Iyer');
    expect(personName('Meera Iyer, Associate Professor of Energy Economics, University of Westbrook')).toBe('Meera Iyer');
  });
});

describe('a tabloid’s byline in capitals with jobs', () => {
  it('reads both people out of the shown byline when the markup declares only the first', () => {
    const head = '<meta name="author" content="Nikki Schwab, Senior U.S. Political Reporter For Dailyherald.com">';
    const body = '<p class="author-section byline-plain">By <a class="author">NIKKI SCHWAB, SENIOR U.S. POLITICAL REPORTER</a> and <a class="author">EMILY GOODIN, SENIOR U.S. POLITICAL REPORTER FOR DAILYHERALD.COM</a></p>';
    expect(read(head, body).byline).toBe('Nikki Schwab and Emily Goodin');
  });
});

describe('a wire story on a local paper', () => {
  it('takes the reporter, not the agency run into the name', () => {
    expect(personName('By JOHN FLESHER Associated Press')).toBe('John Flesher');
    expect(personName('Maria Reuters')).toBe('Maria Reuters');
  });
});

describe('a broadcaster’s byline box of lines', () => {
  it('takes the name among the box’s lines (date, job, place) when nothing declares a person', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"NewsMediaOrganization","name":"BNC News"}}</script>';
    const body = '<h1>Tram plan approved</h1><div data-testid="byline-new"><time>1 December 2026</time><div><span>Tom Ellery</span><div>Transport correspondent</div><div>Reporting from Leeds</div></div></div>';
    expect(read(head, body).byline).toBe('Tom Ellery');
    expect(read(head, '<h1>Tram plan approved</h1><div data-testid="byline-new"><span>BNC News</span><div>Reporting from Leeds</div></div>').byline).toBeNull();
  });

  it('spells a lower-case slug site name as the declared publisher does', () => {
    const head = '<meta property="og:site_name" content="euroview"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Euroview"}}</script>';
    expect(read(head).publisher).toBe('Euroview');
  });
});

describe('authors set apart by a bar', () => {
  it('reads "A, Job | B, Job" as two people, and "A | Outlet" as one', () => {
    expect(personName('Oliver Wright, Policy Editor | Steven Swinford, Political Editor')).toBe('Oliver Wright and Steven Swinford');
    expect(personName('Jane Doe | Reuters')).toBe('Jane Doe');
    expect(personName('Jane Doe · CNB News · Posted: Dec 01, 2026')).toBe('Jane Doe');
  });
});

describe('an aggregator’s page without JSON-LD', () => {
  it('names the outlet whose logo the story region shows as its provider', () => {
    const head = '<meta property="og:site_name" content="MSX">';
    const body = '<header><a class="brand-logo"><img alt="MSX"></a></header><main><div class="provider-info"><a class="provider-logo"><img alt="The Rotunda"></a></div><h1>House passes bill</h1></main>';
    expect(read(head, body).publisher).toBe('The Rotunda');
    expect(read(head, '<header><div class="auth-provider"><img alt="Google"></div></header><main><h1>House passes bill</h1></main>').publisher).toBe('MSX');
  });
});

describe('a print view that names its site only in <title>', () => {
  it('takes the last segment of the title after the headline for the site, not the section', () => {
    expect(read('<title>Shelter approved - Print - The Valley Sentinel</title>', '<h1>Shelter approved</h1>').publisher).toBe('The Valley Sentinel');
  });
});

describe('a video embed’s provider inside the story', () => {
  it('is not taken for the publisher', () => {
    const long = '<p>The House on Monday passed a bill that would expand federal subsidies for high-speed internet at rural schools and libraries across the country.</p>';
    const body = `<main><h1>House passes bill</h1>${long}<div class="embed-provider-youtube"><img alt="YouTube"></div></main>`;
    expect(read('<meta property="og:site_name" content="Bay Post">', body).publisher).toBe('Bay Post');
  });
});
