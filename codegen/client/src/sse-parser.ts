/**
 * One Server-Sent Events message: its `event` name (default `message`) and its `data` lines joined, with the
 * stream's last event id (`id:` of this or an earlier message) once there is one.
 */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads `text/event-stream` from a fetch body (the WHATWG format: `field: value` lines, a blank line ends a
 * message, lines starting with `:` are comments such as keep-alives; `\n`, `\r\n` or `\r` end a line).
 * Works on any `ReadableStream` of bytes, so in browsers and Node alike.
 */
export async function* readSseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let lastEventId = '';
  /** The current message set the id: yielded even without data (as `event: ''`) so a reader can follow it. */
  let idChanged = false;
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let lineEnd: RegExpExecArray | null;
      const lineBreak = /\r\n|\r|\n/g;
      let start = 0;
      while ((lineEnd = lineBreak.exec(buffer))) {
        // a lone `\r` at the end of the buffer may be the first half of `\r\n`: wait for more
        if (lineEnd[0] === '\r' && lineEnd.index === buffer.length - 1 && !done) break;
        const line = buffer.slice(start, lineEnd.index);
        start = lineEnd.index + lineEnd[0].length;
        if (line === '') {
          const id = lastEventId ? { id: lastEventId } : {};
          if (data.length) yield { event: event || 'message', data: data.join('\n'), ...id };
          // an EventSource dispatches nothing here, but remembers the id for its reconnection
          else if (idChanged) yield { event: '', data: '', ...id };
          event = '';
          data = [];
          idChanged = false;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const rawValue = colon < 0 ? '' : line.slice(colon + 1);
        const fieldValue = rawValue.startsWith(' ') ? rawValue.slice(1) : rawValue;
        if (field === 'event') event = fieldValue;
        else if (field === 'data') data.push(fieldValue);
        else if (field === 'id' && !fieldValue.includes('\0')) {
          lastEventId = fieldValue;
          idChanged = true;
        }
      }
      buffer = buffer.slice(start);
      if (done) {
        finished = true;
        return;
      }
    }
  } finally {
    // the consumer stopped early (or reading failed): let go of the connection
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
