/**
 * The text of a SQL statement without the values in it, for traces: every literal (string, number, bit, hex,
 * dollar-quoted) becomes `?`; keywords, identifiers (also quoted ones), operators, casts, comments and
 * positional parameters (`$1`) stay. MikroORM inlines the parameters of its statements before they reach the
 * driver (`platform.formatQuery`), so the text `pg` sends holds the values a caller asked with (an
 * organisation's id, a search term): they must not end up in a tracing backend. Same idea as the statement
 * sanitizers of OpenTelemetry's Java agent and other APM agents.
 */
export function statementWithoutValues(sql: string): string {
  let out = '';
  let i = 0;
  const length = sql.length;
  while (i < length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '/' && next === '*') {
      const stop = blockCommentEnd(sql, i);
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '"') {
      const stop = quotedEnd(sql, i + 1, '"', false);
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === "'") {
      i = quotedEnd(sql, i + 1, "'", false);
      out += '?';
    } else if ((char === 'E' || char === 'e') && next === "'") {
      i = quotedEnd(sql, i + 2, "'", true); // E'…': backslash escapes
      out += '?';
    } else if ('BbXxNn'.includes(char) && next === "'") {
      i = quotedEnd(sql, i + 2, "'", false); // B'0101', X'1F', N'…'
      out += '?';
    } else if ((char === 'U' || char === 'u') && next === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
      const quote = sql[i + 2]!;
      const stop = quotedEnd(sql, i + 3, quote, false);
      out += quote === '"' ? sql.slice(i, stop) : '?'; // U&"…" is an identifier, U&'…' a string
      i = stop;
    } else if (char === '$') {
      const dollarTag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (dollarTag) {
        const close = sql.indexOf(dollarTag[0], i + dollarTag[0].length);
        i = close === -1 ? length : close + dollarTag[0].length;
        out += '?';
      } else {
        const stop = runEnd(sql, i + 1, isDigit); // $1: a parameter, not a value
        out += sql.slice(i, stop);
        i = stop;
      }
    } else if (isDigit(char) || (char === '.' && next !== undefined && isDigit(next))) {
      i = numberEnd(sql, i);
      out += '?';
    } else if (isIdentifierStart(char)) {
      const stop = runEnd(sql, i + 1, isIdentifierPart); // whole, so t0 or hub_2024 keep their digits
      out += sql.slice(i, stop);
      i = stop;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function isIdentifierStart(char: string): boolean {
  return /[A-Za-z_\u0080-\uffff]/.test(char);
}

function isIdentifierPart(char: string): boolean {
  return /[A-Za-z0-9_$\u0080-\uffff]/.test(char);
}

function runEnd(sql: string, from: number, accept: (char: string) => boolean): number {
  let i = from;
  while (i < sql.length && accept(sql[i]!)) i += 1;
  return i;
}

/** After the closing quote of a quoted run starting at `from` (a doubled quote is one character of it). */
function quotedEnd(sql: string, from: number, quote: string, backslashEscapes: boolean): number {
  let i = from;
  while (i < sql.length) {
    const char = sql[i]!;
    if (backslashEscapes && char === '\\') {
      i += 2;
    } else if (char === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** PostgreSQL's block comments nest. */
function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth += 1;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** 42, 3.14, .5, 1e-7, 0x1F, 1_000 (PostgreSQL 16 also reads hex, octal, binary and _ separators). */
function numberEnd(sql: string, from: number): number {
  let i = from;
  while (i < sql.length) {
    const char = sql[i]!;
    const previous = sql[i - 1];
    if (isIdentifierPart(char) || char === '.') {
      i += 1;
    } else if (
      (char === '+' || char === '-') &&
      (previous === 'e' || previous === 'E') &&
      isDigit(sql[i + 1] ?? '')
    ) {
      i += 1;
    } else {
      break;
    }
  }
  return i;
}
