import { describe, expect, it } from 'vitest';
import { readSseMessages, type SseMessage } from '../src/sse-parser.js';

/** A byte stream delivering `chunks` one by one, as a network would split them. */
function streamOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  for await (const message of readSseMessages(stream)) messages.push(message);
  return messages;
}

describe('readSseMessages', () => {
  it('reads the gateway’s messages: next with JSON, keep-alive comments, complete with empty data', async () => {
    const messages = await collect(
      streamOf([': keep-alive\n\n', 'event: next\ndata: {"data":{"a":1}}\n\n', 'event: complete\ndata:\n\n']),
    );
    expect(messages).toEqual([
      { event: 'next', data: '{"data":{"a":1}}' },
      { event: 'complete', data: '' },
    ]);
  });

  it('joins messages split anywhere, also inside a multi-byte character and between \\r and \\n', async () => {
    const bytes = new TextEncoder().encode('event: next\r\ndata: {"name":"Île-de-France"}\r\n\r\n');
    const split = bytes.indexOf(0xc3) + 1; // inside "Î"
    const crlf = bytes.indexOf(0x0d) + 1; // between \r and \n of the first line
    const messages = await collect(
      streamOf([bytes.slice(0, crlf), bytes.slice(crlf, split), bytes.slice(split)]),
    );
    expect(messages).toEqual([{ event: 'next', data: '{"name":"Île-de-France"}' }]);
  });

  it('joins data lines with \\n, defaults the event to "message" and ignores unknown fields', async () => {
    const messages = await collect(
      streamOf(['id: 7\ndata: first\ndata:second\nretry: 10\n\n', 'data: x\r\r']),
    );
    expect(messages).toEqual([
      { event: 'message', data: 'first\nsecond', id: '7' },
      { event: 'message', data: 'x', id: '7' },
    ]);
  });

  it('follows the last event id, also through messages that set only the id', async () => {
    const messages = await collect(
      streamOf([
        'id: a-1\n\n',
        ': keep-alive\n\n',
        'id: a-2\nevent: next\ndata: {}\n\n',
        'event: next\ndata: {}\n\n',
      ]),
    );
    expect(messages).toEqual([
      { event: '', data: '', id: 'a-1' },
      { event: 'next', data: '{}', id: 'a-2' },
      { event: 'next', data: '{}', id: 'a-2' },
    ]);
  });

  it('drops a message the stream cut off before its blank line', async () => {
    expect(await collect(streamOf(['event: next\ndata: {"a":1}\n\nevent: next\ndata: {"b"']))).toEqual([
      { event: 'next', data: '{"a":1}' },
    ]);
  });
});
