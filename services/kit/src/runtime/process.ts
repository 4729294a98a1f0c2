/**
 * The body of every service's entry point: starts the service, stops it on SIGINT/SIGTERM (a second signal while
 * stopping is ignored), exits 0 when stopped and 1 with a one-line message when it cannot start. The handlers are
 * installed before starting, so a signal that arrives while the service starts (e.g. right after it logged that it
 * listens) stops it cleanly once it is up instead of killing the process mid-start.
 */
export function runUntilSignalled(start: () => Promise<{ stop(): Promise<void> }>): void {
  let service: { stop(): Promise<void> } | undefined;
  let stopRequested = false;
  let stopping = false;
  const stop = () => {
    if (stopping || !service) return;
    stopping = true;
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  const onSignal = () => {
    // A second signal before the service is up gives up on it (the caller really wants out).
    if (stopRequested && !service) process.exit(130);
    stopRequested = true;
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  start().then(
    (started) => {
      service = started;
      if (stopRequested) stop();
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
