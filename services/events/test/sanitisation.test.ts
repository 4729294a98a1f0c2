import { findExecutableHtml, XSS_PAYLOADS, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrContributor, createEvent, startEvents } from './helpers';

let events: TestSubgraph;
let eventId: string;
beforeAll(async () => {
  events = await startEvents();
  eventId = (await createEvent(events, { description: 'Plain start' })).id;
});
afterAll(async () => events?.stop());

const UPDATE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!, $description: String) {
    updateEvent(input: { id: $id, version: $version, description: $description }) {
      version
      description
      descriptionHtml
    }
  }
`;

interface Updated {
  updateEvent: { version: number; description: string; descriptionHtml: string };
}

describe('descriptionHtml', () => {
  it('never carries executable HTML, for every XSS payload (created or updated)', async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThan(20);
    let version = 1;
    for (const payload of XSS_PAYLOADS) {
      const created = await createEvent(events, { description: `Agenda\n\n${payload}` });
      expect(findExecutableHtml(created.descriptionHtml), `create: ${payload}`).toEqual([]);
      expect(created.description).toBe(`Agenda\n\n${payload}`); // the source is kept as written
      const { body } = await events.query<Updated>(
        UPDATE,
        { id: eventId, version, description: payload },
        cpmrContributor,
      );
      expect(body.errors, payload).toBeUndefined();
      expect(findExecutableHtml(body.data!.updateEvent.descriptionHtml), `update: ${payload}`).toEqual([]);
      version = body.data!.updateEvent.version;
    }
  });

  it('is read back through event and events without executable HTML', async () => {
    const { body } = await events.query<{ events: { edges: Array<{ node: { descriptionHtml: string } }> } }>(
      '{ events(first: 100) { edges { node { descriptionHtml } } } }',
    );
    const html = body.data!.events.edges.map((edge) => edge.node.descriptionHtml);
    expect(html.length).toBeGreaterThan(XSS_PAYLOADS.length);
    expect(html.flatMap(findExecutableHtml)).toEqual([]);
  });

  it('still renders ordinary Markdown, with safe links', async () => {
    const event = await createEvent(events, {
      description: '## Agenda\n\n- **09:30** welcome\n- [Programme](https://example.org/programme)',
    });
    expect(event.descriptionHtml).toBe(
      '<h2>Agenda</h2>\n<ul>\n<li><strong>09:30</strong> welcome</li>\n<li><a href="https://example.org/programme" rel="nofollow noopener noreferrer">Programme</a></li>\n</ul>',
    );
  });
});
