import { Parser } from 'htmlparser2';

/**
 * Payloads from the OWASP XSS filter evasion cheat sheet and friends, as a user might type them into a
 * Markdown field. Tests of every `*Html` field run them all.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](<javascript:alert(1)>)',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '[a](https://example.org "title\\" onmouseover=\\"alert(1)")',
  '<details open ontoggle=alert(1)>',
  '<object data="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '<https://example.org/"onmouseover="alert(1)>',
  '[x](//evil.example/)',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
];

/** Elements that run or load something; none may appear in rendered user content. */
const ACTIVE_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'svg',
  'math',
  'style',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'img',
  'video',
  'audio',
  'source',
  'details',
  'body',
  'html',
  'template',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

/**
 * What in `html` could run script or load from elsewhere when a browser renders it, as readable findings
 * (empty when safe): active elements, `on…` handler attributes, and URLs that are not http(s)/mailto or are
 * protocol-relative. Parses the HTML as a browser tokeniser would, so escaped text (`&lt;script&gt;`) is text.
 */
export function findExecutableHtml(html: string): string[] {
  const findings: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (ACTIVE_ELEMENTS.has(name)) findings.push(`<${name}> element`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith('on')) findings.push(`${attribute} attribute on <${name}>`);
          if (attribute === 'style' && /url\s*\(|expression\s*\(/i.test(value)) {
            findings.push(`style with url() on <${name}>`);
          }
          if (URL_ATTRIBUTES.has(attribute)) {
            // Browsers ignore ASCII whitespace and control characters inside the scheme.
            const url = [...value]
              .filter((character) => character.charCodeAt(0) > 0x20)
              .join('')
              .toLowerCase();
            if (url.startsWith('//')) findings.push(`protocol-relative ${attribute}="${value}"`);
            const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
            if (scheme && !['http', 'https', 'mailto'].includes(scheme)) {
              findings.push(`${scheme}: URL in ${attribute} on <${name}>`);
            }
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return findings;
}
