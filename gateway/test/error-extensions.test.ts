import { createLogger } from '@hub/kit';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  createGatewayErrorFormatter,
  DEFAULT_LIMITS,
  ERROR_EXTENSION_CLEANERS,
  parseErrorExtensions,
  type ErrorExtensionDeclarations,
} from '../src';

const DECLARATIONS: ErrorExtensionDeclarations = {
  extensions: {
    currentStatus: { kind: 'string', subgraphs: ['events'] },
    currentVersion: { kind: 'integer', subgraphs: ['events', 'forum'] },
    fieldErrors: { kind: 'fieldErrors', subgraphs: ['events', 'forum'] },
    share: { kind: 'number', subgraphs: ['indicators'] },
    partial: { kind: 'boolean', subgraphs: ['indicators'] },
    unknownKeys: { kind: 'string[]', subgraphs: ['events'] },
  },
};

const format = createGatewayErrorFormatter({
  logger: createLogger('test', 'silent'),
  limits: DEFAULT_LIMITS,
  errorExtensions: DECLARATIONS,
});

/** A subgraph's error as @apollo/gateway hands it to `formatError` (with `serviceName`). */
function fromSubgraph(serviceName: string | undefined, extensions: Record<string, unknown>) {
  const error = new GraphQLError('Refused.', {
    path: ['field'],
    extensions: { ...extensions, ...(serviceName ? { serviceName } : {}) },
  });
  return format(error.toJSON(), error);
}

describe('cleaning an extension by its kind', () => {
  it.each([
    ['string', 'DRAFT', 'DRAFT'],
    ['string', 7, undefined],
    ['integer', 3, 3],
    ['integer', 3.5, undefined],
    ['integer', '3', undefined],
    ['number', 0.25, 0.25],
    ['number', Number.NaN, undefined],
    ['number', Number.POSITIVE_INFINITY, undefined],
    ['boolean', false, false],
    ['boolean', 'false', undefined],
    ['string[]', ['XX99', 42, 'YY00', null], ['XX99', 'YY00']],
    ['string[]', 'XX99', undefined],
    ['fieldErrors', { path: 'input.name' }, undefined],
  ] as const)('%s: %j → %j', (kind, value, expected) => {
    expect(ERROR_EXTENSION_CLEANERS[kind](value)).toEqual(expected);
  });

  it('fieldErrors: keeps path and string messages of well-formed entries only', () => {
    expect(
      ERROR_EXTENSION_CLEANERS.fieldErrors([
        { path: 'input.websiteUrl', messages: ['must be a URL'], hint: 'secret' },
        { path: 'input.name', messages: ['must not be empty', 42] },
        { path: 7, messages: ['a number path'] },
        { path: 'input.title' },
        'not an entry',
        null,
      ]),
    ).toEqual([
      { path: 'input.websiteUrl', messages: ['must be a URL'] },
      { path: 'input.name', messages: ['must not be empty'] },
    ]);
  });
});

describe('the gateway keeps only declared extensions', () => {
  it('passes the extensions the error’s subgraph declares, each cleaned, and nothing else', () => {
    expect(
      fromSubgraph('events', {
        code: 'CONFLICT',
        currentStatus: 'PUBLISHED',
        currentVersion: 4,
        unknownKeys: ['XX99', { nested: 'secret' }],
        stacktrace: ['at publish (event.write.ts:12)'],
        argumentName: 'input',
        internalHint: 'postgres://admin:secret@db',
      }),
    ).toEqual({
      message: 'Refused.',
      path: ['field'],
      extensions: { code: 'CONFLICT', currentStatus: 'PUBLISHED', currentVersion: 4, unknownKeys: ['XX99'] },
    });
  });

  it('drops an extension another subgraph declares', () => {
    expect(
      fromSubgraph('forum', { code: 'CONFLICT', currentStatus: 'PUBLISHED', currentVersion: 2 }).extensions,
    ).toEqual({ code: 'CONFLICT', currentVersion: 2 });
    expect(
      fromSubgraph('indicators', { code: 'BAD_USER_INPUT', share: 0.5, partial: true }).extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', share: 0.5, partial: true });
    expect(fromSubgraph('regions', { code: 'BAD_USER_INPUT', share: 0.5 }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it('drops a declared extension whose value has the wrong kind', () => {
    expect(
      fromSubgraph('events', { code: 'CONFLICT', currentVersion: '4', currentStatus: ['PUBLISHED'] })
        .extensions,
    ).toEqual({ code: 'CONFLICT' });
  });

  it('gives the gateway’s own client errors (no subgraph) their code alone', () => {
    expect(fromSubgraph(undefined, { code: 'BAD_USER_INPUT', currentVersion: 3 }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it('still masks errors without a client code, declared extensions or not', () => {
    expect(fromSubgraph('events', { code: 'INTERNAL_SERVER_ERROR', currentStatus: 'DRAFT' })).toEqual({
      message: 'Internal server error',
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

describe('parseErrorExtensions', () => {
  it('reads the generated file and ignores other top-level keys', () => {
    const text = JSON.stringify({
      $comment: 'generated',
      extensions: { row: { kind: 'integer', subgraphs: ['indicators'] } },
    });
    expect(parseErrorExtensions(text)).toEqual({
      extensions: { row: { kind: 'integer', subgraphs: ['indicators'] } },
    });
  });

  it('names every problem: an unknown kind, no subgraph, a declared `code`, not JSON', () => {
    expect(() =>
      parseErrorExtensions(
        {
          extensions: {
            row: { kind: 'int', subgraphs: ['indicators'] },
            field: { kind: 'string', subgraphs: [] },
            code: { kind: 'string', subgraphs: ['events'] },
          },
        },
        'schema/error-extensions.json',
      ),
    ).toThrow(
      /schema\/error-extensions\.json is not a valid[\s\S]*extensions\.row\.kind[\s\S]*extensions\.field\.subgraphs[\s\S]*`code` is always kept/,
    );
    expect(() => parseErrorExtensions('{ "extensions": ', 'x.json')).toThrow(/x\.json: not JSON/);
  });
});
