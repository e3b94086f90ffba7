import { escapeRegExp, foldAccents } from '../core/text.js';
import type { DomDocument, DomNode } from './dom.js';
import { isAgency, isPersonShaped, jobWords, joinNames, namesIn, outletWords, personName } from './person-names.js';

/**
 * What a page says about its article in its markup: JSON-LD, Open Graph and `<meta>` tags,
 * `<link rel=canonical>`, `<time>`. Read before Readability runs, since Readability mutates the DOM.
 */

/** Each field is the first the page gives, in the order of trust noted; null when none. */
export interface PageMetadata {
  /**
   * The headline the page shows (its `<h1>` in the article or main region) when it agrees with a
   * declared one; else JSON-LD `headline`, `og:title`, `twitter:title`, `<title>` (site suffix removed).
   */
  title: string | null;
  /** JSON-LD `author`, `meta[name=author]`, `rel=author` link text. */
  byline: string | null;
  /** `og:site_name`, JSON-LD `publisher.name`, `application-name`. */
  publisher: string | null;
  /** `article:published_time`, JSON-LD `datePublished`, `<time datetime>`; YYYY-MM-DD. */
  date: string | null;
  /** `<link rel=canonical>`, `og:url`, JSON-LD `url` / `mainEntityOfPage`, resolved, http(s) only. */
  canonicalUrl: string | null;
  /** JSON-LD `articleBody`: the whole text, on pages whose HTML shows only a teaser until scripts run. */
  articleBody: string | null;
  /**
   * The page says it is no article: a profile (`og:type` "profile", JSON-LD `ProfilePage`), search
   * results or a collection of stories, and declares no article either.
   */
  declaredNotArticle: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** An article, a post, a report, or a podcast's or a programme's episode page (whose author is its host). */
const articleTypes = /^(?:\w+)?(?:Article|BlogPosting|Posting|Report|Episode)$/u;

export function readPageMetadata(document: DomDocument, pageUrl: string): PageMetadata {
  const ld = articleJsonLd(document);
  const meta = (key: string) => metaContent(document, key);
  const documentTitle = clean(document.querySelector('title')?.textContent);
  const declaredTitle = text(ld?.headline) ?? meta('og:title') ?? meta('twitter:title');
  const shownSegment = declaredTitle === null && documentTitle !== null ? shownTitleSegment(document, documentTitle) : null;
  const siteName = asMastheadWrites(
    document,
    // An aggregator's copy names the outlet it took the story from (`provider`): the story's publisher.
    nameOf(ld?.provider) ??
    // …but a wire agency the story credits ("with AFP") contributed it to the page's own outlet.
    notAnAgency(nameOf(ld?.sourceOrganization)) ??
    shownProvider(document) ??
    notAnAddress(meta('og:site_name')) ??
    nameOf(ld?.publisher) ??
    meta('application-name') ??
    siteInTitle(documentTitle, declaredTitle ?? clean(document.querySelector('h1')?.textContent) ?? shownSegment) ??
    siteBeforeHeadline(documentTitle, shownSegment) ??
    copyrightHolder(document),
    [nameOf(ld?.publisher), documentTitle?.split(titleSeparator).at(-1) ?? null],
  );
  const shown = shownHeadline(document, [text(ld?.headline), meta('og:title'), meta('twitter:title'), documentTitle]);
  const title = shown ?? (declaredTitle !== null
    ? withoutSiteSuffix(declaredTitle, siteName)
    : (documentTitle === null ? null : headingInTitle(document, documentTitle) ?? shownSegment) ??
      namedHeadline(document) ??
      (documentTitle === null ? null : withoutSiteSuffix(documentTitle, siteName, { guessShortTail: true })));
  return {
    title,
    byline: withoutOutletWord(bylineOf(document, authorNames(ld?.author) ?? metaAuthors(document) ?? authorLinks(document)), siteName),
    publisher: siteName,
    date:
      localDate(meta('article:published_time') ?? text(ld?.datePublished) ?? meta('date') ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null, document) ??
      shownDate(document, title),
    canonicalUrl:
      webUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href'), pageUrl) ??
      webUrl(meta('og:url'), pageUrl) ??
      webUrl(text(ld?.url), pageUrl) ??
      webUrl(entityId(ld?.mainEntityOfPage), pageUrl),
    articleBody: typeof ld?.articleBody === 'string' && ld.articleBody.trim() !== '' ? ld.articleBody : null,
    declaredNotArticle: ld === null && (meta('og:type')?.toLowerCase() === 'profile' || jsonLdTypes(document).some((type) => listingTypes.has(type))),
  };
}

/** Share of words two headlines must have in common (Dice) to be one headline written twice. */
const sameHeadline = 0.5;

/**
 * Sites often declare a search-engine headline (JSON-LD, `<title>`) that differs from the one the
 * reader sees; the one shown is the article's. It is trusted only when a declared headline agrees
 * with it roughly, so a masthead `<h1>` or a section name never becomes the title.
 */
function shownHeadline(document: DomDocument, declared: ReadonlyArray<string | null>): string | null {
  const inStory = [...document.querySelectorAll('article h1, main h1, [role="main"] h1, [itemprop="headline"]')];
  // "<h1 class="logo">": a masthead set as an <h1> on every page, beside the story's own.
  const all = [...document.querySelectorAll('h1')].filter((heading) => !heading.matches('[class*="logo" i], [class*="brand" i], [class*="masthead" i], [id*="logo" i]'));
  // A section name set as an <h1> above the story's own is passed over: the first that agrees wins.
  for (const heading of inStory.length > 0 ? inStory : all.length === 1 ? all : []) {
    const shown = clean(heading.textContent);
    if (shown !== null && declared.some((title) => title !== null && wordOverlap(shown, title) >= sameHeadline)) return shown;
  }
  // A tabloid sets its headline as an <h2> and declares it cut short for search and social
  // ("… over 40ft leylandii hedge" of "… hedge that 'blocked out the sun'"): the full one is shown.
  if (inStory.length === 0 && all.length === 0) {
    for (const heading of document.querySelectorAll('h2')) {
      const shown = clean(heading.textContent);
      if (shown !== null && declared.some((title) => title !== null && title.split(/\s+/u).length >= minExtendedWords && shown.length > title.length && shown.startsWith(title))) return shown;
    }
  }
  return null;
}

/** A declared headline this long that an <h2> continues is that headline cut short, not a coincidence. */
const minExtendedWords = 5;

function wordOverlap(first: string, second: string): number {
  const words = (value: string) => new Set(value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const a = words(first);
  const b = words(second);
  const shared = [...a].filter((word) => b.has(word)).length;
  return a.size + b.size === 0 ? 0 : (2 * shared) / (a.size + b.size);
}

/**
 * The site's name as its own masthead writes it: "the Albion Chronicle" (`og:site_name` set in the
 * house style) is "The Albion Chronicle", and "Millbrook Gazette" is "The Millbrook Gazette" when
 * the logo, the copyright line, the declared publisher or `<title>` call it that. A page that never
 * writes the "The" keeps the name without it.
 */
function asMastheadWrites(document: DomDocument, siteName: string | null, declared: ReadonlyArray<string | null>): string | null {
  if (siteName === null) return null;
  // "gulfsentinelstar": a chain's slug for the paper that its `<title>` and JSON-LD spell "Gulf Sentinel-Star";
  // "Blumberg.com": the site's address for the outlet they call "Blumberg".
  const bare = siteName.replace(/\.(?:com|co\.uk|com\.au|co|net|org|news|in|ca|ie)$/iu, '');
  if (/^[\p{Ll}\d.-]+$/u.test(siteName) || bare !== siteName) {
    const spelled = [...declared, ...logoTexts(document)]
      .map((name) => clean(name))
      .find((name): name is string => name !== null && name !== siteName && loose(name) === loose(bare) && (/[\s\p{Lu}]/u.test(name) || bare !== siteName));
    if (spelled !== undefined) return spelled;
  }
  // "Beacon Online" (`og:site_name`, the logo) is the web edition of the paper the JSON-LD
  // publisher names, "Daily Beacon": the paper publishes the story.
  const webEdition = /^(.+?)\s+Online$/u.exec(siteName)?.[1];
  const paper = clean(declared[0]);
  if (webEdition !== undefined && paper !== null && paper !== siteName && new RegExp(`\\b${escapeRegExp(webEdition)}\\b`, 'u').test(paper)) return paper;
  if (/^the\s/u.test(siteName)) return `T${siteName.slice(1)}`;
  if (/^the\s/iu.test(siteName)) return siteName;
  const withThe = `the ${siteName}`.toLowerCase();
  const logos = logoTexts(document);
  const written = [...declared, copyrightHolder(document), ...logos];
  const writesThe = written.some((name) => {
    const shown = clean(name)?.toLowerCase();
    // "The Albion Chronicle — Home", "The Albion Chronicle: since 1871": a name, then the logo's own words; not
    // a sentence that opens with the name ("The Riverbend Current is a nonprofit newsroom…" in a footer brand box).
    return shown !== undefined && shown.startsWith(withThe) && !/^[\p{L}\p{N}]/u.test(shown.slice(withThe.length)) && !/^\s+(?:is|are|was|has|will)\b/u.test(shown.slice(withThe.length));
  });
  if (writesThe) return `The ${siteName}`;
  const shownLogos = logos.map((logo) => clean(logo)).filter((logo): logo is string => logo !== null);
  const titleTail = clean(declared.at(-1));
  return shownBrand(siteName, titleTail, shownLogos) ?? newsroomBrand(siteName, [titleTail, ...shownLogos]) ?? siteName;
}

/** "CNB" → "CNB News": the brand shown adds a word or two to the declared one, no more. */
const maxNameExtraWords = 2;

/**
 * The outlet's name as the reader sees it, when the declared one is a short or a long form of it and
 * both the logo and `<title>` show the other: "CNB" declared under a "CNB News" logo and "… | CNB
 * News", or "Newsline Magazine" declared where the logo and `<title>` say "Newsline". One of them
 * alone is not enough: a `<title>`'s "CNX Politics" is a section, and a logo's "Newsline" beside
 * "Newsline Magazine" may be its short form (a newsroom's brand is `newsroomBrand`'s). null: the
 * declared name stands.
 */
function shownBrand(siteName: string, titleTail: string | null, logos: ReadonlyArray<string>): string | null {
  if (titleTail === null || titleTail.toLowerCase() === siteName.toLowerCase()) return null;
  const [short, long] = titleTail.length > siteName.length ? [siteName, titleTail] : [titleTail, siteName];
  const related = long.toLowerCase().startsWith(`${short.toLowerCase()} `) && long.split(/\s+/u).length - short.split(/\s+/u).length <= maxNameExtraWords;
  // "CNB News home": a logo's label says where it leads.
  const onLogo = logos.some((logo) => logo.toLowerCase() === titleTail.toLowerCase() || logo.toLowerCase() === `${titleTail.toLowerCase()} home`);
  return related && onLogo ? titleTail : null;
}

const callLetters = /^\p{Lu}[\p{Lu}\d]{1,5}$/u;

/**
 * "KTVR 9 News" on the logo of a station that declares "KTVR", "… | CBN News" in the `<title>` of
 * a broadcaster that declares "CBN": its newsroom's brand, which is what readers see and cite.
 * Only a channel number and "News" added; any other word may be a section ("CNX Politics").
 */
function newsroomBrand(siteName: string, shown: ReadonlyArray<string | null>): string | null {
  // Call letters or an acronym: a paper's "Manila Courier News" in `<title>` is the paper's site, not a newsroom brand.
  if (!callLetters.test(siteName)) return null;
  const newsroom = new RegExp(`^${escapeRegExp(siteName)}(?: \\d{1,3})? News$`, 'u');
  return shown.find((name): name is string => name !== null && newsroom.test(name)) ?? null;
}

/** What the masthead's logo says: its text, its image's `alt`, its label or its SVG's title. */
function logoTexts(document: DomDocument): string[] {
  const logos = [...document.querySelectorAll('[class*="logo" i], [id*="logo" i], [class*="masthead" i], [class*="brand" i]')];
  return logos.flatMap((logo) => [
    logo.textContent,
    logo.getAttribute('aria-label'),
    logo.getAttribute('title'),
    ...[...logo.querySelectorAll('img[alt], svg title')].map((inner) => inner.getAttribute('alt') ?? inner.textContent),
  ]).flatMap((value) => (value === null ? [] : [value]));
}

const maxProviderWords = 6;

/**
 * "<a class="provider-logo"><img alt="The Rotunda"></a>" in the story's region: an aggregator shows
 * the logo of the outlet whose story it carries. (A site's own logo sits in its masthead, outside
 * `<main>` and `<article>`.)
 */
function shownProvider(document: DomDocument): string | null {
  // Above the story's text, where the aggregator credits it (a video embed's "provider" further down names a platform).
  for (const element of document.body ? document.body.querySelectorAll('*') : []) {
    if (element.tagName.toUpperCase() === 'P' && (element.textContent ?? '').split(/\s+/u).length >= minStoryParagraphWords) return null;
    if (!element.matches('main [class*="provider"], article [class*="provider"], [role="main"] [class*="provider"]')) continue;
    const alt = clean(element.matches('img') ? element.getAttribute('alt') : element.querySelector('img[alt]')?.getAttribute('alt'));
    if (alt && alt.split(' ').length <= maxProviderWords && !/\blogo\b/iu.test(alt)) return alt;
  }
  return null;
}

function notAnAgency(name: string | null): string | null {
  return name !== null && isAgency(name) ? null : name;
}

/** `og:site_name` set to "https://www.wcrv.example": the site's address, not its name. */
function notAnAddress(name: string | null): string | null {
  return name !== null && /^(?:https?:\/\/|www\.)/iu.test(name) ? null : name;
}

/** "Headline - The Fenwick Ledger": in `<title>`, what follows the page's own headline names the site. */
function siteInTitle(documentTitle: string | null, headline: string | null): string | null {
  if (documentTitle === null || headline === null || headline === '' || !documentTitle.startsWith(headline)) return null;
  const tail = /^\s*[|–—\-:·•]\s*(.+)$/u.exec(documentTitle.slice(headline.length))?.[1]?.trim();
  // "Headline - Print - The Valley Sentinel", "Headline | News | Site": the sections come between, the site last.
  const site = tail?.split(titleSeparator).at(-1)?.trim();
  return site !== undefined && site !== '' && site.split(/\s+/u).length <= 6 ? site : null;
}

function metaContent(document: DomDocument, key: string): string | null {
  for (const element of document.querySelectorAll('meta')) {
    const name = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop') ?? '').trim().toLowerCase();
    if (name === key) {
      const content = clean(element.getAttribute('content'));
      if (content) return content;
    }
  }
  return null;
}

/** The first JSON-LD object typed as an article (`NewsArticle`, `BlogPosting`, `LiveBlogPosting`, …). */
/** What an author's page, a search page or a section front declares itself in JSON-LD. */
const listingTypes = new Set(['ProfilePage', 'SearchResultsPage', 'CollectionPage']);

function jsonLdTypes(document: DomDocument): string[] {
  return [...document.querySelectorAll('script[type="application/ld+json"]')].flatMap((script) => {
    try {
      return jsonObjects(JSON.parse(script.textContent ?? '') as Json).flatMap(typesOf);
    } catch {
      return [];
    }
  });
}

function articleJsonLd(document: DomDocument): JsonObject | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: Json;
    try {
      parsed = JSON.parse(script.textContent ?? '') as Json;
    } catch {
      continue; // A broken block is common (trailing commas, HTML comments); the others may still serve.
    }
    const found = jsonObjects(parsed).find((node) => typesOf(node).some((type) => articleTypes.test(type)));
    if (found) return found;
  }
  return null;
}

/** Every object of a JSON-LD value, through arrays and `@graph`. */
function jsonObjects(value: Json): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(jsonObjects);
  if (value === null || typeof value !== 'object') return [];
  const graph = value['@graph'];
  return [value, ...(graph === undefined ? [] : jsonObjects(graph))];
}

function typesOf(node: JsonObject): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((entry): entry is string => typeof entry === 'string');
}

function text(value: Json | undefined): string | null {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(text).find((entry) => entry !== null) ?? null;
  return null;
}

function nameOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(nameOf).find((entry) => entry !== null) ?? null;
  if (value && typeof value === 'object') return text(value.name);
  return null;
}

/** `mainEntityOfPage`: the page's URL as a string or as `{ "@id": … }`. */
function entityId(value: Json | undefined): string | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) return text(value['@id']) ?? text(value.url);
  return text(value);
}

/** JSON-LD `author`: a string, an object with `name`, or an array of either. */
function authorNames(value: Json | undefined): string | null {
  // An author typed as an organisation (a wire agency, the paper itself) is not whose byline it is.
  const entries = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (entry) => !(entry !== null && typeof entry === 'object' && !Array.isArray(entry) && typesOf(entry).some((type) => /Organization$/u.test(type))),
  );
  const names = [...new Set(entries.map((entry) => personName(nameOf(entry))).filter((name): name is string => name !== null && !isAgency(name)))];
  return names.length === 0 ? null : joinNames(names);
}

/** Tags that name the author, one tag per author, in the order trusted. */
const authorTags = ['author', 'parsely-author', 'sailthru.author', 'article:author', 'dc.creator', 'byl'];

/** `<meta name="parsely-author">` once per author: every one of them, not the first. */
function metaAuthors(document: DomDocument): string | null {
  for (const key of authorTags) {
    const values = [...document.querySelectorAll('meta')]
      .filter((element) => (element.getAttribute('property') ?? element.getAttribute('name') ?? '').trim().toLowerCase() === key)
      .map((element) => personName(element.getAttribute('content')))
      .filter((name): name is string => name !== null)
      // "Carmen Ibarra, Wes Donnelly" in one tag: two authors.
      .flatMap((name) => (namesIn(name).length > 1 && namesIn(name).every(isPersonShaped) ? namesIn(name) : [name]));
    if (values.length > 0) return joinNames([...new Set(values)]);
  }
  return null;
}

/**
 * The declared author, unless the page's byline box shows who wrote it and the declared "author"
 * is only the agency credited beside them ("By Jordan Tremblay, The Canadian Press" declared as
 * "The Canadian Press"); with no declared author, the byline box.
 */
function bylineOf(document: DomDocument, declared: string | null): string | null {
  const line = shownBylineLine(document);
  const shown = line === null ? null : personName(line);
  if (declared === null || shown === null) return declared ?? shown;
  const creditsAgency = shown !== declared && line !== null && line.toLowerCase().includes(declared.toLowerCase()) && !shown.toLowerCase().includes(declared.toLowerCase());
  // "By Oluwaseun Bakare and Ifeoma Nwachukwu" shown, only the first declared: the box names them all.
  // ("Kayla Dorsey, KNTV 9 News" names one person and the station: a list of people is joined by "and".)
  const more = namesIn(shown).filter((name) => !namesIn(declared).includes(name));
  const namesMore = /\band\b|&/u.test(shown) && more.length > 0 && more.every(isPersonShaped) && namesIn(declared).every((name) => namesIn(shown).includes(name));
  if (namesMore) return joinNames(namesIn(shown));
  // "Émilie Tremblay" shown, "Emilie Tremblay" declared: the name as the reader sees it, accents kept.
  if (shown !== declared && foldAccents(shown).toLowerCase() === foldAccents(declared).toLowerCase()) return shown;
  return creditsAgency ? shown : declared;
}

/**
 * "<a rel="author">Olena Kravets</a> in Kyiv and <a rel="author">Piotr Sowa</a> in Warsaw": every
 * author link of the byline the first one sits in (not those of a teaser elsewhere on the page).
 */
function authorLinks(document: DomDocument): string | null {
  const first = document.querySelector('a[rel~="author"]');
  if (!first) return null;
  const links = first.parentElement ? [...first.parentElement.querySelectorAll('a[rel~="author"]')] : [first];
  const names = [...new Set(links.map((link) => personName(clean(link.textContent))).filter((name): name is string => name !== null))];
  return names.length === 0 ? null : joinNames(names);
}

const bylineBoxes = '[class*="byline"], [class*="Byline"], [class*="author"], [class*="Author"], [itemprop~="author"], [data-testid*="byline"], [data-component*="byline"]';

/** "By Rafael Soto, Amy Lindgren and Owen Pike" in the page's byline box. */
function shownBylineLine(document: DomDocument): string | null {
  for (const element of document.querySelectorAll(bylineBoxes)) {
    // "<span>By Kendra Mills</span><span>Published: …</span>": the spans are apart on the page, not run together.
    const line = clean(spacedText(element));
    if (line !== null && line.split(' ').length <= maxShownBylineWords && /^(?:by|written by|words by|posted by):?\s+\p{Lu}/iu.test(line)) return line;
  }
  return namesUnderHeadline(document);
}

/** How far past the headline a byline box without "By" is looked for, in elements. */
const namesReach = 30;

/**
 * "<div class="author_name"><a>Tessa Morgan</a> and <a>Liam Shaw</a></div>" right under the
 * headline: a byline box with no "By", nothing in it but names. Looked for between the headline
 * and the story's first paragraph, so a teaser's author elsewhere is never taken.
 */
function namesUnderHeadline(document: DomDocument): string | null {
  const all = document.body ? [...document.body.querySelectorAll('*')] : [];
  const headline = document.querySelector('article h1, main h1, h1');
  const start = headline ? all.indexOf(headline) : -1;
  if (start < 0) return null;
  let paragraphs = 0;
  for (const element of all.slice(start + 1, start + 1 + namesReach)) {
    // The standfirst may come first: the story has begun at its second long paragraph.
    if (element.tagName.toUpperCase() === 'P' && (element.textContent ?? '').split(/\s+/u).length >= minStoryParagraphWords && ++paragraphs >= 2) return null;
    if (!element.matches(bylineBoxes)) continue;
    const line = clean(spacedText(element))?.replace(/\s+([,])/gu, '$1');
    if (line && line.split(' ').length <= maxShownBylineWords && isNamesOnly(line)) return line;
    // "<div data-testid="byline"><time>1 December 2026</time><span>Tom Ellery</span><div>Transport correspondent</div>…":
    // the box's lines apart, the names among them.
    const names = [...element.querySelectorAll('*')].filter((inner) => inner.children.length === 0).map((inner) => clean(inner.textContent)).filter((text): text is string => text !== null && isNamesOnly(text));
    if (names.length > 0 && names.length <= maxBoxNames) return joinNames([...new Set(names)]);
  }
  return null;
}

const minStoryParagraphWords = 20;
const maxBoxNames = 3;

/** "Tessa Morgan and Liam Shaw": nothing but people's names ("Staff Report", "NCA NewsWire" are a newsroom and an agency). */
function isNamesOnly(line: string): boolean {
  return namesIn(line).every((name) => isPersonShaped(name) && !jobWords.test(name) && !outletWords.test(name));
}

/** "By NIKKI SCHWAB, SENIOR U.S. POLITICAL REPORTER and EMILY GOODIN, …": two people with their jobs. */
const maxShownBylineWords = 24;

/** Text with a space where one element ends and the next begins. */
function spacedText(node: DomNode): string {
  if (node.nodeType === textNodeType) return node.textContent ?? '';
  const children = (node as { childNodes?: Iterable<DomNode> }).childNodes;
  return children ? [...children].map((child) => ` ${spacedText(child)} `).join('') : '';
}

/** "Casey Lindgren Herald" on The Harlan Herald's page: the paper's own name, left after its staff title went. */
function withoutOutletWord(byline: string | null, siteName: string | null): string | null {
  if (byline === null || siteName === null) return byline;
  // "Renee Collins and Omar Haddad, Kentwood Gazette": the page's own name after the authors.
  const outlet = siteName.replace(/^the\s+/iu, '').toLowerCase();
  const comma = byline.lastIndexOf(',');
  if (comma > 0 && byline.slice(comma + 1).trim().replace(/^the\s+/iu, '').toLowerCase() === outlet) return byline.slice(0, comma).trim();
  const siteWords = new Set(siteName.toLowerCase().split(/\s+/u).filter((word) => word !== 'the'));
  const words = byline.split(' ');
  return words.length >= 3 && siteWords.has((words.at(-1) ?? '').toLowerCase()) && !/\band\b|,/u.test(byline) ? words.slice(0, -1).join(' ') : byline;
}

/** " | ", " - ", " — ", " :: ", " » ", "|": the marks sites put between a headline and their name. */
const titleSeparator = /\s+(?:::|[–—·•»/-])\s+|\s*\|\s*/u;
const leadingSeparator = new RegExp(`^(?:${titleSeparator.source})`, 'u');

/**
 * "Port strike ends | Harbor Gazette" → "Port strike ends": a last segment after a separator that
 * names the site is the site, not the headline. In a `<title>` (which nearly always carries the
 * site), a short last segment is taken for the site too.
 */
export function withoutSiteSuffix(title: string, siteName: string | null, { guessShortTail = false } = {}): string {
  const parts = title.split(titleSeparator);
  if (parts.length < 2) return title;
  const last = (parts.at(-1) ?? '').trim();
  const head = title.slice(0, title.lastIndexOf(last)).replace(/[\s|–—·•:»/-]+$/u, '');
  const namesSite = siteName !== null && loose(last) !== '' && (loose(siteName).includes(loose(last)) || loose(last).includes(loose(siteName)));
  const shortTail = guessShortTail && last.split(/\s+/u).length <= 3 && head.split(/\s+/u).length >= 3 && !/[:]/u.test(title.slice(head.length, title.length - last.length));
  return namesSite || shortTail ? withoutSiteSuffix(head, siteName, { guessShortTail }) : title;
}

/** "Split story - Site" with an `<h1>Split story</h1>`: the page's own heading says where the headline ends. */
/**
 * "The Gazette-Observer :: Local News :: Water rates to rise 6 percent in July": older sites put
 * their name first. The segment of `<title>` that the page also shows as a line of its own (in a
 * `<b>`, a `<font>`, a heading) is the headline, wherever it stands.
 */
function shownTitleSegment(document: DomDocument, documentTitle: string): string | null {
  const segments = documentTitle.split(titleSeparator).map((segment) => segment.trim()).filter((segment) => segment.split(/\s+/u).length >= minHeadlineWords);
  if (segments.length === 0 || !documentTitle.split(titleSeparator)[1]) return null;
  const wanted = new Set(segments);
  const found = document.body ? shownLine(document.body, wanted) : null;
  return found;
}

/** A headline is a phrase, not a section name ("Local News"). */
const minHeadlineWords = 3;
const textNodeType = 3;

function shownLine(root: DomNode, wanted: ReadonlySet<string>): string | null {
  for (const node of (root as { childNodes?: Iterable<DomNode> }).childNodes ?? []) {
    if (node.nodeType === textNodeType) {
      const line = clean(node.textContent);
      if (line !== null && wanted.has(line)) return line;
    } else {
      const found = shownLine(node, wanted);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The first segment of a `<title>` whose headline comes later: "The Gazette-Observer :: … :: Headline". */
function siteBeforeHeadline(documentTitle: string | null, headline: string | null): string | null {
  if (documentTitle === null || headline === null) return null;
  const segments = documentTitle.split(titleSeparator).map((segment) => segment.trim());
  const first = segments[0];
  return first !== undefined && first !== headline && segments.includes(headline) && first.split(/\s+/u).length <= 6 ? first : null;
}

/** A headline is a line, not a paragraph. */
const maxHeadlineWords = 25;

/**
 * An old page declares no headline and shows it without an `<h1>`, in an element its class calls
 * the headline (`<font class="headline">`); its `<title>` is the site's ("Tribune Online - Local
 * News"). A headline inside a link is a teaser's.
 */
function namedHeadline(document: DomDocument): string | null {
  if (document.querySelector('h1')) return null;
  for (const element of document.querySelectorAll('[class*="headline" i]')) {
    const shown = clean(element.textContent);
    const words = shown?.split(' ').length ?? 0;
    if (shown && words >= minHeadlineWords && words <= maxHeadlineWords && element.closest('a[href]') === null) return shown;
  }
  return null;
}

/**
 * "Copyright © 2026 Pinewood Valley Sentinel-Tribune. All rights reserved.": on a page that names
 * its site nowhere else, the footer's copyright holder is the publisher (before the bare host).
 */
function copyrightHolder(document: DomDocument): string | null {
  const footerText = clean(document.body?.textContent);
  const holder = footerText
    ? /(?:copyright\s*(?:©|\(c\))?|©)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)(\p{Lu}[\p{L}\p{N}&'’ -]{2,60}?)\s*(?:\.|,|\||$|\s+all\s+rights)/iu.exec(footerText)?.[1]
    : undefined;
  return holder?.trim() || null;
}

function headingInTitle(document: DomDocument, documentTitle: string): string | null {
  for (const heading of document.querySelectorAll('h1')) {
    const text = clean(heading.textContent);
    if (text && text !== documentTitle && documentTitle.startsWith(text) && leadingSeparator.test(documentTitle.slice(text.length).replace(/^\s*/u, ' '))) return text;
  }
  return null;
}

function loose(value: string): string {
  return value.toLowerCase().replace(/^www\./u, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The calendar date the publisher wrote: the leading YYYY-MM-DD, not shifted to another zone. */
export function isoDate(value: string | null | undefined): string | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})/u.exec(value ?? '');
  if (match) return `${match[1]}-${match[2]}-${match[3]}`;
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString().slice(0, 10);
}

/**
 * The publication date as the publisher's readers saw it. A time given in UTC ("…T23:30:00Z") is
 * a calendar date only where the newsroom is; a `<time>` on the page that shows a clock beside its
 * UTC `datetime` ("2.05pm" for 03:05Z) tells how far that is, so 23:30Z is 10:30 the next morning.
 */
function localDate(value: string | null, document: DomDocument): string | null {
  if (value === null || !utcInstant.test(value)) return isoDate(value);
  const published = Date.parse(value);
  const offset = newsroomOffset(document);
  return offset === null || Number.isNaN(published) ? isoDate(value) : new Date(published + offset).toISOString().slice(0, 10);
}

const utcInstant = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$/u;
const quarterHourMs = 15 * 60 * 1000;
const maxOffsetMs = 14 * 60 * 60 * 1000;

/** How far the clock a `<time>` shows is from its UTC `datetime`, in ms; null when no `<time>` tells. */
function newsroomOffset(document: DomDocument): number | null {
  for (const element of document.querySelectorAll('time[datetime]')) {
    const instant = element.getAttribute('datetime') ?? '';
    const shown = clean(element.textContent);
    const day = shown === null ? null : dateInText(shown);
    const clock = shown === null ? null : /\b(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?/iu.exec(shown);
    if (!utcInstant.test(instant) || day === null || !clock) continue;
    const meridiem = clock[3]?.toLowerCase();
    const hours = meridiem === undefined ? Number(clock[1]) : (Number(clock[1]) % 12) + (meridiem.startsWith('p') ? 12 : 0);
    const offset = Date.parse(`${day}T${String(hours).padStart(2, '0')}:${clock[2]}:00Z`) - Date.parse(instant);
    // Seconds in the datetime: the shown clock is to the minute.
    const rounded = Math.round(offset / quarterHourMs) * quarterHourMs;
    if (Math.abs(rounded) <= maxOffsetMs && Math.abs(offset - rounded) < 60 * 1000) return rounded;
  }
  return null;
}

/** How far past the headline the story's date line is looked for, in elements. */
const dateLineReach = 40;
const maxDateLineWords = 16;
const monthNumbers = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((month, index) => [month, index + 1]));
const monthName = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

/**
 * "Posted: Tuesday, November 24, 2026 11:05 pm", "Sun 29 Nov 2026 14.02 GMT": the date line the
 * page shows under its headline, on a page whose markup gives no date. Looked for after the
 * headline (the element showing the title, when there is no `<h1>`), so a masthead's "today is"
 * date is not taken for it.
 */
function shownDate(document: DomDocument, title: string | null): string | null {
  if (!document.body) return null;
  const after = [...document.body.querySelectorAll('*')];
  // The headline: an <h1>, or on an old page the line that shows the title (a <b> in a <font>).
  const headline = document.querySelector('article h1, main h1, h1') ?? after.find((element) => title !== null && clean(element.textContent) === title);
  if (!headline) return null;
  const start = after.indexOf(headline);
  for (const element of after.slice(start + 1, start + 1 + dateLineReach)) {
    const line = clean(element.textContent);
    if (line === null || line.split(' ').length > maxDateLineWords) continue;
    const date = dateInText(line);
    if (date !== null) return date;
  }
  return null;
}

/** "November 24, 2026", "Nov. 24 2026", "24 November 2026", "29 Nov 2026" → YYYY-MM-DD. */
export function dateInText(line: string): string | null {
  const monthFirst = new RegExp(`\\b${monthName}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, 'iu').exec(line);
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${monthName}\\s+((?:19|20)\\d{2})\\b`, 'iu').exec(line);
  const [month, day, year] = monthFirst ? [monthFirst[1], monthFirst[2], monthFirst[3]] : dayFirst ? [dayFirst[2], dayFirst[1], dayFirst[3]] : [];
  const number = monthNumbers.get((month ?? '').toLowerCase());
  if (number === undefined || day === undefined || year === undefined || Number(day) < 1 || Number(day) > 31) return null;
  return `${year}-${String(number).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function webUrl(href: string | null | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    const resolved = new URL(href.trim(), base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
  } catch {
    return null;
  }
}

function clean(value: string | null | undefined): string | null {
  const collapsed = value?.replace(/\s+/gu, ' ').trim();
  return collapsed ? collapsed : null;
}
