/**
 * The body of every service's main.ts: starts the service, stops it on SIGINT/SIGTERM (a second signal while
 * stopping is ignored), exits 0 when stopped and 1 with a one-line message when it cannot start.
 */
export function runUntilSignalled(start: () => Promise<{ stop(): Promise<void> }>): void {
  start().then(
    (service) => {
      let stopping = false;
      const shutdown = () => {
        if (stopping) return;
        stopping = true;
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
