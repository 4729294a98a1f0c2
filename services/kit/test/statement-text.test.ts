import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { statementWithoutValues } from '../src/data/statement-text';

describe('statementWithoutValues', () => {
  it('replaces the values MikroORM inlines, keeping identifiers, casts and keywords', () => {
    // exactly what MikroORM sends to pg: its platform inlines the parameters into the text
    const platform = new PostgreSqlPlatform();
    const formatted = platform.formatQuery(
      'select "r0".* from "region" as "r0" where "r0"."code" in (?, ?) and "r0"."level" = ? and "r0"."name" ilike ? limit ?',
      ['FR10', "Provence-Alpes-Côte d'Azur", 2, 'C:\\temp%', 20],
    );
    expect(formatted).toContain('FR10'); // the premise: values are in the text
    // (pg's escapeLiteral writes a string with a backslash as ` E'…'`, hence the double space)
    expect(statementWithoutValues(formatted)).toBe(
      'select "r0".* from "region" as "r0" where "r0"."code" in (?, ?) and "r0"."level" = ? and "r0"."name" ilike  ? limit ?',
    );
  });

  it('keeps positional parameters, digits inside identifiers and quoted identifiers', () => {
    expect(statementWithoutValues('SELECT t0.nuts_2024, "level 3" FROM hub_regions_2 t0 WHERE id = $1')).toBe(
      'SELECT t0.nuts_2024, "level 3" FROM hub_regions_2 t0 WHERE id = $1',
    );
    expect(statementWithoutValues('select "it""s" from x')).toBe('select "it""s" from x');
  });

  it('replaces every kind of literal', () => {
    expect(
      statementWithoutValues(
        "select 'it''s', E'a\\'b', B'0101', X'1F', N'nat', U&'d\\0061t', $$dollar ' $$, $tag$x$tag$, 3.14, .5, 1e-7, 0x1F, 1_000, -42::int",
      ),
    ).toBe('select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, -?::int');
  });

  it('keeps comments (nested ones too) and unicode identifiers', () => {
    expect(statementWithoutValues("select 1 -- why 'x'\nfrom /* a /* b */ 'c' */ région")).toBe(
      "select ? -- why 'x'\nfrom /* a /* b */ 'c' */ région",
    );
  });

  it('survives unterminated literals without leaking their rest', () => {
    expect(statementWithoutValues("select 'secret")).toBe('select ?');
    expect(statementWithoutValues('select $$secret')).toBe('select ?');
  });
});
