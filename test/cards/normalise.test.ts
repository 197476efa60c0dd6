import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SOURCE_BYTES } from '../../shared/api.ts';
import {
  formatFromFilename,
  normaliseSource,
  SourceRejectedError,
} from '../../server/cards/index.ts';

const PAGE = `<!DOCTYPE html>
<html><head><title>Chile &amp; Peru agree port rules | Example Wire</title>
<style>body { color: red } p::after { content: "<p>no</p>" }</style>
<script>window.track = function () { return "<p>tracking pixel</p>"; };</script></head>
<body class="single has-sidebar">
<nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="share-buttons"><a>Share on Facebook</a><a>Tweet</a><a>Email</a></div>
<article>
<h1>Chile and Peru agree port rules</h1>
<figure><img src="port.jpg" alt="Container cranes"><figcaption>Photo: Reuters</figcaption></figure>
<p>Chile&#8217;s transport minister called the text &ldquo;a sensible first step&rdquo; on&nbsp;Monday.</p>
<p>Officials from both   countries
will meet again in May.</p>
<ul><li>Customs hours</li><li>Fees &amp; tariffs</li></ul>
<table><tr><th>Country</th><th>Port</th></tr><tr><td>Chile</td><td>San Antonio</td></tr><tr><td>Peru</td><td>Callao | Chancay</td></tr></table>
<p>You cannot copy content of this page</p>
<a href="#top">Scroll to Top</a>
</article>
<aside class="newsletter">Sign up for our newsletter</aside>
<footer>&copy; 2025 Example Wire. All rights reserved.</footer>
</body></html>`;

describe('normaliseSource', () => {
  it('strips HTML chrome, scripts, styles, share bars, captions and copy-protection notices', () => {
    const n = normaliseSource({ format: 'html', content: PAGE });
    expect(n.title).toBe('Chile & Peru agree port rules | Example Wire');
    expect(n.text).toContain('Chile and Peru agree port rules');
    expect(n.text).toContain(
      'Chile’s transport minister called the text “a sensible first step” on Monday.',
    );
    expect(n.text).toContain('Officials from both countries will meet again in May.');
    expect(n.text).toContain('- Fees & tariffs');
    expect(n.text).toContain('Country | Port');
    expect(n.text).toContain('Peru | Callao / Chancay');
    for (const junk of [
      'tracking',
      'color: red',
      'Home',
      'Share on Facebook',
      'Tweet',
      'Photo: Reuters',
      'cannot copy',
      'Scroll to Top',
      'newsletter',
      '©',
    ]) {
      expect(n.text).not.toContain(junk);
    }
  });

  it('strips Markdown syntax and keeps tables as pipe rows', () => {
    const md = [
      '# Brazil and **Argentina** talk trade',
      '',
      'A [joint statement](https://example.org/x "x") was _published_ on `Tuesday`.',
      '![chart](chart.png)',
      '',
      '* first point',
      '1. second point',
      '',
      '| Country | Topic |',
      '|:---|---:|',
      '| Brazil | Ethanol |',
      '',
      '> Quoted paragraph &amp; more.',
      '',
      '[ref]: https://example.org',
    ].join('\n');
    const n = normaliseSource({ format: 'markdown', content: md });
    expect(n.title).toBe('Brazil and Argentina talk trade');
    expect(n.text.split('\n')).toEqual([
      'Brazil and Argentina talk trade',
      '',
      'A joint statement was published on Tuesday.',
      '',
      '- first point',
      '- second point',
      '',
      'Country | Topic',
      'Brazil | Ethanol',
      '',
      'Quoted paragraph & more.',
    ]);
  });

  it('drops plain-text boilerplate and image stubs but joins hard-wrapped lines', () => {
    const text = [
      'Paraguay signs asylum deal',
      '',
      'Paraguay signs asylum deal 썸네일 이미지',
      '',
      'The agreement was signed in Asunción and',
      'covers people who cross into Paraguay first.',
      '',
      'Share on X',
      'error: Content is protected !!',
      'Scroll to Top',
    ].join('\r\n');
    const n = normaliseSource({ format: 'text', content: text });
    expect(n.text).toBe(
      'Paraguay signs asylum deal\n\nThe agreement was signed in Asunción and covers people who cross into Paraguay first.',
    );
  });

  it('derives a stable id from the normalised text unless one is given', () => {
    const a = normaliseSource({ format: 'text', content: 'Peru and Chile.\n' });
    const b = normaliseSource({ format: 'text', content: 'Peru and Chile.\r\n\r\n' });
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.contentHash.startsWith(a.id)).toBe(true);
    expect(normaliseSource({ format: 'text', content: 'Peru.', id: 'mine' }).id).toBe('mine');
  });

  it.each([
    ['empty', '   \n  '],
    ['binary', 'abc\u0000def'],
    ['empty', '<html><script>only()</script></html>'],
  ])('rejects %s input with a named error', (reason, content) => {
    const format = content.startsWith('<') ? 'html' : 'text';
    let caught: unknown;
    try {
      normaliseSource({ format, content });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SourceRejectedError);
    expect((caught as SourceRejectedError).reason).toBe(reason);
  });

  it('maps file names to formats', () => {
    expect(formatFromFilename('a.TXT')).toBe('text');
    expect(formatFromFilename('notes.markdown')).toBe('markdown');
    expect(formatFromFilename('b.md')).toBe('markdown');
    expect(formatFromFilename('page.htm')).toBe('html');
    expect(formatFromFilename('doc.pdf')).toBeNull();
    expect(formatFromFilename('README')).toBeNull();
  });
});

describe('source length', () => {
  it('accepts any text the upload limit accepts: 2.05 MB of ASCII is not too long', () => {
    const sentence = 'Peru and Chile signed a port agreement on Monday. ';
    const content = sentence.repeat(Math.ceil(2_050_000 / sentence.length));
    expect(content.length).toBeGreaterThanOrEqual(2_050_000);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(DEFAULT_MAX_SOURCE_BYTES);
    expect(() => normaliseSource({ format: 'text', content })).not.toThrow();
  });
});
