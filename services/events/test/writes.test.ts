import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  count,
  cpmrContributor,
  cpmrEditor,
  cpmrModerator,
  CREATE,
  createEvent,
  eurocitiesEditor,
  EVENT_FIELDS,
  eventInput,
  expectFieldError,
  sql,
  startEvents,
  type EventData,
} from './helpers';

let events: TestSubgraph;
beforeAll(async () => {
  events = await startEvents();
});
afterAll(async () => events?.stop());

const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateEventInput!) {
    updateEvent(input: $input) { ${EVENT_FIELDS} }
  }
`;
const PUBLISH_MUTATION =
  'mutation ($input: PublishEventInput!) { publishEvent(input: $input) { status version } }';
const CANCEL_MUTATION =
  'mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { status cancellationReason version } }';

const update = (
  event: { id: string; version: number },
  patch: Record<string, unknown>,
  caller = cpmrContributor,
) =>
  events.query<{ updateEvent: EventData }>(
    UPDATE,
    { input: { id: event.id, version: event.version, ...patch } },
    caller,
  );
const publish = (input: { id: string; version: number }, caller = cpmrContributor) =>
  events.query(PUBLISH_MUTATION, { input }, caller);
const cancel = (input: { id: string; version: number; reason: string }, caller = cpmrContributor) =>
  events.query(CANCEL_MUTATION, { input }, caller);

const written = async () => ({
  events: await count(events, 'event'),
  audit: await count(events, 'hub_audit_log'),
});

describe('who may write', () => {
  it('needs a signed-in contributor or editor of the organisation', async () => {
    const anonymous = await events.query(CREATE, { input: eventInput() });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const moderator = await events.query(CREATE, { input: eventInput() }, cpmrModerator);
    expect(moderator.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const forOther = await events.query(
      CREATE,
      { input: eventInput({ organisation: 'eurocities' }) },
      cpmrEditor,
    );
    expect(forOther.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('records the creating organisation, and lets admins record for another one', async () => {
    expect((await createEvent(events, {}, cpmrEditor)).createdBy.id).toBe('cpmr');
    const byAdmin = await createEvent(events, { organisation: 'eurocities' }, admin);
    expect(byAdmin.createdBy.id).toBe('eurocities');
  });

  it("refuses every change to another organisation's event with FORBIDDEN, changing nothing", async () => {
    const event = await createEvent(events);
    const before = await written();
    const attempts = [
      await update(event, { title: 'Taken over' }, eurocitiesEditor),
      await cancel({ id: event.id, version: event.version, reason: 'Not ours' }, eurocitiesEditor),
      await update(event, { title: 'Moderated' }, cpmrModerator),
    ];
    for (const { body } of attempts) expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const draft = await createEvent(events, { publish: false });
    const published = await publish({ id: draft.id, version: draft.version }, eurocitiesEditor);
    // Another organisation's draft is invisible to the caller: not found, rather than forbidden.
    expect(published.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await written()).toEqual({ events: before.events + 1, audit: before.audit + 1 });
    const [row] = await sql<{ title: string; status: string; version: number }>(
      events,
      'SELECT title, status, version FROM event WHERE id = ?',
      [event.id],
    );
    expect(row).toEqual({ title: event.title, status: 'PUBLISHED', version: 1 });
  });

  it('lets editors of the same organisation and admins change it', async () => {
    const event = await createEvent(events, {}, cpmrContributor);
    const byEditor = await update(event, { title: 'Changed by an editor' }, cpmrEditor);
    expect(byEditor.body.data!.updateEvent).toMatchObject({ title: 'Changed by an editor', version: 2 });
    const byAdmin = await update({ id: event.id, version: 2 }, { capacity: 40 }, admin);
    expect(byAdmin.body.data!.updateEvent).toMatchObject({ capacity: 40, version: 3 });
  });
});

describe('validation', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a two-letter title', { title: 'Hi' }, 'input.title'],
    ['a too long summary', { summary: 'x'.repeat(501) }, 'input.summary'],
    ['a too long description', { description: 'x'.repeat(20_001) }, 'input.description'],
    ['an end before the start', { endsAt: '2030-05-06T09:00:00+02:00' }, 'input.endsAt'],
    ['an end equal to the start', { endsAt: '2030-05-06T09:30:00+02:00' }, 'input.endsAt'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'input.timeZone'],
    ['an offset instead of a zone', { timeZone: '+02:00' }, 'input.timeZone'],
    ['a language name', { languages: ['english'] }, 'input.languages'],
    ['an unassigned language code', { languages: ['en', 'zz'] }, 'input.languages'],
    ['a javascript: registration URL', { registrationUrl: 'javascript:alert(1)' }, 'input.registrationUrl'],
    ['an ftp online URL', { format: 'HYBRID', onlineUrl: 'ftp://example.org/' }, 'input.onlineUrl'],
    ['a zero capacity', { capacity: 0 }, 'input.capacity'],
    ['an in-person event without venue', { venue: null }, 'input.venue'],
    ['an online event without URL', { format: 'ONLINE', venue: null }, 'input.onlineUrl'],
    ['a hybrid event without URL', { format: 'HYBRID' }, 'input.onlineUrl'],
    ['no host region', { hostRegions: [] }, 'input.hostRegions'],
    ['a malformed region code', { hostRegions: ['FR', 'fr-h'] }, 'input.hostRegions'],
    ['no organiser', { organisers: [] }, 'input.organisers'],
    ['a malformed organisation id', { organisers: ['CPMR!'] }, 'input.organisers'],
    [
      'a venue country name',
      { venue: { name: 'Hall', city: 'Rennes', isoCountryCode: 'France' } },
      'input.venue.isoCountryCode',
    ],
    [
      "Eurostat's EL as a venue country",
      { venue: { name: 'Hall', city: 'Athina', isoCountryCode: 'EL' } },
      'input.venue.isoCountryCode',
    ],
    ['an all-day event not starting at midnight', { allDay: true }, 'input.startsAt'],
    ['a short idempotency key', { idempotencyKey: 'short' }, 'input.idempotencyKey'],
  ];

  it.each(cases)(
    'refuses %s with BAD_USER_INPUT naming the field, writing nothing',
    async (_case, change, field) => {
      const before = await written();
      const { body } = await events.query(CREATE, { input: eventInput(change) }, cpmrContributor);
      expect(body.data ?? null).toBeNull();
      expectFieldError(body.errors, field);
      expect(await written()).toEqual(before);
    },
  );

  it('accepts an all-day event spanning local midnights, and normalises codes', async () => {
    const event = await createEvent(events, {
      allDay: true,
      startsAt: '2030-05-06T00:00:00+02:00',
      endsAt: '2030-05-08T00:00:00+02:00',
      timeZone: 'europe/paris',
      hostRegions: [' frh03 ', 'FRH03'],
      languages: ['EN'],
    });
    expect(event).toMatchObject({
      allDay: true,
      timeZone: 'Europe/Paris',
      hostRegions: [{ code: 'FRH03' }],
      languages: ['en'],
    });
  });
});

describe('idempotency', () => {
  it('writes once when retried with the same key, and refuses the key for another request', async () => {
    const input = eventInput();
    const before = await written();
    const first = await events.query<{ createEvent: EventData }>(CREATE, { input }, cpmrContributor);
    const retry = await events.query<{ createEvent: EventData }>(CREATE, { input }, cpmrContributor);
    expect(retry.body.data!.createEvent).toEqual(first.body.data!.createEvent);
    expect(await written()).toEqual({ events: before.events + 1, audit: before.audit + 1 });
    const reused = await events.query(
      CREATE,
      { input: { ...input, title: 'Another event' } },
      cpmrContributor,
    );
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Keys are per organisation: another organisation may use the same one.
    const other = await events.query<{ createEvent: EventData }>(CREATE, { input }, eurocitiesEditor);
    expect(other.body.data!.createEvent.id).not.toBe(first.body.data!.createEvent.id);
  });

  it('creates one event when the same request arrives twice at once', async () => {
    const input = eventInput({ idempotencyKey: randomUUID() });
    const [a, b] = await Promise.all([
      events.query<{ createEvent: EventData }>(CREATE, { input }, cpmrContributor),
      events.query<{ createEvent: EventData }>(CREATE, { input }, cpmrContributor),
    ]);
    expect(a.body.data!.createEvent.id).toBe(b.body.data!.createEvent.id);
  });
});

describe('versions and states', () => {
  it('refuses a stale version with CONFLICT and the current version', async () => {
    const event = await createEvent(events);
    const changed = await update(event, { title: 'First change' });
    expect(changed.body.data!.updateEvent.version).toBe(2);
    const stale = await update(event, { title: 'Second change from an old read' });
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const staleCancel = await cancel({ id: event.id, version: 1, reason: 'Storm warning' });
    expect(staleCancel.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const stalePublish = await publish({
      id: (await createEvent(events, { publish: false })).id,
      version: 7,
    });
    expect(stalePublish.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
  });

  it('applies a patch: left-out fields stay, null clears optional ones, lists are replaced', async () => {
    const event = await createEvent(events, {
      registrationUrl: 'https://example.org/register',
      capacity: 30,
    });
    const { body } = await update(event, {
      registrationUrl: null,
      hostRegions: ['FRH03', 'FRH04'],
      organisers: ['cpmr', 'cor'],
      description: 'Now with an *agenda*.',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateEvent).toMatchObject({
      title: event.title,
      capacity: 30,
      registrationUrl: null,
      hostRegions: [{ code: 'FRH03' }, { code: 'FRH04' }],
      organisers: [{ id: 'cpmr' }], // the CoR is named, and organises once it accepts
      descriptionHtml: '<p>Now with an <em>agenda</em>.</p>',
      version: 2,
    });
    const [audit] = await sql<{ action: string; changed_fields: string[] }>(
      events,
      "SELECT action, changed_fields FROM hub_audit_log WHERE entity = 'Event' AND entity_id = ? ORDER BY id DESC LIMIT 1",
      [event.id],
    );
    expect(audit).toEqual({
      action: 'update',
      changed_fields: ['description', 'hostRegions', 'organisers', 'registrationUrl'],
    });
  });

  it('refuses to clear required fields and to break the rules across fields', async () => {
    const event = await createEvent(events);
    const before = await written();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: null }, 'input.title'],
      [{ title: 'No' }, 'input.title'],
      [{ hostRegions: [] }, 'input.hostRegions'],
      [{ venue: null }, 'input.venue'],
      [{ venue: { name: 'Hall', city: 'Rennes', isoCountryCode: 'XX' } }, 'input.venue.isoCountryCode'],
      [{ format: 'ONLINE' }, 'input.onlineUrl'],
      [{ endsAt: '2030-05-06T08:00:00+02:00' }, 'input.endsAt'],
      [{ allDay: true }, 'input.startsAt'],
      [{ timeZone: '+01:00' }, 'input.timeZone'],
    ];
    for (const [patch, field] of cases) {
      const { body } = await update(event, patch);
      expectFieldError(body.errors, field);
    }
    expect(await written()).toEqual(before);
  });

  it('leaves an event untouched by a patch that changes nothing', async () => {
    const event = await createEvent(events, { hostRegions: ['FRH03', 'FRH04'], organisers: ['cpmr', 'cor'] });
    const before = await written();
    const { body } = await update(event, {
      title: ` ${event.title} `,
      hostRegions: ['frh04', 'FRH03'],
      organisers: ['cor', 'cpmr', 'cor'],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateEvent.version).toBe(1);
    expect(await written()).toEqual(before);
  });

  it('publishes drafts once and cancels published events once, with a reason', async () => {
    const draft = await createEvent(events, { publish: false });
    expect(draft.status).toBe('DRAFT');
    const cancelDraft = await cancel({ id: draft.id, version: 1, reason: 'Never mind' });
    expect(cancelDraft.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'DRAFT',
    });
    const published = await publish({ id: draft.id, version: 1 });
    expect(published.body.data).toEqual({ publishEvent: { status: 'PUBLISHED', version: 2 } });
    const again = await publish({ id: draft.id, version: 2 });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'PUBLISHED',
    });
    const noReason = await cancel({ id: draft.id, version: 2, reason: ' x ' });
    expectFieldError(noReason.body.errors, 'input.reason');
    const cancelled = await cancel({ id: draft.id, version: 2, reason: ' Storm warning ' });
    expect(cancelled.body.data).toEqual({
      cancelEvent: { status: 'CANCELLED', cancellationReason: 'Storm warning', version: 3 },
    });
    const twice = await cancel({ id: draft.id, version: 3, reason: 'Again' });
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'CANCELLED',
    });
    const edit = await update({ id: draft.id, version: 3 }, { title: 'Back on' });
    expect(edit.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'CANCELLED' });
    const actions = await sql<{ action: string }>(
      events,
      'SELECT action FROM hub_audit_log WHERE entity_id = ? ORDER BY id',
      [draft.id],
    );
    expect(actions.map((row) => row.action)).toEqual(['create', 'publish', 'cancel']);
  });

  it('answers NOT_FOUND for an unknown event', async () => {
    const { body } = await update({ id: randomUUID(), version: 1 }, { title: 'Nothing here' });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('shows the writes to admins in eventsAuditLog, and to nobody else', async () => {
    const log = await events.query<{ eventsAuditLog: { totalCount: number } }>(
      '{ eventsAuditLog(entity: "Event") { totalCount } }',
      undefined,
      admin,
    );
    expect(log.body.data!.eventsAuditLog.totalCount).toBe(await count(events, 'hub_audit_log'));
    const refused = await events.query('{ eventsAuditLog { totalCount } }', undefined, cpmrEditor);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
