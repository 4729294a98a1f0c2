import { randomBytes } from 'node:crypto';
import { createPushIterator, type Caller, type Logger, type PushIterator } from '@hub/kit';
import type { ExecutionResult } from 'graphql';
import { gatewayError, SUBSCRIPTION_ERROR_CODES } from './errors';
import { groupKey, MAX_PENDING_EVENTS } from './executor';
import type { PreparedSubscription } from './operation';

/** How much of each SSE subscription group the gateway keeps for clients that reconnect (`Last-Event-ID`). */
export interface SseReplaySettings {
  /** Most recent events kept per subscription group. */
  maxEvents: number;
  /** Events older than this are dropped from the buffer, in milliseconds. */
  maxAgeMs: number;
  /**
   * How long a group's upstream subscription stays open, still recording, after its last SSE client left, in
   * milliseconds: a client that reconnects within it misses nothing. 0 ends it at once.
   */
  lingerMs: number;
}

export const DEFAULT_SSE_REPLAY_SETTINGS: Readonly<SseReplaySettings> = {
  maxEvents: 500,
  maxAgeMs: 10 * 60_000,
  lingerMs: 30_000,
};

/** One message for an SSE client: an event of the group (with its id), or a message of its own (no id). */
export interface ReplayMessage {
  id?: string;
  result: ExecutionResult;
}

/** Why a `Last-Event-ID` could not be honoured: the client must fetch afresh what it shows. */
export type ResetReason = 'unknown-id' | 'expired';

export interface ReplayAttachment {
  /** Replayed events first, then live ones; `return()` leaves the group. */
  messages: PushIterator<ReplayMessage>;
  /** The id of the group's latest event (or its start): where a client stands when nothing was replayed. */
  position: string;
  /** Set when a `Last-Event-ID` was given but the events after it are not all here. */
  reset?: ResetReason;
}

interface BufferedEvent {
  seq: number;
  at: number;
  result: ExecutionResult;
}

/** What the channels need of the subscription service (a test may hand in its own). */
export interface GroupSubscriber {
  subscribe(prepared: PreparedSubscription, caller: Caller): PushIterator<ExecutionResult>;
}

/**
 * Replay for the SSE transport. Per subscription group (`groupKey`: same document, variables and visibility)
 * one channel holds one member of the executor's group and records its events in a bounded buffer; every SSE
 * client of the group reads the channel. Ids are `<bootId>-<seq>`: `bootId` is random per gateway process,
 * `seq` grows across all channels of this process, so an id is never reused, also after a restart or on
 * another replica. A client that reconnects with `Last-Event-ID` gets the buffered events after it, then the
 * live ones: attaching is synchronous (the buffer is read and the client added in one step), so nothing is sent
 * twice or missed. When the events after that id are not all here (another process issued it, the buffer
 * dropped them, or the group ended and started again, e.g. after a subgraph restart), the attachment says
 * `reset` and the client must fetch afresh.
 */
export class ReplayChannels {
  /** Random per process: ids of another boot or replica are recognised as such. */
  readonly bootId = randomBytes(6).toString('hex');
  private readonly channels = new Map<string, ReplayChannel>();
  private seq = 0;

  constructor(
    private readonly subscriber: GroupSubscriber,
    private readonly settings: SseReplaySettings,
    private readonly logger: Logger,
  ) {}

  /** The id of event `seq` of this process. */
  idOf(seq: number): string {
    return `${this.bootId}-${seq}`;
  }

  /** The sequence number of an id issued by this process, else undefined. */
  private seqOf(id: string): number | undefined {
    const dash = id.lastIndexOf('-');
    if (dash < 0 || id.slice(0, dash) !== this.bootId) return undefined;
    const digits = id.slice(dash + 1);
    if (!/^\d{1,15}$/.test(digits)) return undefined;
    const seq = Number(digits);
    return seq <= this.seq ? seq : undefined;
  }

  /** The next sequence number (events and channel starts share one counter). */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  attach(prepared: PreparedSubscription, caller: Caller, lastEventId?: string): ReplayAttachment {
    const key = groupKey(prepared, caller);
    let channel = this.channels.get(key);
    if (!channel || channel.ended) {
      channel = new ReplayChannel(this, this.settings, this.logger, () => {
        if (this.channels.get(key) === channel) this.channels.delete(key);
      });
      this.channels.set(key, channel);
      channel.open(this.subscriber.subscribe(prepared, caller));
    }
    let reset: ResetReason | undefined;
    let after: number | undefined;
    if (lastEventId !== undefined && lastEventId !== '') {
      const seq = this.seqOf(lastEventId);
      if (seq === undefined) reset = 'unknown-id';
      else if (!channel.canReplayAfter(seq)) reset = 'expired';
      else after = seq;
    }
    const messages = channel.join(after);
    return { messages, position: this.idOf(channel.lastSeq), ...(reset ? { reset } : {}) };
  }

  /** Ends every channel and its upstream subscription (the gateway stops). */
  close(): void {
    for (const channel of [...this.channels.values()]) channel.close();
    this.channels.clear();
  }
}

/** One subscription group as the SSE clients see it: a recorder (a member of the executor's group) and a buffer. */
class ReplayChannel {
  private readonly buffer: BufferedEvent[] = [];
  private readonly readers = new Set<PushIterator<ReplayMessage>>();
  private recorder: PushIterator<ExecutionResult> | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;
  /** Events after `floor` are all in the buffer (or still to come). */
  private floor: number;
  /** The latest event, or the channel's own start. */
  lastSeq: number;
  ended = false;

  constructor(
    private readonly ids: ReplayChannels,
    private readonly settings: SseReplaySettings,
    private readonly logger: Logger,
    private readonly onEnd: () => void,
  ) {
    // a sequence number of its own: ids issued before this channel existed are below it, so never "replayable"
    this.floor = ids.nextSeq();
    this.lastSeq = this.floor;
  }

  open(recorder: PushIterator<ExecutionResult>): void {
    this.recorder = recorder;
    void (async () => {
      try {
        for await (const result of recorder) this.record(result);
      } catch (error) {
        this.logger.error({ err: error }, 'SSE replay recorder failed');
      }
      // the upstream completed or failed (its last result is recorded above): every reader ends after it
      this.finish();
      for (const reader of [...this.readers]) reader.end();
      this.readers.clear();
    })();
  }

  canReplayAfter(seq: number): boolean {
    this.prune(Date.now());
    return seq >= this.floor;
  }

  /** A new reader, with the buffered events after `after` (none when undefined) already queued. */
  join(after: number | undefined): PushIterator<ReplayMessage> {
    if (this.lingerTimer) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    const reader: PushIterator<ReplayMessage> = createPushIterator<ReplayMessage>({
      onClose: () => this.leave(reader),
    });
    if (after !== undefined) {
      for (const event of this.buffer) {
        if (event.seq > after) reader.push({ id: this.ids.idOf(event.seq), result: event.result });
      }
    }
    this.readers.add(reader);
    return reader;
  }

  close(): void {
    this.finish();
    void this.recorder?.return();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.onEnd();
  }

  private leave(reader: PushIterator<ReplayMessage>): void {
    if (!this.readers.delete(reader) || this.readers.size > 0 || this.ended) return;
    if (this.settings.lingerMs <= 0) return this.close();
    // nobody reads now: keep recording for a while, so that a client that reconnects misses nothing
    this.lingerTimer = setTimeout(() => this.close(), this.settings.lingerMs);
    this.lingerTimer.unref();
  }

  private record(result: ExecutionResult): void {
    const now = Date.now();
    const seq = this.ids.nextSeq();
    this.buffer.push({ seq, at: now, result });
    this.lastSeq = seq;
    this.prune(now);
    const id = this.ids.idOf(seq);
    for (const reader of this.readers) {
      if (reader.isClosed) continue;
      // a client that reads too slowly is ended alone, as over graphql-ws
      if (reader.pending >= MAX_PENDING_EVENTS) this.overflow(reader);
      else reader.push({ id, result });
    }
  }

  private overflow(reader: PushIterator<ReplayMessage>): void {
    this.logger.warn('ended an SSE stream whose events piled up');
    reader.push({
      result: {
        errors: [
          gatewayError(
            `More than ${MAX_PENDING_EVENTS} events were waiting for this client; subscribe again.`,
            SUBSCRIPTION_ERROR_CODES.tooSlow,
          ),
        ],
      },
    });
    // it leaves (onClose) once its client has read this last message
    reader.end();
  }

  private prune(now: number): void {
    const { maxEvents, maxAgeMs } = this.settings;
    while (
      this.buffer.length > maxEvents ||
      (this.buffer.length > 0 && now - this.buffer[0]!.at > maxAgeMs)
    ) {
      // a reader that saw the dropped event still has everything after it
      this.floor = this.buffer.shift()!.seq;
    }
  }
}
