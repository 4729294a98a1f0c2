import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/data/markdown';
import { findExecutableHtml, XSS_PAYLOADS } from '../src/testing/xss';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('**Roundtable** in _Rennes_\n\n- one\n- two')).toBe(
      '<p><strong>Roundtable</strong> in <em>Rennes</em></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
    );
  });

  it('keeps http(s) links and marks them nofollow noopener', () => {
    expect(renderMarkdown('[CoR](https://cor.europa.eu/)')).toBe(
      '<p><a href="https://cor.europa.eu/" rel="nofollow noopener noreferrer">CoR</a></p>',
    );
  });

  it('shows raw HTML as text instead of interpreting it', () => {
    expect(renderMarkdown('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
  });

  it.each(XSS_PAYLOADS)('never lets %s execute', (payload) => {
    const html = renderMarkdown(payload);
    expect(findExecutableHtml(html), html).toEqual([]);
  });
});

describe('findExecutableHtml (the XSS detector the sanitisation tests rely on)', () => {
  it.each([
    ['<script>x</script>', '<script> element'],
    ['<a href="javascript:x">y</a>', 'javascript: URL in href on <a>'],
    ['<a href=" JaVa\tScRiPt:x">y</a>', 'javascript: URL in href on <a>'],
    ['<a href="&#106;avascript:x">y</a>', 'javascript: URL in href on <a>'],
    ['<p onclick="x">y</p>', 'onclick attribute on <p>'],
    ['<a href="//evil.example/">y</a>', 'protocol-relative href="//evil.example/"'],
    ['<img src=x>', '<img> element'],
  ])('finds %s', (html, finding) => {
    expect(findExecutableHtml(html)).toContain(finding);
  });

  it('treats escaped markup as text', () => {
    expect(findExecutableHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=x</p>')).toEqual([]);
  });
});
