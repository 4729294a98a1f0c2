import { Client } from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../src/testing';
import { ensureDatabase } from '../src/data/database';

describe('test databases', () => {
  it('creates a fresh database that accepts connections, and drops it', async () => {
    const serverUrl = inject('databaseServerUrl');
    const db = await createTestDatabase(serverUrl, 'kit');
    await ensureDatabase(serverUrl, db.name); // idempotent
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
    await client.end();
    expect(rows[0]?.name).toBe(db.name);
    await db.drop();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});
