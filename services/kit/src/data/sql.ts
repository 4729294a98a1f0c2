import type { EntityManager } from '@mikro-orm/postgresql';
import { NUTS_CODE_PATTERN } from '../vocabulary/patterns';

/**
 * A piece of SQL with its parameters in order. Built with the `sql` tag, so a value can never be spliced into
 * the text: every interpolated value becomes a `?` placeholder (MikroORM's `em.execute` binds them), and
 * interpolated fragments are inlined with their own parameters, in order.
 */
export interface SqlFragment {
  readonly text: string;
  readonly params: readonly unknown[];
}

const FRAGMENT = Symbol('sql fragment');

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

function fragment(text: string, params: readonly unknown[]): SqlFragment {
  return { [FRAGMENT]: true, text, params } as SqlFragment;
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, index) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      if (Array.isArray(value)) throw new Error('Pass lists with sqlList(), not as one parameter');
      text += '?';
      params.push(value);
    }
    text += strings[index + 1] ?? '';
  });
  return fragment(text, params);
}

/** Joins fragments with a separator such as ' AND '; `empty` when there are none. */
export function joinSql(fragments: SqlFragment[], separator: string, empty = 'TRUE'): SqlFragment {
  if (fragments.length === 0) return fragment(empty, []);
  return fragment(
    fragments.map((part) => part.text).join(separator),
    fragments.flatMap((part) => part.params),
  );
}

/** A non-empty list of values as `?, ?, ?` (for `IN (…)` and `ARRAY[…]`). */
export function sqlList(values: readonly unknown[]): SqlFragment {
  if (values.length === 0) throw new Error('sqlList needs at least one value');
  return fragment(values.map(() => '?').join(', '), values);
}

/** SQL text written by this code, never by a caller (column lists, operators). */
export function rawSql(text: string): SqlFragment {
  return fragment(text, []);
}

/**
 * Runs a fragment on `em` (MikroORM binds the `?` placeholders) and returns its rows. The one way services
 * run read SQL; plain entity loads stay with `em.find`.
 */
export function executeSql<T extends object = Record<string, unknown>>(
  em: Pick<EntityManager, 'execute'>,
  query: SqlFragment,
): Promise<T[]> {
  return em.execute<T[]>(query.text, [...query.params]);
}

/**
 * `column` holds the NUTS region `code` or one of its descendants. NUTS codes are prefix-hierarchical (a
 * parent's code is its child's minus the last character), so `FR` covers `FRH`, `FRH0` and `FRH01`.
 *
 * - `code` a string: `column LIKE 'FR%'`, the pattern a constant the planner sees, so a `text_pattern_ops`
 *   index on `column` serves it. The code is checked against `NUTS_CODE_PATTERN` (letters and digits only,
 *   nothing to escape), else this throws.
 * - `code` a fragment (a key per row, e.g. `k.key` from a `VALUES` list of a batched loader): a range on the
 *   `text_pattern_ops` operators (`~>=~`, `~<~`) that the index serves even though the pattern varies per row,
 *   plus the exact prefix test.
 */
export function regionAndDescendantsSql(column: SqlFragment, code: string | SqlFragment): SqlFragment {
  if (typeof code === 'string') {
    if (!NUTS_CODE_PATTERN.test(code)) throw new Error(`Not a NUTS code: ${code}`);
    return sql`${column} LIKE ${rawSql(`'${code}%'`)}`;
  }
  return sql`(${column} ~>=~ ${code} AND ${column} ~<~ (${code} || '~') AND ${column} LIKE (${code} || '%'))`;
}
