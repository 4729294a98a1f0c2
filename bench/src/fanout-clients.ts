import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The client side of the fan-out benchmark, in its own process so that the hub's process measures only the
 * hub: opens `count` graphql-ws connections to `url`, one subscription each, and reports to the parent (IPC)
 * when every connection is acknowledged and, after `expect` arrives, when each client received its message.
 *   process.argv: <gateway url> <count> <subscription query>
 */
const [url, countText, query] = process.argv.slice(2) as [string, string, string];
const count = Number(countText);
const now = () => performance.timeOrigin + performance.now();

const clients: Client[] = [];
const arrivals: number[] = [];
let acknowledged = 0;
let errors = 0;

function send(message: Record<string, unknown>): void {
  process.send!(message);
}

async function open(): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => (errors += 1),
      on: { connected: () => (acknowledged += 1) },
    });
    client.subscribe(
      { query },
      {
        next: () => arrivals.push(now()),
        error: () => (errors += 1),
        complete: () => undefined,
      },
    );
    clients.push(client);
    // At most 1,000 new connections a second: a faster storm only measures how many handshakes time out.
    if (index % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  while (acknowledged + errors < count) await new Promise((resolve) => setTimeout(resolve, 50));
  send({ type: 'connected', acknowledged, errors });
}

process.on('message', (message: { type: string; timeoutMs?: number }) => {
  if (message.type !== 'collect') return;
  const deadline = Date.now() + (message.timeoutMs ?? 60_000);
  const poll = setInterval(() => {
    if (arrivals.length >= count || Date.now() > deadline) {
      clearInterval(poll);
      send({ type: 'arrivals', arrivals, errors });
      void Promise.all(clients.map((client) => client.dispose())).then(() => process.exit(0));
    }
  }, 20);
});

void open();
