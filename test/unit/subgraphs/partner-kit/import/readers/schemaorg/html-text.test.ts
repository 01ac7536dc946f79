import { describe, expect, it } from 'vitest';
import { decodeReferences, htmlToText } from '../../../../../../../subgraphs/partner-kit/import/readers/schemaorg/html-text.js';

describe('htmlToText', () => {
  it.each([
    { name: 'escaped once more (science-on-schema.org)', html: '&lt;p&gt;&quot;Winter&quot; ecology&lt;/p&gt;\r\n\r\n&lt;p&gt;Second &amp; last&lt;/p&gt;', text: '"Winter" ecology\n\nSecond & last' },
    { name: 'plain HTML', html: '<p>One <em>two</em></p><p>three<br/>four</p>', text: 'One two\n\nthree\nfour' },
    { name: 'a link keeps its text', html: '<a href="http://x/r.pdf" target="_blank">(from the cruise report)</a>', text: '(from the cruise report)' },
    { name: 'a "<" that opens no tag stays', html: 'p < 0.05 and 3<4', text: 'p < 0.05 and 3<4' },
    { name: 'numeric references', html: '&#39;quoted&#x27; &#8211; &#x1F600;', text: "'quoted' \u2013 \u{1F600}" },
    { name: 'an unknown or unterminated reference is text', html: 'AT&T &bogus; & more', text: 'AT&T &bogus; & more' },
  ])('$name', ({ html, text }) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('decodes each reference once: &amp;lt; is the text "&lt;"', () => {
    expect(decodeReferences('&amp;lt;')).toBe('&lt;');
  });
});
