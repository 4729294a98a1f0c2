import { randomUUID } from 'node:crypto';
import type { Caller, SubgraphConfig } from '@hub/kit';
import { countRowsOn, sqlOn, startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { expect, inject } from 'vitest';
import { subgraph, type ForumSettings } from '../src';

/**
 * A forum subgraph on port 0 with its own freshly migrated database. Tests that are not about the posting rate
 * limit raise it, so that writing their fixtures is not refused.
 */
export function startForum(
  settings: Partial<ForumSettings> = { postsPerMinute: 10_000 },
  overrides: Partial<SubgraphConfig> = {},
): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'), {
    ...(settings.postsPerMinute === undefined
      ? {}
      : { settings: { FORUM_POSTS_PER_MINUTE: settings.postsPerMinute } }),
    ...overrides,
  });
}

/** SQL against the subgraph's database through its own ORM (`?` placeholders): the kit's `sqlOn`. */
export const sql = sqlOn;

/** Rows in a table of the subgraph's database: the kit's `countRowsOn`. */
export const count = countRowsOn;

export const cpmrContributor = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
export const cpmrEditor = testCaller('cpmr', ['editor'], 'editor-cpmr');
export const cpmrModerator = testCaller('cpmr', ['moderator'], 'moderator-cpmr');
export const eurocitiesContributor = testCaller('eurocities', ['contributor'], 'contributor-eurocities');
export const eurocitiesModerator = testCaller('eurocities', ['moderator'], 'moderator-eurocities');
export const admin = testCaller('cor', ['admin'], 'admin-cor');

export const THREAD_FIELDS = /* GraphQL */ `
  fragment ThreadFields on Thread {
    id
    title
    status
    statusReason
    strand
    policyAreas
    targetGroups
    postCount
    createdAt
    lastActivityAt
    version
    author {
      displayName
      organisation {
        id
      }
    }
    organisation {
      id
    }
    regions {
      code
    }
    event {
      id
    }
    openingPost {
      id
      body
      bodyHtml
    }
  }
`;

export const POST_FIELDS = /* GraphQL */ `
  fragment PostFields on Post {
    id
    body
    bodyHtml
    hidden
    moderationReason
    version
    createdAt
    editedAt
    canEdit
    author {
      displayName
      organisation {
        id
      }
    }
    organisation {
      id
    }
    replyTo {
      id
    }
    thread {
      id
      postCount
    }
  }
`;

export const START = /* GraphQL */ `
  mutation Start($input: StartThreadInput!) {
    startThread(input: $input) {
      ...ThreadFields
    }
  }
  ${THREAD_FIELDS}
`;

export const REPLY = /* GraphQL */ `
  mutation Reply($input: ReplyInput!) {
    reply(input: $input) {
      ...PostFields
    }
  }
  ${POST_FIELDS}
`;

export const EDIT = /* GraphQL */ `
  mutation Edit($id: ID!, $version: Int!, $body: String!) {
    editPost(input: { id: $id, version: $version, body: $body }) {
      ...PostFields
    }
  }
  ${POST_FIELDS}
`;

export interface ThreadData {
  id: string;
  title: string;
  status: string;
  statusReason: string | null;
  strand: string | null;
  policyAreas: string[];
  targetGroups: string[];
  postCount: number;
  createdAt: string;
  lastActivityAt: string;
  version: number;
  author: { displayName: string; organisation: { id: string } | null };
  organisation: { id: string };
  regions: Array<{ code: string }>;
  event: { id: string } | null;
  openingPost: { id: string; body: string | null; bodyHtml: string | null };
}

export interface PostData {
  id: string;
  body: string | null;
  bodyHtml: string | null;
  hidden: boolean;
  moderationReason: string | null;
  version: number;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
  author: { displayName: string; organisation: { id: string } | null };
  organisation: { id: string };
  replyTo: { id: string } | null;
  thread: { id: string; postCount: number };
}

/** A new thread's input: a short title and body, overridable. */
export function threadInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    title: 'Housing for newcomers in peripheral regions',
    body: 'How do your regions organise **first housing** for newly arrived third-country nationals?',
    ...overrides,
  };
}

/** Starts a thread and expects it to succeed. */
export async function startThread(
  forum: TestSubgraph,
  overrides: Record<string, unknown> = {},
  caller: Caller = cpmrContributor,
): Promise<ThreadData> {
  const { body } = await forum.query<{ startThread: ThreadData }>(
    START,
    { input: threadInput(overrides) },
    caller,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.startThread;
}

/** Replies in a thread and expects it to succeed. */
export async function reply(
  forum: TestSubgraph,
  threadId: string,
  text: string,
  caller: Caller = cpmrContributor,
  replyTo?: string,
): Promise<PostData> {
  const { body } = await forum.query<{ reply: PostData }>(
    REPLY,
    {
      input: { idempotencyKey: randomUUID(), thread: threadId, body: text, ...(replyTo ? { replyTo } : {}) },
    },
    caller,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.reply;
}

/** The error code of the first error of a response. */
export function codeOf(body: { errors?: Array<{ extensions?: Record<string, unknown> }> }): unknown {
  return body.errors?.[0]?.extensions?.code;
}

/** The one BAD_USER_INPUT shape (`fieldErrors` at a path, no `argumentName`): the kit's assertion. */
export { expectFieldError } from '@hub/kit/testing';

/** `hidePost` of a post from the version last read (1 for a fresh post), with the reason "Spam". */
export const HIDE = /* GraphQL */ `
  mutation Hide($id: ID!, $version: Int!, $reason: String!) {
    hidePost(input: { id: $id, version: $version, reason: $reason }) {
      id
      hidden
      moderationReason
      version
      thread {
        postCount
      }
    }
  }
`;
