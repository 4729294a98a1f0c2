import { ANONYMOUS, GATEWAY_ISSUER, subgraphIdentity, verifyInternalToken, type Caller } from '@hub/kit';
import { describe, expect, it } from 'vitest';
import { InternalTokenCache, INTERNAL_TOKEN_REUSE_MS } from '../src/identity';
import { FIXTURE_INTERNAL_KEYS } from './fixtures/subgraphs';

const SIGNER = { issuer: GATEWAY_ISSUER, privateKey: FIXTURE_INTERNAL_KEYS.privateKey };
const REGIONS = subgraphIdentity('regions');
const EVENTS = subgraphIdentity('events');
const trust = (audience: string) => ({ audience, gatewayKeys: [FIXTURE_INTERNAL_KEYS.publicKey] });

const editor: Caller = {
  subject: 'user-1',
  displayName: 'Ana',
  organisationId: 'org-cpmr',
  roles: ['editor'],
};

describe('InternalTokenCache', () => {
  it('signs once per audience and caller, and the token carries that caller for that audience', async () => {
    const tokens = new InternalTokenCache(SIGNER);
    const first = await tokens.tokenFor(editor, REGIONS);
    expect(await tokens.tokenFor({ ...editor }, REGIONS)).toBe(first);
    expect(await verifyInternalToken(first, trust(REGIONS))).toEqual(editor);
    // another audience: another token, refused by the first subgraph
    const forEvents = await tokens.tokenFor(editor, EVENTS);
    expect(forEvents).not.toBe(first);
    await expect(verifyInternalToken(forEvents, trust(REGIONS))).rejects.toThrow();
    expect(await verifyInternalToken(await tokens.tokenFor(ANONYMOUS, REGIONS), trust(REGIONS))).toEqual(
      ANONYMOUS,
    );
  });

  it('never gives one caller the token of another who may see different data', async () => {
    const tokens = new InternalTokenCache(SIGNER);
    const editorToken = await tokens.tokenFor(editor, REGIONS);
    const others: Caller[] = [
      ANONYMOUS,
      { ...editor, roles: ['contributor'] },
      { ...editor, roles: ['editor', 'contributor'] },
      { ...editor, organisationId: 'org-cor' },
      { ...editor, subject: 'user-2' },
      { ...editor, displayName: 'Someone else' },
    ];
    for (const other of others) {
      const token = await tokens.tokenFor(other, REGIONS);
      expect(token).not.toBe(editorToken);
      expect(await verifyInternalToken(token, trust(REGIONS))).toEqual(other);
    }
  });

  it('signs again once the reuse time is over, and keeps at most its number of entries', async () => {
    let clock = Date.now();
    const tokens = new InternalTokenCache(SIGNER, INTERNAL_TOKEN_REUSE_MS, 2, () => clock);
    const first = tokens.tokenFor(editor, REGIONS);
    await first;
    clock += INTERNAL_TOKEN_REUSE_MS - 1;
    expect(tokens.tokenFor(editor, REGIONS)).toBe(first);
    clock += 1;
    // a new signature (its iat may fall in the same second as the first: compare the promises, not the text)
    const again = tokens.tokenFor(editor, REGIONS);
    expect(again).not.toBe(first);
    expect(tokens.tokenFor(editor, REGIONS)).toBe(again);

    // two entries at most: a third pushes out the oldest (the editor's for regions)
    await tokens.tokenFor(editor, EVENTS);
    await tokens.tokenFor(ANONYMOUS, REGIONS);
    expect(tokens.tokenFor(editor, REGIONS)).not.toBe(again);
  });
});
