import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/compose';
import { API_SCHEMA_FILE, readSubgraphList, readSupergraph } from '../src/subgraphs';

describe('supergraph composition', () => {
  it('composes the committed subgraph schemas into exactly the committed supergraph', () => {
    const result = composeSupergraph(readSubgraphList());
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.supergraphSdl).toBe(readSupergraph());
    expect(result.apiSdl).toBe(readFileSync(API_SCHEMA_FILE, 'utf8'));
    expect(result.apiSdl).not.toContain('join__');
  });

  it('lists every subgraph with a schema file that exists', () => {
    const subgraphs = readSubgraphList();
    expect(subgraphs.map((s) => s.name)).toContain('regions');
    for (const subgraph of subgraphs) expect(readFileSync(subgraph.schemaFile, 'utf8')).toContain('@link');
  });

  it('reports readable errors when two subgraphs disagree', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-compose-'));
    const a = path.join(dir, 'a.graphql');
    const b = path.join(dir, 'b.graphql');
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n';
    writeFileSync(
      a,
      `${link}type Query { thing: Thing } type Thing @key(fields: "id") { id: ID! size: Int }`,
    );
    writeFileSync(
      b,
      `${link}type Query { other: Thing } type Thing @key(fields: "id") { id: ID! size: String }`,
    );
    const result = composeSupergraph([
      { name: 'a', url: 'http://a/graphql', schemaFile: a },
      { name: 'b', url: 'http://b/graphql', schemaFile: b },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/Thing\.size/);
  });

  it('reports a missing schema file by subgraph name', () => {
    const result = composeSupergraph([
      { name: 'ghost', url: 'http://ghost/graphql', schemaFile: '/nonexistent.graphql' },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringContaining('[ghost] cannot read /nonexistent.graphql')],
    });
  });
});
