import { createHash } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../graphql/errors';
import type { DomainEvent, EventBus } from '../live/event-bus';
import type { Caller } from './identity';
import type { Logger } from '../runtime/logger';

export interface WriteContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
  /** Where the write's domain events go once its transaction has committed. */
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
   * Domain events to publish on the bus **after** the transaction commits: a write that rolls back publishes
   * nothing, and a retried idempotent create publishes nothing again.
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
 * holding the idempotency check, the write, and one audit record; any error rolls all of it back.
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
      committedEvents = outcome.events ?? [];
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

/**
 * The write has committed, so it stands even when publishing fails (subscribers then miss this event; the
 * data stays right): failures are logged, not thrown at the client whose write succeeded.
 */
async function publishCommitted(context: WriteContext, events: DomainEvent[]): Promise<void> {
  if (!context.bus) return;
  for (const event of events) {
    try {
      await context.bus.publish(event);
    } catch (error) {
      context.logger?.error({ err: error, topic: event.topic }, 'could not publish a committed domain event');
    }
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
