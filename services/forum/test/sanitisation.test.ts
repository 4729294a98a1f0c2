import { findExecutableHtml, XSS_PAYLOADS, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDIT, reply, startForum, startThread, type PostData, type ThreadData } from './helpers';

let forum: TestSubgraph;
let thread: ThreadData;
beforeAll(async () => {
  forum = await startForum();
  thread = await startThread(forum, { title: 'Formatting test' });
});
afterAll(async () => forum?.stop());

describe('bodyHtml is sanitised', () => {
  it('renders ordinary Markdown: emphasis, lists, links (which leave without referrer)', async () => {
    const post = await reply(
      forum,
      thread.id,
      'See **this** and _that_:\n\n- [CoR](https://cor.europa.eu/)\n- two',
    );
    expect(post.bodyHtml).toBe(
      '<p>See <strong>this</strong> and <em>that</em>:</p>\n<ul>\n<li><a href="https://cor.europa.eu/" rel="nofollow noopener noreferrer">CoR</a></li>\n<li>two</li>\n</ul>',
    );
    expect(findExecutableHtml(post.bodyHtml!)).toEqual([]);
  });

  // Each payload as a reply and as an opening post; the stored body keeps what was written.
  for (const payload of XSS_PAYLOADS) {
    it(`keeps nothing executable of ${JSON.stringify(payload)}`, async () => {
      const posted = await reply(forum, thread.id, payload);
      expect(posted.body).toBe(payload);
      expect(findExecutableHtml(posted.bodyHtml!)).toEqual([]);
      const opened = await startThread(forum, { body: payload });
      expect(findExecutableHtml(opened.openingPost.bodyHtml!)).toEqual([]);
    });
  }

  it('also after an edit', async () => {
    const post = await reply(forum, thread.id, 'Harmless.');
    for (const [index, payload] of XSS_PAYLOADS.entries()) {
      const { body } = await forum.query<{ editPost: PostData }>(
        EDIT,
        { id: post.id, version: index + 1, body: payload },
        // The author: reply() posts as the CPMR contributor.
        { subject: 'contributor-cpmr', displayName: 'x', organisationId: 'cpmr', roles: ['contributor'] },
      );
      expect(body.errors).toBeUndefined();
      expect(findExecutableHtml(body.data!.editPost.bodyHtml!), payload).toEqual([]);
    }
  });

  it('findExecutableHtml does find what these payloads would do unsanitised', () => {
    // Guards the guard: if the checker found nothing in raw payloads, the tests above would prove nothing.
    const caught = XSS_PAYLOADS.filter((payload) => findExecutableHtml(payload).length > 0);
    expect(caught.length).toBeGreaterThan(XSS_PAYLOADS.length / 3);
  });
});
