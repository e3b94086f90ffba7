import { describe, expect, it } from 'vitest';
import { isBoilerplate, isBylineLine, isCreditLine, isDateText, isHeadingLabel, isOutletReporterLine } from '../../../src/intake/boilerplate.js';

describe('telling page furniture from article sentences', () => {
  it.each([
    'Advertisement',
    'Story continues below advertisement',
    'Read more: Storm leaves 9,000 without power',
    'RELATED: Island store rations bread',
    'Sign up for our morning newsletter to get the day’s news in your inbox.',
    'Share this article on Facebook',
    'Facebook Twitter Email',
    'Photo: Jana Holm/Bay Times',
    '(Photo by Ellen Marsh/Getty Images)',
    'Updated 3:45 p.m. ET, March 4, 2025',
    'Published 2 hours ago',
    'By Ana Ruiz',
    'Posted by admin on 9 July 2025',
    'Contact Hollis Baptiste at hbaptiste@courier.example or follow him on X @hbaptiste.',
    'Priya Natarajan covers health care for the Sentinel. Reach her at pn@sentinel.example.',
    'We use cookies to give you the best online experience.',
    '© 2025 Bay Times. All rights reserved.',
    'Thanks for reading the Sentinel. Subscribe now for unlimited access to local news.',
    '1,208 reads',
    'Watch the video above for the latest from the scene.',
    'The views expressed in this column are the author’s own.',
    'Advertisement · Scroll to continue',
    'Order Reprints | Today’s Paper | Subscribe',
    'A version of this article appears in print on May 3, 2026, Section MB, Page 4 of the City edition with the headline: Library Opens. Order Reprints | Subscribe',
    'Our Standards: The Trust Principles.',
    '(Photo: Jana Holm/Bay Times)',
    '(Reporting by Ana Ruiz; editing by Tom Lee)',
    'This story was originally published by Bay Current and is republished here under a Creative Commons license.',
    '-3.16 (-7.02%)',
    'After Hours: 11/24/26 EST 6:42 PM',
    'Posted: Tuesday, November 24, 2026 11:05 pm',
    'Story continues below this ad',
    '— With files from Marie Gagnon in Montreal',
    'This report by The Canadian Press was first published Nov. 28, 2026.',
    'This article was originally published in The Conversation on Nov. 3, 2026.',
    'DOI: 10.1038/s41558-026-02211-x',
    'You have referred 0 readers so far.',
    '(Con información de Télam)',
    '(Corrects spelling of minister’s name in third paragraph)',
    'Most Read from Bloomfield Businessweek',
    'Source: London Metal Exchange',
    'Enlarge this image',
    'toggle caption',
    'ERCOT’s control room in Taylor, Texas. getty',
    'For a reprint of this article, please contact reprints@docket.example.',
    'Header image: Vehicles crawl past construction barriers on University Road on Saturday.',
    '— Photo by Fahim Siddiqi/White Star',
    'This story was originally featured on CapitalWeekly.com',
    'Information from The Allied Press was used in this report.',
    'Contributing: Priya Nand, Lakeshore Network',
    'Reporting by Harriet Cole in Singapore; Additional reporting by Sune Dahl; Editing by Martin Pryce',
    'This article is part of POLITICALE’s Morning Tech coverage.',
    'Stocks In This Article:',
  ])('drops %j', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it.each([
    'The operator said it would post updates in its weekly newsletter, as reported by Reuters.',
    'Register of Deeds Kim Lee said the office would open on Saturdays.',
    'By Tuesday, the council had approved the plan.',
    'Photo by photo, the exhibit traces the river’s decline over a century.',
    'Information from the hearing was used in the lawsuit, the lawyers said.',
    'Published in 1998, the report found the river badly polluted.',
    'Updated figures released Monday show the deficit shrinking.',
    'Photographs taken from the same spots since 1890 show the glacier’s retreat.',
    'Readers who subscribe to the print edition will see the change first.',
    '“Never again.”',
    'Copyright lawyers said the ruling would be appealed.',
    'A version of the bill passed the Senate in 2019, but it never reached the governor.',
    'Our standards for drinking water are among the strictest in the country, the mayor said.',
    'Share prices fell 4% after the announcement.',
    'Officers continued to follow him on foot for two blocks.',
    'Police tried to contact her at the hospital but she had left.',
    'Staff writer Kevin Tran contributed from Alder Springs.',
    'The report was first published in 2019 and has been cited by the council ever since.',
    'Shares fell 7.02% to $41.87.',
    'Note: the vote was 5-2.',
    'This report was first published in 2019 and has been cited by the council ever since.',
    'With files from the clerk’s office, the council rebuilt the timeline.',
    'The study was published in Nature Climate Change on Wednesday.',
    'Source: two officials who asked not to be named because the talks were private.',
    'This story has been one of the most read on our site all year, the editor said in an interview about the project.',
    'For permissions to build on the site, the developer must contact the county planning office.',
  ])('keeps %j', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });
});

describe('bylines, credits, date lines and box headings in the shapes templates share', () => {
  it.each([
    ['Por Gabriela Ibarra | Reportera', []],
    ['Von Jonas Weber', []],
    ['Lucía Vidal | Reportera', ['Lucía Vidal']],
    ['Omar Haddad, Transport Correspondent', ['Omar Haddad']],
    ['Omar Haddad and Ines Berg', ['Omar Haddad']],
  ] as const)('reads %j as a byline', (line, names) => {
    expect(isBylineLine(line, names)).toBe(true);
  });

  it.each([
    ['Omar Haddad said the shuttle would run every ten minutes.', ['Omar Haddad']],
    ['Por la mañana, el puente estaba cerrado.', []],
    ['Parking is free on Sundays.', []],
  ] as const)('does not read %j as a byline', (line, names) => {
    expect(isBylineLine(line, names)).toBe(false);
  });

  it('reads a short unpunctuated line that ends on the outlet, or NAME for OUTLET, as a credit', () => {
    expect(isCreditLine('Rafael Ortiz for North Star Public Radio', 'North Star Public Radio')).toBe(true);
    expect(isCreditLine('Andrés Molina / La Voz del Valle', 'La Voz del Valle')).toBe(true);
    expect(isCreditLine('Grace Lindholm for The Harbor Courier')).toBe(true);
    expect(isCreditLine('Readers wrote in to thank North Star Public Radio', 'North Star Public Radio')).toBe(false);
    expect(isCreditLine('The station will keep broadcasting for North Star Public Radio.', 'North Star Public Radio')).toBe(false);
  });

  it.each([
    '26 de noviembre de 2026 - 10:30 a.m.',
    'Mittwoch, 3. Dezember 2025',
    'Nov. 30, 2026 5:02 AM ET',
    'July 26, 2026 at 07:15 JST',
    'Publié le 4 mars 2026 à 18h30',
    'Stand: 03.12.2025 14:30 Uhr',
    '2026/11/28 18:30',
    '14:30, 3 Dec 2026Updated 15:02, 3 Dec 2026',
    '29 Nov, 2026 06:20 p.m. AR',
    'Updated: November 29, 2026 10:15 IST',
  ])('reads %j as nothing but a date', (line) => {
    expect(isDateText(line)).toBe(true);
  });

  it.each(['The vote is on March 3.', 'In 2026, the bridge turns 60', 'Since May 2019 the deck has been patched four times'])('does not read %j as a date line', (line) => {
    expect(isDateText(line)).toBe(false);
  });

  it('tells the heading of a box from the heading of a section of the story', () => {
    for (const label of ['Related stories', 'More Stories From NSPR', 'More from The Courier', 'Recommended for you', 'Comments', 'Most read', 'In this article']) expect(isHeadingLabel(label)).toBe(true);
    for (const heading of ['More money for roads', 'What changes for drivers', 'Related costs rise', 'Why now?']) expect(isHeadingLabel(heading)).toBe(false);
  });
});

describe('the outlet asking the reader, in any of the languages of the outlets people link', () => {
  it.each([
    '… we have a small favour to ask. Millions turn to the Chronicle every day for open, independent journalism. Will you support us today?',
    'The River Post is a nonprofit newsroom funded by readers like you. Can you help us keep it that way?',
    'Lire aussi | Le pont de la rue Neuve fermera huit mois',
    'Temps de lecture 4 min.',
    'Download the River Post app to get breaking news alerts sent straight to your phone.',
    'Join our Derbyshire WhatsApp community for the latest news here.',
    'Publié le 12 mars 2026 à 08h15, modifié à 10h02',
  ])('drops %j', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it.each([
    '“Will you support us today?” the food bank’s director asked the council.',
    'Donors gave $2 million to the hospital foundation last year, the report said.',
    'The city will download the data from the app every night, officials said.',
  ])('keeps %j', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });
});

describe('notes and prompts of the big templates', () => {
  it.each([
    'This article originally appeared on Ashford Courier-Journal: Ashford transit levy heads to voters after council deal',
    'Read the original article on The Rotunda.',
    'NEWYou can now listen to FNX News articles!',
    'Listen to this article · 8:14 min',
    'Follow AP’s coverage of the environment at https://apnews.example/hub/climate-and-environment',
    'Priya Sethi · CNB News · Posted: Dec 01, 2026 5:00 AM AST | Last Updated: 4 hours ago',
  ])('drops %s', (line) => {
    expect(isBoilerplate(line) || isBylineLine(line, ['Priya Sethi'])).toBe(true);
  });

  it.each([
    'The post originally appeared on a forum for nurses, where it was shared 4,000 times before the hospital responded.',
    'Follow-up inspections found the same coverage gaps at three stations, the report said.',
    'Priya Sethi · a nurse at the clinic · said the wait was the longest she had seen. She has worked there nine years.',
  ])('keeps %s', (line) => {
    expect(isBoilerplate(line) || isBylineLine(line, ['Priya Sethi'])).toBe(false);
  });

  it('takes "Read more MBC tech news" for a box label, not a subheading', () => {
    expect(isHeadingLabel('Read more MBC tech news')).toBe(true);
    expect(isHeadingLabel('Reading more into the numbers')).toBe(false);
  });
});

describe('stamps and site lines of the big templates, second batch', () => {
  it.each([
    'Dec. 1, 2026, 6:00 AM EST / Updated Dec. 1, 2026, 9:12 AM EST',
    'Get Current Updates on India News, Elections 2026, Delhi News along with Latest News and Top Headlines from India and around the world.',
  ])('drops %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it('keeps a sentence that names two dates', () => {
    expect(isBoilerplate('The council met on Dec. 1, 2026 / and again a week later to vote on the plan.')).toBe(false);
  });
});

describe('bylines and badges of live pages and broadcasters', () => {
  it.each([
    ['Hannah Reid Political reporter @hannahreid', ['Hannah Reid']],
  ] as const)('reads %s as a byline', (line, names) => {
    expect(isBylineLine(line, names)).toBe(true);
  });

  it('keeps a sentence that opens with a name and a job', () => {
    expect(isBylineLine('Hannah Reid, a political reporter, asked the minister twice whether the cap would return.', ['Hannah Reid'])).toBe(false);
    expect(isBylineLine('From Monday’s meeting came three new rules', [])).toBe(false);
  });

  it('reads "From CNX’s Luis Ortega" as a live post’s byline only with the page’s own name', () => {
    expect(isOutletReporterLine('From CNX’s Luis Ortega', 'CNX')).toBe(true);
    expect(isOutletReporterLine('From Obama’s White House', 'CNX')).toBe(false);
    expect(isOutletReporterLine('From the Watchman’s Ana Ruiz', 'The Watchman')).toBe(true);
  });

  it.each([
    'Why you can trust Skyline News',
    'Please use Chrome browser for a more accessible video player',
    'Follow Skyline News on WhatsApp',
    'Keep up with all the latest news from the UK and around the world by following Skyline News',
  ])('drops %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });
});

describe('notes of business and weekly sites', () => {
  it.each([
    "Appeared in the December 2, 2026, print edition as 'Controller Shortage Tightens Holiday Flights'.",
    'Update 12/1/26, 3:05 p.m. ET: This article was updated with comment from the American Egg Board.',
    'Do you have a story Newsweekly should be covering? Do you have any questions about this story? Contact LiveNews@newsweekly.example.',
  ])('drops %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it('keeps a sentence about an update or a print run', () => {
    expect(isBoilerplate('Update: The council said on Tuesday that the vote would be held again in January after a complaint about the count.')).toBe(false);
    expect(isBoilerplate('The magazine appeared in the shops a week late because of the strike at the printing plant.')).toBe(false);
  });
});

describe('shopping-link disclosures', () => {
  it.each(['If you buy something from a Vergence link, Vox Mediaverse may earn a commission.', 'See our ethics statement.'])('drops %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it('keeps a sentence about a broker earning a commission', () => {
    expect(isBoilerplate('Agents earned a commission of 6% on each sale, the lawsuit says, which buyers paid through higher prices.')).toBe(false);
  });
});

describe('republishing notes of explainer sites', () => {
  it.each(['This article is republished from The Discourse under a Creative Commons license.', 'Read the original article.'])('drops %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it('keeps a sentence about reading the original contract', () => {
    expect(isBoilerplate('Read the original article of the treaty and you find no mention of the river at all, the lawyers argued.')).toBe(false);
  });
});

describe('share bar labels', () => {
  it('drops "Share or comment on this article:"', () => {
    expect(isBoilerplate('Share or comment on this article:')).toBe(true);
  });
});

describe('the editor’s credit under a broadcaster’s story', () => {
  it('drops "Edited by: Sarah Lindholm" and keeps a sentence that starts the same way', () => {
    expect(isBylineLine('Edited by: Sarah Lindholm')).toBe(true);
    expect(isBylineLine('Edited by hand over three weeks, the film runs just under two hours and opens on Friday.')).toBe(false);
  });
});

describe('a video player’s sharing tool', () => {
  it('drops "Copy/paste the article video embed link below:"', () => {
    expect(isBoilerplate('Copy/paste the article video embed link below:')).toBe(true);
    expect(isBoilerplate('Copy the link into the form and the council will send a code by text message within a day.')).toBe(false);
  });
});

describe('a byline line set in capitals', () => {
  it('reads "KENJI TANAKA, Nikko staff writer" as Kenji Tanaka’s byline', () => {
    expect(isBylineLine('KENJI TANAKA, Nikko staff writer', ['Kenji Tanaka'])).toBe(true);
    expect(isBylineLine('Kenji Tanaka said the plant would open in 2029, a year later than planned.', ['Kenji Tanaka'])).toBe(false);
  });
});

describe('a live post’s update stamp written the British way', () => {
  it('drops "Updated at 15.24 GMT" and keeps a sentence about an update', () => {
    expect(isBoilerplate('Updated at 15.24 GMT')).toBe(true);
    expect(isBoilerplate('Updated figures show 15.24 per cent of homes are empty in the borough, the council said on Monday.')).toBe(false);
  });
});

describe('a reporter’s contact line', () => {
  it('drops "X can be reached at …" and keeps a sentence about who could not be reached', () => {
    expect(isBoilerplate('Marisa Lopez can be reached at mlopez@valleysentinel.example or 555-0188.')).toBe(true);
    expect(isBoilerplate('The owner could not be reached for comment on Monday, and the restaurant was closed.')).toBe(false);
  });
});

describe('a service line that is news', () => {
  it('keeps "The county’s crisis hotline can be reached at 555-0100 around the clock."', () => {
    expect(isBoilerplate('The county’s crisis hotline can be reached at 555-0100 around the clock.')).toBe(false);
    expect(isBoilerplate('She can be reached at mlopez@valleysentinel.example.')).toBe(true);
  });
});

describe('news sentences the new prompt rules leave alone', () => {
  it.each([
    'Fans can follow Taylor Swift on Instagram for updates about the tour dates.',
    'Agents may earn a commission of up to 6% on each home they sell, the lawsuit says.',
    'Why you can trust the new polls more than the old ones',
  ])('keeps %s', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });
});

describe('pointers to the page’s other boxes', () => {
  it('drops "Related video above: …" and keeps a sentence about a related video', () => {
    expect(isBoilerplate('Related video above: Firefighters describe battling wind-driven flames')).toBe(true);
    expect(isBoilerplate('Related videos posted online showed the fire jumping the highway near the Mesa Verde exit.')).toBe(false);
  });
});

describe('calls for readers’ stories', () => {
  it.each(['We want to hear from you', 'Are you a community college student or staff member? Tell us how budget cuts are affecting your campus.'])('drops %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it('keeps a quoted question in the story', () => {
    expect(isBoilerplate('“Are you going to fix it?” she asked the contractor. He said he would come back on Monday.')).toBe(false);
  });
});

describe('a magazine’s print-issue line', () => {
  it('drops "Published in the print edition of the … issue"', () => {
    expect(isBoilerplate('Published in the print edition of the December 8, 2026, issue, with the headline “The Last Public Room.”')).toBe(true);
  });
});

describe('an aggregated story’s closing lines', () => {
  it.each(['Read more at The Nightly Beast.', "Get the Nightly Beast's biggest scoops and scandals delivered right to your inbox. Sign up now."])('drops %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it('keeps a sentence that reads more into the numbers', () => {
    expect(isBoilerplate('Analysts read more at the margins than the headline figure suggested, pointing to weaker demand.')).toBe(false);
  });
});
