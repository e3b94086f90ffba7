import { describe, expect, it } from 'vitest';
import { isBoilerplate } from '../../../src/intake/boilerplate.js';

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
  ])('drops %j', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it.each([
    'The operator said it would post updates in its weekly newsletter, as reported by Reuters.',
    'Register of Deeds Kim Lee said the office would open on Saturdays.',
    'By Tuesday, the council had approved the plan.',
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
  ])('keeps %j', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });
});
