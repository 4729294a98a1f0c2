import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import type { Caller } from '@hub/kit';
import type { Response } from 'express';
import proxyAddr from 'proxy-addr';
import type { RefusalObserver } from './metrics';

/** Open graphql-ws sockets plus SSE streams one client may hold at once (per gateway replica). */
export interface ConnectionCapSettings {
  /** Per client address (IPv6: per /64 network, what one subscriber usually gets). */
  perIp: number;
  /** Per organisation of the caller's token; anonymous connections count per address only. */
  perOrganisation: number;
}

export const DEFAULT_CONNECTION_CAPS: Readonly<ConnectionCapSettings> = { perIp: 50, perOrganisation: 200 };

export const TOO_MANY_CONNECTIONS_CODE = 'TOO_MANY_CONNECTIONS';

/**
 * graphql-ws's own code for "too many initialisation requests": its client counts it as fatal (no retry loop
 * against a full cap) and reports the close event, code and reason, to the application.
 */
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4429;
export const TOO_MANY_CONNECTIONS_REASON = 'Too many connections';

/** Seconds a refused SSE client is asked to wait: a slot frees when any of its connections closes. */
export const CONNECTION_RETRY_AFTER_SECONDS = 10;

/** A taken place; `release()` gives it back (idempotent, so every close path may call it). */
export interface ConnectionSlot {
  release(): void;
}

export type Refusal = { scope: 'ip' | 'organisation'; limit: number };

/**
 * The address a client is counted by. An IPv4-mapped IPv6 address is its IPv4 address; any other IPv6
 * address is reduced to its /64 network, since one subscriber usually holds a whole /64 and could otherwise
 * use a fresh address per connection.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  // an embedded IPv4 tail (`::1.2.3.4`) lies in the last 32 bits: not part of the /64 network
  const right = address.includes('::') ? groups(tail) : [];
  const all = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${all
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The client address of a raw HTTP request (a WebSocket upgrade, which express never sees), with the same
 * `trust proxy` rule express applies to `req.ip`: `X-Forwarded-For` is read only from the trusted proxies.
 */
export function upgradeClientAddress(
  request: IncomingMessage,
  trust: (address: string, hop: number) => boolean,
): string {
  return proxyAddr(request, trust);
}

/**
 * Counts the sockets and streams open per client address and per organisation, in this replica's memory:
 * connections are long-lived and tied to one process, so a crashed replica takes its counts with it.
 */
export class ConnectionCaps {
  private readonly byAddress = new Map<string, number>();
  private readonly byOrganisation = new Map<string, number>();

  /** `onRefusal` hears every connection turned away (`hub_gateway_refusals_total`). */
  constructor(
    readonly settings: ConnectionCapSettings,
    private readonly onRefusal?: RefusalObserver,
  ) {}

  /** A place for one more connection of `address`, or why there is none. */
  openForAddress(address: string | undefined): ConnectionSlot | Refusal {
    return this.take(this.byAddress, addressKey(address), this.settings.perIp, 'ip');
  }

  /** A place for one more connection of the caller's organisation (anonymous: always, counted per address). */
  openForCaller(caller: Caller): ConnectionSlot | Refusal {
    if (!caller.organisationId) return { release: () => undefined };
    return this.take(
      this.byOrganisation,
      caller.organisationId,
      this.settings.perOrganisation,
      'organisation',
    );
  }

  /** Both places at once (SSE, where the address and the caller are known together); all or nothing. */
  open(address: string | undefined, caller: Caller): ConnectionSlot | Refusal {
    const first = this.openForAddress(address);
    if (isRefusal(first)) return first;
    const second = this.openForCaller(caller);
    if (isRefusal(second)) {
      first.release();
      return second;
    }
    return {
      release: () => {
        first.release();
        second.release();
      },
    };
  }

  /** Connections counted now (tests, metrics). */
  counts(): { addresses: number; organisations: number } {
    const sum = (map: Map<string, number>) => [...map.values()].reduce((total, count) => total + count, 0);
    return { addresses: sum(this.byAddress), organisations: sum(this.byOrganisation) };
  }

  private take(
    counts: Map<string, number>,
    key: string,
    limit: number,
    scope: Refusal['scope'],
  ): ConnectionSlot | Refusal {
    const current = counts.get(key) ?? 0;
    if (current >= limit) {
      this.onRefusal?.(TOO_MANY_CONNECTIONS_CODE);
      return { scope, limit };
    }
    counts.set(key, current + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left > 0) counts.set(key, left);
        else counts.delete(key); // no entry per client that ever connected
      },
    };
  }
}

export function isRefusal(value: ConnectionSlot | Refusal): value is Refusal {
  return 'scope' in value;
}

export function refusalMessage(refusal: Refusal): string {
  const whose = refusal.scope === 'ip' ? 'this address' : 'this organisation';
  return `${TOO_MANY_CONNECTIONS_REASON}: ${whose} already holds ${refusal.limit} subscription connections (graphql-ws sockets and SSE streams); close one first.`;
}

/** The SSE answer to a refusal: HTTP 429, `Retry-After` and a GraphQL-style JSON error. */
export function refuseStream(response: Response, refusal: Refusal): void {
  response
    .status(429)
    .set('retry-after', String(CONNECTION_RETRY_AFTER_SECONDS))
    .set('cache-control', 'no-store')
    .json({
      errors: [{ message: refusalMessage(refusal), extensions: { code: TOO_MANY_CONNECTIONS_CODE } }],
    });
}

/** Gives `slot` back when the response closes, however it ends (at once if the client has gone already). */
export function releaseOnClose(response: Response, slot: ConnectionSlot): void {
  if (response.destroyed || response.socket === null || response.socket.destroyed) return slot.release();
  response.once('close', () => slot.release());
}
