import { describe, expect, it } from 'vitest';
import { createPushIterator } from '../src/live/push-iterator';

/** Resolves with what `promise` settled to, or 'pending' if it has not settled after the current tasks ran. */
async function state<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([
    promise,
    new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 10)),
  ]);
}

describe('createPushIterator', () => {
  it('hands pushed values to a waiting next() and queues the others, in order', async () => {
    const iterator = createPushIterator<number>();
    const waiting = iterator.next();
    iterator.push(1);
    iterator.push(2);
    iterator.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(iterator.pending).toBe(2);
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    expect(await iterator.next()).toEqual({ value: 3, done: false });
    expect(await state(iterator.next())).toBe('pending');
  });

  it('return() settles a pending next() with done at once, calls onClose once, and drops later pushes', async () => {
    let closed = 0;
    const iterator = createPushIterator<string>({ onClose: () => (closed += 1) });
    const waiting = iterator.next();
    expect(await state(waiting)).toBe('pending');
    expect(await iterator.return()).toEqual({ value: undefined, done: true });
    expect(await state(waiting)).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
    iterator.push('late');
    expect(iterator.isClosed).toBe(true);
    expect(iterator.pending).toBe(0);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await iterator.return();
    expect(closed).toBe(1);
  });

  it('return() drops what is queued', async () => {
    const iterator = createPushIterator<number>();
    iterator.push(1);
    await iterator.return();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('throw() closes like return() and rejects with the error', async () => {
    let closed = 0;
    const iterator = createPushIterator<number>({ onClose: () => (closed += 1) });
    const waiting = iterator.next();
    iterator.push(1);
    expect(await waiting).toEqual({ value: 1, done: false });
    const pending = iterator.next();
    await expect(iterator.throw(new Error('consumer failed'))).rejects.toThrow('consumer failed');
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
    expect(iterator.isClosed).toBe(true);
  });

  it('end() lets the consumer read what is queued, then closes (onClose when read to the end)', async () => {
    let closed = 0;
    const iterator = createPushIterator<number>({ onClose: () => (closed += 1) });
    iterator.push(1);
    iterator.push(2);
    iterator.end();
    iterator.push(3);
    expect(iterator.isClosed).toBe(true);
    expect(closed).toBe(0);
    const values: number[] = [];
    for await (const value of iterator) values.push(value);
    expect(values).toEqual([1, 2]);
    expect(closed).toBe(1);
  });

  it('end() on an empty iterator settles a waiting next() with done', async () => {
    const iterator = createPushIterator<number>();
    const waiting = iterator.next();
    iterator.end();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('fail() delivers what is queued, then rejects next() once, then is done', async () => {
    let closed = 0;
    const iterator = createPushIterator<number>({ onClose: () => (closed += 1) });
    iterator.push(1);
    iterator.fail(new Error('upstream lost'));
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await expect(iterator.next()).rejects.toThrow('upstream lost');
    expect(closed).toBe(1);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('fail() rejects a waiting next()', async () => {
    const iterator = createPushIterator<number>();
    const waiting = iterator.next();
    iterator.fail(new Error('could not subscribe'));
    await expect(waiting).rejects.toThrow('could not subscribe');
  });

  it('keeps at most maxQueued values, dropping the oldest', async () => {
    const iterator = createPushIterator<number>({ maxQueued: 2 });
    for (const value of [1, 2, 3, 4]) iterator.push(value);
    expect(iterator.pending).toBe(2);
    iterator.end();
    const values: number[] = [];
    for await (const value of iterator) values.push(value);
    expect(values).toEqual([3, 4]);
  });

  it('a for-await loop that breaks early closes the iterator', async () => {
    let closed = 0;
    const iterator = createPushIterator<number>({ onClose: () => (closed += 1) });
    iterator.push(1);
    iterator.push(2);
    for await (const value of iterator) {
      expect(value).toBe(1);
      break;
    }
    expect(closed).toBe(1);
    expect(iterator.isClosed).toBe(true);
  });
});
