import diagnosticsChannel from 'node:diagnostics_channel';

/** One request the gateway sent to a subgraph, with the headers exactly as they went on the wire. */
export interface SentRequest {
  origin: string;
  path: string;
  headers: Map<string, string>;
}

interface SendHeadersMessage {
  request: { origin: string | URL; path: string };
  headers: string;
}

/**
 * Records the HTTP requests sent to `origins` (the subgraphs) while recording: undici, the gateway's transport,
 * publishes the raw header block of each request on the `undici:client:sendHeaders` diagnostics channel.
 */
export function recordRequestsTo(origins: () => string[]) {
  const sent: SentRequest[] = [];
  const channel = diagnosticsChannel.channel('undici:client:sendHeaders');
  const onMessage = (message: unknown) => {
    const { request, headers } = message as SendHeadersMessage;
    const origin = new URL(String(request.origin)).origin;
    if (!origins().includes(origin)) return;
    const lines = headers.split('\r\n').slice(1); // after the request line
    sent.push({
      origin,
      path: request.path,
      headers: new Map(
        lines
          .filter((line) => line.includes(':'))
          .map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
          }),
      ),
    });
  };
  channel.subscribe(onMessage);
  return {
    sent,
    stop: () => channel.unsubscribe(onMessage),
  };
}
