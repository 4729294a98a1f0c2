import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, validateFirst, validateIntRange } from '../src/data/pagination';
import { createErrorMasker, invalidInput, invalidInputs, statusConflict } from '../src/graphql/errors';
import { mergeErrorExtensions, KIT_ERROR_EXTENSIONS } from '../src/graphql/error-extensions';
import { createLogger } from '../src/runtime/logger';

describe('invalidInput / invalidInputs', () => {
  it('make one BAD_USER_INPUT with fieldErrors and a message naming every path', () => {
    const error = invalidInput('input.since', 'must not be in the future');
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('Invalid input: input.since: must not be in the future');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'input.since', messages: ['must not be in the future'] }],
    });

    const several = invalidInputs(
      [
        { path: 'input.hostRegions[1]', messages: ['unknown region "XX99"'] },
        { path: 'input.title', messages: ['must not be empty', 'must be shorter than 200 characters'] },
      ],
      { unknownKeys: ['XX99'] },
    );
    expect(several.message).toBe(
      'Invalid input: input.hostRegions[1]: unknown region "XX99" · input.title: must not be empty; must be shorter than 200 characters',
    );
    expect(several.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.hostRegions[1]', messages: ['unknown region "XX99"'] },
        { path: 'input.title', messages: ['must not be empty', 'must be shorter than 200 characters'] },
      ],
      unknownKeys: ['XX99'],
    });
    expect(several.extensions).not.toHaveProperty('argumentName');
  });

  it('pass the error masker unchanged, without stack traces', () => {
    const mask = createErrorMasker(createLogger('errors-test', 'silent'));
    const error = invalidInput('first', 'must be a whole number from 0 to 500 (got 501)');
    const formatted = mask(
      { ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['at x'] } },
      error,
    );
    expect(formatted).toEqual({
      message: 'Invalid input: first: must be a whole number from 0 to 500 (got 501)',
      extensions: {
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: 'first', messages: ['must be a whole number from 0 to 500 (got 501)'] }],
      },
    });
  });
});

describe('statusConflict', () => {
  it('names the move and carries the current status', () => {
    const error = statusConflict('consultation', { from: 'DRAFT', to: 'OPEN' }, 'CLOSED');
    expect(error.message).toBe('Only a DRAFT consultation can become OPEN; this one is CLOSED.');
    expect(error.extensions).toEqual({ code: 'CONFLICT', currentStatus: 'CLOSED' });
  });
});

describe('the kit’s own argument checks', () => {
  it('report ranges and cursors in the same shape', () => {
    expect(validateFirst(undefined)).toBe(50);
    expect(() => validateFirst(501)).toThrow(
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: [{ path: 'first', messages: ['must be a whole number from 0 to 500 (got 501)'] }],
        },
      }),
    );
    expect(() => validateIntRange(2.5, 1, 5, 'input.rank')).toThrow(
      /Invalid input: input\.rank: must be a whole number/,
    );
    expect(decodeCursor(encodeCursor(['a', 1]), 2)).toEqual(['a', 1]);
    expect(() => decodeCursor('nonsense', 2, 'regions.after')).toThrow(
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: [{ path: 'regions.after', messages: ['is not a cursor returned by this list'] }],
        },
      }),
    );
  });
});

describe('error extension declarations', () => {
  it('merge the kit’s base set with a subgraph’s own, sorted by name', () => {
    expect(Object.keys(mergeErrorExtensions({ retryAfterSeconds: 'integer', existingId: 'string' }))).toEqual(
      ['currentVersion', 'existingId', 'fieldErrors', 'retryAfterSeconds', 'unknownKeys'],
    );
    expect(mergeErrorExtensions()).toEqual(KIT_ERROR_EXTENSIONS);
  });

  it('refuse `code`, bad names, unknown kinds and a kit extension with another kind', () => {
    expect(() => mergeErrorExtensions({ code: 'string' })).toThrow(/cannot be declared/);
    expect(() => mergeErrorExtensions({ 'bad-name': 'string' })).toThrow(/cannot be declared/);
    expect(() => mergeErrorExtensions({ range: 'object' as never })).toThrow(/unknown kind/);
    expect(() => mergeErrorExtensions({ currentVersion: 'string' })).toThrow(/kit's, of kind "integer"/);
  });
});
