import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../src/testing';

let stop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const server = await startTestPostgres();
  stop = server.stop;
  project.provide('databaseServerUrl', server.url);
}

export async function teardown(): Promise<void> {
  await stop?.();
}
