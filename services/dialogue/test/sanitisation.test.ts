import { findExecutableHtml, XSS_PAYLOADS, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corEditor, createConsultation, startDialogue } from './helpers';

let dialogue: TestSubgraph;
beforeAll(async () => {
  dialogue = await startDialogue();
});
afterAll(async () => dialogue?.stop());

const UPDATE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!, $description: String) {
    updateConsultation(input: { id: $id, version: $version, description: $description }) {
      version
      description
      descriptionHtml
    }
  }
`;

describe('Consultation.descriptionHtml', () => {
  it('never carries executable HTML, for every XSS payload (created or updated)', async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThan(20);
    const target = await createConsultation(dialogue, { description: 'Plain start', questions: [] });
    let version = target.version;
    for (const payload of XSS_PAYLOADS) {
      const created = await createConsultation(dialogue, {
        description: `Context\n\n${payload}`,
        questions: [],
      });
      expect(findExecutableHtml(created.descriptionHtml), `create: ${payload}`).toEqual([]);
      expect(created.description).toBe(`Context\n\n${payload}`);
      const { body } = await dialogue.query<{
        updateConsultation: { version: number; descriptionHtml: string };
      }>(UPDATE, { id: target.id, version, description: payload }, corEditor);
      expect(body.errors, payload).toBeUndefined();
      expect(findExecutableHtml(body.data!.updateConsultation.descriptionHtml), `update: ${payload}`).toEqual(
        [],
      );
      version = body.data!.updateConsultation.version;
    }
  });

  it('still renders ordinary Markdown, with safe links', async () => {
    const created = await createConsultation(dialogue, {
      description: '## Why\n\n- **Housing** first\n- [Background](https://example.org/background)',
    });
    expect(created.descriptionHtml).toBe(
      '<h2>Why</h2>\n<ul>\n<li><strong>Housing</strong> first</li>\n<li><a href="https://example.org/background" rel="nofollow noopener noreferrer">Background</a></li>\n</ul>',
    );
  });
});
