import { randomUUID } from 'node:crypto';
import {
  CreateEventDocument,
  CreateLibraryResourceDocument,
  EventMaterialsDocument,
  LibraryMapDocument,
  PublishEventDocument,
  PublishLibraryResourceDocument,
  SearchLibraryDocument,
} from '@hub/codegen';
import { subscribeForTest, waitFor } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

/**
 * Issue 14's checks through the real hub (every subgraph of schema/subgraphs.json and the gateway): a good
 * practice of CPMR produced by a workshop goes from draft to published, is found by a search typed without
 * accents, in another case and with a typo in the place name, adds up in the facets, counts on the region map in
 * its NUTS 2 region and its country, is listed by `Event.materials`, and reaches `resourcePublished`.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

async function ok<TData>(run: Promise<{ body: { data?: TData | null; errors?: unknown } }>): Promise<TData> {
  const { body } = await run;
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/** A published workshop of CPMR in Central Macedonia (the event the practice comes from). */
async function publishedWorkshop(token: string): Promise<string> {
  const { createEvent } = await ok(
    hub.query(
      CreateEventDocument,
      {
        input: {
          idempotencyKey: randomUUID(),
          title: 'Workshop on welcome desks for refugees',
          summary: 'Cities and regions compare their one-stop shops for newcomers.',
          kind: 'WORKSHOP',
          strand: 'CAPACITY_BUILDING',
          policyAreas: ['HOUSING'],
          startsAt: '2026-10-05T07:00:00.000Z',
          endsAt: '2026-10-05T10:00:00.000Z',
          timeZone: 'Europe/Athens',
          format: 'IN_PERSON',
          hostRegions: ['EL52'],
          organisers: ['cpmr'],
          languages: ['en', 'el'],
          venue: { name: 'City hall', city: 'Thessaloniki', isoCountryCode: 'GR' },
        },
      },
      token,
    ),
  );
  await ok(
    hub.query(PublishEventDocument, { input: { id: createEvent.id, version: createEvent.version } }, token),
  );
  return createEvent.id;
}

describe('library through the gateway', () => {
  it('create → draft invisible to others → publish → search → facets → map → Event.materials → resourcePublished', async () => {
    const editor = await hub.token('cpmr', ['contributor', 'editor']);
    const other = await hub.token('eurocities', ['editor']);
    const eventId = await publishedWorkshop(editor);
    const bus = hub.subgraphs.library!.bus;
    const before = bus.activeListeners('library.resourcePublished');
    const subscription = await subscribeForTest<{
      resourcePublished: { id: string; publisher: { name: string } };
    }>(
      hub.url,
      'subscription { resourcePublished(region: "EL5", policyAreas: [COMMUNITY_SPONSORSHIP]) { id publisher { id name } } }',
      {},
      { connectionParams: {} },
    );
    try {
      await waitFor(
        () => bus.activeListeners('library.resourcePublished') === before + 1,
        'the subscription',
      );

      const { createResource: draft } = await ok(
        hub.query(
          CreateLibraryResourceDocument,
          {
            input: {
              idempotencyKey: randomUUID(),
              kind: 'GOOD_PRACTICE',
              language: 'en',
              title: 'Welcome desk for refugees in Thessaloníki',
              summary:
                'A one-stop shop where newly arrived refugees find housing, language courses and sponsors.',
              body: 'Run with **local sponsors** since 2024.',
              publishedOn: '2025-04-10',
              territories: ['EL52'],
              policyAreas: ['HOUSING', 'COMMUNITY_SPONSORSHIP'],
              location: { longitude: 22.9444, latitude: 40.6401 },
              event: eventId,
            },
          },
          editor,
        ),
      );
      expect(draft).toMatchObject({
        status: 'DRAFT',
        publisher: { id: 'cpmr', name: expect.any(String) },
        territories: [{ code: 'EL52', name: expect.any(String) }],
      });

      const search = (token?: string) =>
        ok(
          hub.query(
            SearchLibraryDocument,
            { filter: { query: 'THESSALONIKY welcome desk' }, first: 10 },
            token,
          ),
        );
      const drafts = (token?: string) =>
        ok(hub.query(SearchLibraryDocument, { filter: { statuses: ['DRAFT'] }, first: 10 }, token));
      // the draft: invisible to anyone outside CPMR (lists, counts, facets, Event.materials)
      expect((await search()).resources.totalCount).toBe(0);
      expect((await drafts(other)).resources.facets.total).toBe(0);
      expect((await drafts(editor)).resources.edges.map((edge) => edge.node.id)).toEqual([draft.id]);
      expect((await ok(hub.query(EventMaterialsDocument, { id: eventId }))).event?.materials).toEqual([]);
      expect(
        (await ok(hub.query(EventMaterialsDocument, { id: eventId }, editor))).event?.materials,
      ).toHaveLength(1);

      await ok(
        hub.query(
          PublishLibraryResourceDocument,
          { input: { id: draft.id, version: draft.version } },
          editor,
        ),
      );

      // found without accents, in another case, with a typo in the place name; publisher and territory names
      const { resources } = await search();
      expect(resources.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({
          id: draft.id,
          publisher: { id: 'cpmr', name: expect.any(String) },
          territories: [{ code: 'EL52', name: expect.any(String) }],
        }),
      ]);
      // facets add up to the total
      const { facets, totalCount } = resources;
      expect(facets.total).toBe(totalCount);
      for (const list of [facets.kinds, facets.languages, facets.years, facets.countries]) {
        expect(list.reduce((sum, item) => sum + item.count, 0)).toBe(totalCount);
      }
      expect(facets.countries).toEqual([{ region: { code: 'EL', name: expect.any(String) }, count: 1 }]);

      // the map counts it in its NUTS 2 region and its country, every other region at 0
      const nuts2 = (await ok(hub.query(LibraryMapDocument, { level: 'NUTS2', country: 'EL' })))
        .resourcesByRegion;
      expect(nuts2.cells.length).toBeGreaterThan(10);
      expect(nuts2.cells.filter((cell) => cell.count > 0)).toEqual([
        { count: 1, region: { code: 'EL52', name: expect.any(String) } },
      ]);
      const countries = (await ok(hub.query(LibraryMapDocument, { level: 'COUNTRY' }))).resourcesByRegion;
      expect(countries.cells.length).toBeGreaterThanOrEqual(27);
      expect(countries.cells.find((cell) => cell.region.code === 'EL')?.count).toBe(1);
      expect(countries.cells.find((cell) => cell.region.code === 'FR')?.count).toBe(0);

      // Event.materials lists what the workshop produced
      const { event } = await ok(hub.query(EventMaterialsDocument, { id: eventId }));
      expect(event?.materials.map((material) => material.id)).toEqual([draft.id]);

      // resourcePublished reached the subscriber, with the publisher's name from the regions subgraph
      expect((await subscription.next()).data).toEqual({
        resourcePublished: { id: draft.id, publisher: { id: 'cpmr', name: expect.any(String) } },
      });
    } finally {
      await subscription.close();
    }
  });

  it('costs each subgraph the same statements for a map of 10 and of all NUTS 2 regions', async () => {
    const statementsFor = (country: string | undefined) =>
      hub.statementsDuring(async () => {
        const data = await ok(hub.query(LibraryMapDocument, { level: 'NUTS2', country }));
        expect(data.resourcesByRegion.cells.length).toBeGreaterThanOrEqual(country ? 10 : 244);
      });
    // the list of a level's regions (for the zeros) is cached after the first map of it
    await statementsFor(undefined);
    await statementsFor('PL');
    const ten = await statementsFor('PL'); // Poland: 17 NUTS 2 regions
    const all = await statementsFor(undefined);
    expect(ten.library).toBe(1);
    expect(all).toEqual(ten);
  });

  it('costs each subgraph the same statements for 10 and 100 search results with publishers and territories', async () => {
    const editor = await hub.token('cpmr', ['contributor', 'editor']);
    for (let i = 0; i < 100; i += 1) {
      const { createResource } = await ok(
        hub.query(
          CreateLibraryResourceDocument,
          {
            input: {
              idempotencyKey: randomUUID(),
              kind: 'REPORT',
              language: 'en',
              title: `Quarterly integration report ${i}`,
              summary: 'Figures on arrivals and integration services.',
              publishedOn: '2026-01-15',
              territories: [['EL43', 'FR10', 'DE30', 'PL91'][i % 4]!, 'ES51'],
            },
          },
          editor,
        ),
      );
      await ok(
        hub.query(PublishLibraryResourceDocument, { input: { id: createResource.id, version: 1 } }, editor),
      );
    }
    const statementsFor = (first: number) =>
      hub.statementsDuring(async () => {
        const data = await ok(
          hub.query(SearchLibraryDocument, { filter: { query: 'quarterly report' }, first }),
        );
        expect(data.resources.edges).toHaveLength(first);
      });
    const ten = await statementsFor(10);
    expect(ten.library).toBeGreaterThan(0);
    expect(ten.regions).toBeGreaterThan(0);
    expect(await statementsFor(100)).toEqual(ten);
  });
});
