import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchedStdout, createLogger, LOG_BATCH_MS } from '../src/runtime/logger';

/** A logger writing through a BatchedStdout whose writes land in `chunks`. */
function batchedLogger() {
  const chunks: string[] = [];
  const out = new BatchedStdout({ write: (chunk: string) => chunks.push(chunk) });
  return { logger: createLogger('test', 'debug', out), out, chunks };
}

const messages = (chunk: string) =>
  chunk
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

describe('log lines on standard output (BatchedStdout)', () => {
  afterEach(() => vi.useRealTimers());

  it('writes the info lines of one batch window together, in order', () => {
    vi.useFakeTimers();
    const { logger, chunks } = batchedLogger();
    logger.info('one');
    logger.debug('two');
    logger.info('three');
    expect(chunks).toEqual([]);
    vi.advanceTimersByTime(LOG_BATCH_MS);
    expect(chunks.map(messages)).toEqual([['one', 'two', 'three']]);
    logger.info('four');
    vi.advanceTimersByTime(LOG_BATCH_MS);
    expect(chunks.map(messages)).toEqual([['one', 'two', 'three'], ['four']]);
  });

  it('writes a warning or worse at once, with the lines waiting before it', () => {
    vi.useFakeTimers();
    const { logger, chunks } = batchedLogger();
    logger.info('waiting');
    logger.warn('warned');
    expect(chunks.map(messages)).toEqual([['waiting', 'warned']]);
    logger.error('failed');
    expect(chunks.map(messages)).toEqual([['waiting', 'warned'], ['failed']]);
    vi.advanceTimersByTime(LOG_BATCH_MS);
    expect(chunks).toHaveLength(2); // nothing left to write
  });

  it('writes at once when the waiting lines grow large, and on logger.flush()', () => {
    vi.useFakeTimers();
    const { logger, chunks } = batchedLogger();
    const long = 'x'.repeat(1000);
    // about 1,080 characters a line: the 16th passes 16 k
    for (let i = 0; i < 15; i += 1) logger.info(long);
    expect(chunks).toHaveLength(0);
    logger.info(long);
    expect(chunks).toHaveLength(1);
    expect(messages(chunks[0]!)).toHaveLength(16);
    logger.info('small');
    logger.flush();
    expect(chunks.map(messages)[1]).toEqual(['small']);
  });

  it('stops logging, and the process goes on, when the reader of stdout goes away', async () => {
    const logger = path.resolve(__dirname, '../dist/runtime/logger.js');
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { createLogger } = require(${JSON.stringify(logger)});
         const log = createLogger('child');
         const timer = setInterval(() => log.info('tick'), 5);
         setTimeout(() => { clearInterval(timer); log.info('done'); }, 600);`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy()); // the pipe's reader closes after the first batch
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('writes what waits when the process exits, also when it crashes', () => {
    // the built module, as a service runs it (the build comes before the tests)
    const logger = path.resolve(__dirname, '../dist/runtime/logger.js');
    for (const ending of ['process.exit(3)', "throw new Error('crash')"]) {
      const child = spawnSync(
        process.execPath,
        [
          '-e',
          `const { createLogger } = require(${JSON.stringify(logger)});
           const log = createLogger('child');
           log.info('first'); log.info('last');
           ${ending};`,
        ],
        { encoding: 'utf8', cwd: __dirname },
      );
      expect(child.status).not.toBe(0);
      expect(messages(child.stdout)).toEqual(['first', 'last']);
    }
  });
});
