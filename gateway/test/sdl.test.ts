import { buildSchema, getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_SDL_PATH } from '../src/sdl';
import { startFixtureHub, type FixtureHub } from './fixtures/hub';

describe('the public SDL at /schema.graphql', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    // as in production: no introspection, no playground; the SDL is the contract and stays served
    hub = await startFixtureHub({ introspection: false, playground: false });
  });
  afterAll(async () => hub?.stop());

  it('serves the API schema without federation internals, even with introspection off', async () => {
    const response = await fetch(`${hub.origin}${PUBLIC_SDL_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const sdl = await response.text();
    const schema = buildSchema(sdl);
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).length).toBeGreaterThan(0);
    expect(sdl).not.toMatch(/\bjoin__|\blink__|@link\b|@join__|@inaccessible|@key\b/);
    expect(schema.getQueryType()?.getFields()).not.toHaveProperty('_entities');
    expect(schema.getQueryType()?.getFields()).not.toHaveProperty('_service');

    const introspection = await hub.query(getIntrospectionQuery());
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('answers 304 to a conditional request with its ETag', async () => {
    const first = await fetch(`${hub.origin}${PUBLIC_SDL_PATH}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    const again = await fetch(`${hub.origin}${PUBLIC_SDL_PATH}`, {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('PUBLIC_SDL=false', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub({ publicSdl: false, playground: false });
  });
  afterAll(async () => hub?.stop());

  it('turns the route off', async () => {
    const response = await fetch(`${hub.origin}${PUBLIC_SDL_PATH}`);
    expect(response.status).toBe(404);
  });
});
