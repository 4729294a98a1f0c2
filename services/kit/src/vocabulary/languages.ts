// Content negotiation of the language of labels (Accept-Language, RFC 9110 §12.5.4): one reading for the gateway
// (which keys its response cache on it) and the subgraphs (which answer in it), so both agree on every header.

/**
 * The language of `supported` the `Accept-Language` header prefers: the highest q-value wins (ties: the order the
 * client wrote), a tag matches a supported language by its primary subtag (`fr-CH` → `fr`), `*` matches the first
 * supported language not otherwise listed, and `q=0` refuses a language. Null when the header is absent, malformed
 * or names none of them. `supported`: lower-case primary subtags, e.g. `['en', 'fr', 'de']`.
 */
export function negotiateLanguage(
  header: string | null | undefined,
  supported: readonly string[],
): string | null {
  if (!header) return null;
  const ranges: Array<{ tag: string; q: number; order: number }> = [];
  header.split(',').forEach((part, order) => {
    const [range, ...parameters] = part.trim().split(';');
    const tag = range?.trim().toLowerCase() ?? '';
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const parameter of parameters) {
      const match = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(parameter);
      if (match) q = Math.min(1, Number(match[1]));
    }
    ranges.push({ tag, q, order });
  });
  const primary = (tag: string) => tag.split('-')[0]!;
  // `fr;q=0` refuses French; `fr-CA;q=0` only that variant, which no supported language is
  const refused = new Set(
    ranges.filter((range) => range.q === 0 && !range.tag.includes('-')).map((range) => range.tag),
  );
  const named = new Set(ranges.map((range) => primary(range.tag)));
  const preferred = ranges.filter((range) => range.q > 0).sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of preferred) {
    if (range.tag === '*') {
      const other = supported.find((language) => !named.has(language) && !refused.has(language));
      if (other) return other;
      continue;
    }
    const language = primary(range.tag);
    if (supported.includes(language) && !refused.has(language)) return language;
  }
  return null;
}
