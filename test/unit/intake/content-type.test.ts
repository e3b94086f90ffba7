import { describe, expect, it } from 'vitest';
import { isHtml, parseContentType } from '../../../src/intake/content-type.js';

describe('parseContentType', () => {
  it.each([
    ['text/html', { mediaType: 'text/html', charset: null }],
    ['Text/HTML; Charset=UTF-8', { mediaType: 'text/html', charset: 'utf-8' }],
    ['text/html; boundary=x; charset="Windows-1252"', { mediaType: 'text/html', charset: 'windows-1252' }],
    ['application/xhtml+xml;charset=', { mediaType: 'application/xhtml+xml', charset: null }],
    ['  text/html  ;  charset = iso-8859-1 ', { mediaType: 'text/html', charset: 'iso-8859-1' }],
  ])('reads %j', (header, expected) => {
    expect(parseContentType(header)).toEqual(expected);
  });

  it('has nothing to say about a missing or empty header', () => {
    expect(parseContentType(undefined)).toBeNull();
    expect(parseContentType(' ; charset=utf-8')).toBeNull();
  });
});

describe('isHtml', () => {
  it('accepts HTML and XHTML only', () => {
    expect(['text/html', 'application/xhtml+xml'].every(isHtml)).toBe(true);
    expect(['text/plain', 'application/pdf', 'image/png', 'application/xml', 'text/htmlx'].some(isHtml)).toBe(false);
  });
});
