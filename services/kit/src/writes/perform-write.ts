import { createHash } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../graphql/errors';
import type { DomainEvent, EventBus } from '../live/event-bus';
import { insertIntoOutbox, withinTime } from '../live/outbox';
import type { Caller } from './identity';
import type { Logger } from '../runtime/logger';

export interface WriteContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
  /**
   * Where the write's domain events go once its transaction has committed (they are in the outbox already;
   * without a bus the subgraph's relay publishes them).
   */
  bus?: EventBus;
  logger?: Logger;
}

export interface WriteSpec {
  /** GraphQL type name of what is written, e.g. "Organisation". */
  entity: string;
  /** What is done, e.g. "create", "update", "end". */
  action: string;
  /** Create mutations: a retry with the same key and input returns the first result without writing again. */
  idempotencyKey?: string | null;
  /** The input as sent, idempotency key left out: the fingerprint a retry must match. */
  input: unknown;
}

export interface WriteOutcome {
  entityId: string;
  /** Fields the write set or changed (recorded in the audit log). */
  changedFields: string[];
  /**
   * Domain events of the write: written to the outbox (`hub_outbox`) in the write's transaction, each with a
   * new id, and published on the bus after it commits. A write that rolls back publishes nothing, and a retried
   * idempotent create publishes nothing again.
   */
  events?: DomainEvent[];
}

/** JSON with object keys sorted, so equal inputs fingerprint equally whatever the key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The write pattern every mutation follows (validation and authorization happen before): one transaction
 * holding the idempotency check, the write, one audit record and the write's domain events (the outbox); any
 * error rolls all of it back.
 * Concurrent requests with the same idempotency key serialise on the key's row, so only one writes.
 */
export async function performWrite<T>(
  context: WriteContext,
  spec: WriteSpec,
  write: (em: EntityManager) => Promise<WriteOutcome>,
  load: (em: EntityManager, entityId: string) => Promise<T>,
): Promise<T> {
  const { caller } = context;
  const scope = caller.organisationId ?? `subject:${caller.subject}`;
  const operation = `${spec.entity}.${spec.action}`;
  const requestHash = createHash('sha256')
    .update(stableJson({ operation, input: spec.input }))
    .digest('hex');
  let committedEvents: DomainEvent[] = [];
  let result: T;
  try {
    result = await context.em.fork().transactional(async (em) => {
      if (spec.idempotencyKey) {
        const claimed = await em.execute(
          'INSERT INTO hub_idempotency (scope, key, operation, request_hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING key',
          [scope, spec.idempotencyKey, operation, requestHash],
        );
        if (!claimed.length) {
          const [first] = await em.execute<Array<{ request_hash: string; entity_id: string | null }>>(
            'SELECT request_hash, entity_id FROM hub_idempotency WHERE scope = ? AND key = ?',
            [scope, spec.idempotencyKey],
          );
          if (!first || first.request_hash !== requestHash || !first.entity_id) {
            throw conflict('This idempotency key was already used for a different request.');
          }
          return load(em, first.entity_id);
        }
      }
      const outcome = await write(em);
      await em.flush();
      if (spec.idempotencyKey) {
        await em.execute('UPDATE hub_idempotency SET entity_id = ? WHERE scope = ? AND key = ?', [
          outcome.entityId,
          scope,
          spec.idempotencyKey,
        ]);
      }
      await em.execute(
        'INSERT INTO hub_audit_log (subject, subject_name, organisation_id, entity, entity_id, action, changed_fields, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          caller.subject,
          caller.displayName,
          caller.organisationId,
          spec.entity,
          outcome.entityId,
          spec.action,
          JSON.stringify(outcome.changedFields),
          context.requestId,
        ],
      );
      const loaded = await load(em, outcome.entityId);
      committedEvents = await insertIntoOutbox(em, outcome.events ?? []);
      return loaded;
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw conflict('Someone changed this record since you read it: reload it and apply your change again.');
    }
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict('A record with this identifier already exists.');
    }
    throw error;
  }
  await publishCommitted(context, committedEvents);
  return result;
}

/** The fast path gives up on a slower bus (the relay sends the event): writes do not wait for a bus that is down. */
const FAST_PATH_PUBLISH_TIMEOUT_MS = 1_000;

/**
 * The fast path of the outbox: publishes the committed events at once and marks them published. The write
 * has committed, so it stands whatever happens here: a bus error or a slow bus is logged, never thrown at the
 * client whose write succeeded, and the events stay unpublished for the relay (`createOutbox`) to send.
 */
async function publishCommitted(context: WriteContext, events: DomainEvent[]): Promise<void> {
  if (!context.bus || !events.length) return;
  const published: string[] = [];
  for (const event of events) {
    try {
      await withinTime(context.bus.publish(event), FAST_PATH_PUBLISH_TIMEOUT_MS, 'publishing an event');
      published.push(event.id!);
    } catch (error) {
      context.logger?.warn(
        { err: error, topic: event.topic },
        'could not publish a committed domain event; the outbox relay will',
      );
      break; // keep the order: the relay sends this one and the rest
    }
  }
  if (!published.length) return;
  try {
    await context.em
      .fork()
      .execute(
        `UPDATE hub_outbox SET published_at = now() WHERE id IN (${published.map(() => '?').join(', ')})`,
        published,
      );
  } catch (error) {
    // the relay will send them again: listeners drop the repeats
    context.logger?.warn({ err: error }, 'could not mark published domain events');
  }
}

/** Optimistic locking: the client sends the version it last saw; any other version is a CONFLICT. */
export function assertVersion(entity: { version: number }, expected: number, entityName: string): void {
  if (entity.version !== expected) {
    throw conflict(
      `${entityName} has changed since you read it (you sent version ${expected}, it is now ${entity.version}): reload it and apply your change again.`,
      { currentVersion: entity.version },
    );
  }
}

/** Copies the defined fields of `patch` onto `target` and returns the names of those that changed. */
export function applyPatch<T extends object>(target: T, patch: Partial<T>): string[] {
  const changed: string[] = [];
  for (const [field, value] of Object.entries(patch) as Array<[keyof T, T[keyof T]]>) {
    if (value === undefined) continue;
    if (stableJson(target[field]) !== stableJson(value)) {
      target[field] = value;
      changed.push(String(field));
    }
  }
  return changed;
}
