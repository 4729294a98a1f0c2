import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from '../src/runtime/cli';

describe('parseCliArguments', () => {
  it('takes --dir before any command and after a built-in one', () => {
    expect(parseCliArguments(['--dir', 'services/events', 'start'])).toEqual({
      dir: path.resolve('services/events'),
      command: 'start',
      args: [],
    });
    expect(parseCliArguments(['emit-schema', '--dir=services/forum'])).toEqual({
      dir: path.resolve('services/forum'),
      command: 'emit-schema',
      args: [],
    });
  });

  it('gives everything after a definition’s own command to that command, --dir included', () => {
    expect(parseCliArguments(['--dir', 'x', 'import', 'data.csv', '--meta', 'm.json', '--dir', 'y'])).toEqual(
      {
        dir: path.resolve('x'),
        command: 'import',
        args: ['data.csv', '--meta', 'm.json', '--dir', 'y'],
      },
    );
  });

  it('reads --help as help, and no command as none', () => {
    expect(parseCliArguments(['--help']).command).toBe('help');
    expect(parseCliArguments([])).toEqual({ dir: process.cwd(), command: undefined, args: [] });
    expect(() => parseCliArguments(['--dir'])).toThrow('--dir needs a folder');
  });
});
