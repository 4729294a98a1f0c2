import { ANONYMOUS, type Caller } from '@hub/kit';
import { describe, expect, it } from 'vitest';
import {
  addressKey,
  ConnectionCaps,
  isRefusal,
  type ConnectionSlot,
  type Refusal,
} from '../src/connection-caps';

const memberOf = (organisationId: string): Caller => ({
  subject: `someone-of-${organisationId}`,
  displayName: null,
  organisationId,
  roles: ['contributor'],
});

function slot(result: ConnectionSlot | Refusal): ConnectionSlot {
  if (isRefusal(result)) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
}

describe('addressKey', () => {
  it('counts IPv4 as is, an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 per /64 network, however the address is written', () => {
    const long = addressKey('2001:0db8:0000:0042:0000:8a2e:0370:7334');
    expect(long).toBe('2001:db8:0:42::/64');
    expect(addressKey('2001:db8:0:42::1')).toBe(long);
    expect(addressKey('2001:db8::42:ffff:1:2')).toBe(addressKey('2001:db8::42:0:0:0'));
    expect(addressKey('2001:db8:0:43::1')).not.toBe(long);
  });

  it('keeps anything else apart, and names a missing address', () => {
    expect(addressKey(undefined)).toBe('unknown');
    expect(addressKey('not an address')).toBe('not an address');
  });
});

describe('ConnectionCaps', () => {
  it('refuses the (N+1)th connection of an address and takes the next one once one closes', () => {
    const caps = new ConnectionCaps({ perIp: 3, perOrganisation: 100 });
    const open = [1, 2, 3].map(() => slot(caps.open('198.51.100.1', ANONYMOUS)));
    expect(caps.open('198.51.100.1', ANONYMOUS)).toEqual({ scope: 'ip', limit: 3 });
    // another address is not affected
    expect(isRefusal(caps.open('198.51.100.2', ANONYMOUS))).toBe(false);
    open[1]!.release();
    open[1]!.release(); // a second close path releases nothing more
    expect(isRefusal(caps.open('198.51.100.1', ANONYMOUS))).toBe(false);
    expect(caps.open('198.51.100.1', ANONYMOUS)).toEqual({ scope: 'ip', limit: 3 });
  });

  it('caps an organisation across addresses, all or nothing', () => {
    const caps = new ConnectionCaps({ perIp: 5, perOrganisation: 2 });
    const first = slot(caps.open('198.51.100.1', memberOf('ORG-A')));
    slot(caps.open('198.51.100.2', memberOf('ORG-A')));
    expect(caps.open('198.51.100.3', memberOf('ORG-A'))).toEqual({ scope: 'organisation', limit: 2 });
    // the refused connection took no place of its address
    expect(caps.counts()).toEqual({ addresses: 2, organisations: 2 });
    // other organisations and anonymous callers are counted apart
    slot(caps.open('198.51.100.3', memberOf('ORG-B')));
    slot(caps.open('198.51.100.3', ANONYMOUS));
    first.release();
    slot(caps.open('198.51.100.3', memberOf('ORG-A')));
    expect(caps.counts()).toEqual({ addresses: 4, organisations: 3 });
  });

  it('forgets an address once its last connection closes', () => {
    const caps = new ConnectionCaps({ perIp: 1, perOrganisation: 1 });
    const only = slot(caps.open('2001:db8::1', memberOf('ORG-A')));
    // the same /64: the same client
    expect(caps.open('2001:db8::2', ANONYMOUS)).toEqual({ scope: 'ip', limit: 1 });
    only.release();
    expect(caps.counts()).toEqual({ addresses: 0, organisations: 0 });
  });
});
