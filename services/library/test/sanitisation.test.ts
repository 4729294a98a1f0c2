import { findExecutableHtml, XSS_PAYLOADS, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrContributor, createResourceInput, startLibrary } from './helpers';

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

const CREATE = /* GraphQL */ `
  mutation ($input: CreateResourceInput!) {
    createResource(input: $input) {
      body
      bodyHtml
      versions {
        body
        bodyHtml
      }
    }
  }
`;

interface Created {
  createResource: { body: string; bodyHtml: string; versions: Array<{ body: string; bodyHtml: string }> };
}

describe('Resource.bodyHtml and ResourceLanguageVersion.bodyHtml', () => {
  it('never carry executable HTML, for every XSS payload of the kit', async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThan(20);
    for (const payload of XSS_PAYLOADS) {
      const body = `Context\n\n${payload}`;
      const { body: response } = await library.query<Created>(
        CREATE,
        {
          input: createResourceInput({
            body,
            versions: [{ language: 'en', title: 'English version', summary: 'In English.', body: payload }],
          }),
        },
        cpmrContributor,
      );
      expect(response.errors, payload).toBeUndefined();
      const created = response.data!.createResource;
      expect(created.body).toBe(body);
      expect(findExecutableHtml(created.bodyHtml), payload).toEqual([]);
      expect(findExecutableHtml(created.versions[0]!.bodyHtml), payload).toEqual([]);
    }
  });

  it('still renders ordinary Markdown, with safe links', async () => {
    const { body } = await library.query<Created>(
      CREATE,
      { input: createResourceInput({ body: '- **Housing** first\n- [Study](https://example.org/study)' }) },
      cpmrContributor,
    );
    expect(body.data!.createResource.bodyHtml).toBe(
      '<ul>\n<li><strong>Housing</strong> first</li>\n<li><a href="https://example.org/study" rel="nofollow noopener noreferrer">Study</a></li>\n</ul>',
    );
  });
});
