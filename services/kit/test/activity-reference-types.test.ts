import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { createActivityReferenceTypes } from '../src/graphql/reference-types';

describe('createActivityReferenceTypes', () => {
  const id = '6f1c2a52-3c1e-4a43-9b59-1d3f2f0c9a10';

  it('makes Event and Thread stubs and resolves well-formed ids only', () => {
    const types = createActivityReferenceTypes();
    expect(types.event(id)).toBeInstanceOf(types.Event);
    expect(types.thread(id)).toEqual(Object.assign(new types.Thread(), { id }));
    expect(types.references.Event({ id })).toEqual(Object.assign(new types.Event(), { id }));
    expect(types.references.Event({ id: 'not-a-uuid' })).toBeNull();
    expect(types.references.Thread?.({ id })).toBeInstanceOf(types.Thread);
  });

  it('gives a reference-only Thread no __resolveReference', () => {
    const types = createActivityReferenceTypes({ threadResolvable: false });
    expect(Object.keys(types.references)).toEqual(['Event']);
  });

  it('gives each call its own classes (type-graphql metadata is global)', () => {
    expect(createActivityReferenceTypes().Event).not.toBe(createActivityReferenceTypes().Event);
  });
});
