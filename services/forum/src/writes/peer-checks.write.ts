import { forbidden, hasRole } from '@hub/kit';
import { GraphQLError } from 'graphql';
import type { ForumContext } from '../loaders';

/**
 * Region codes must be known to the regions subgraph, and the event to the events subgraph: BAD_USER_INPUT
 * naming each unknown key (`input.regions[1]`, `input.event`) with `unknownKeys`. The event is asked as an
 * anonymous caller, and events shows anonymous callers no drafts: only published and cancelled events can get
 * a discussion. Peers not configured: format checks only (the kit warns once); unreachable: PEER_UNAVAILABLE.
 */
export async function assertKeysExist(
  context: ForumContext,
  { regions, event }: { regions: string[]; event: string | null },
): Promise<void> {
  await context.peers.assertExist([
    ...(regions.length
      ? [{ subgraph: 'regions', typename: 'Region', keyField: 'code', keys: regions, path: 'input.regions' }]
      : []),
    ...(event
      ? [
          {
            subgraph: 'events',
            typename: 'Event',
            keyField: 'id',
            keys: event,
            path: 'input.event',
            what: 'published or cancelled event (drafts cannot have a discussion yet)',
          },
        ]
      : []),
  ]);
}

/**
 * The caller's organisation (from the gateway's token) must be a partner organisation the hub knows: it is not
 * the client's input, so an unknown one is FORBIDDEN rather than BAD_USER_INPUT.
 */
export async function assertOrganisationKnown(context: ForumContext, organisationId: string): Promise<void> {
  try {
    await context.peers.assertExist({
      subgraph: 'regions',
      typename: 'Organisation',
      keyField: 'id',
      keys: organisationId,
      path: 'organisation',
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      throw forbidden(
        `Your organisation "${organisationId}" is not a partner organisation known to the hub.`,
      );
    }
    throw error;
  }
}

/**
 * An event's one discussion is started by one of its organisers (anyone of an organising organisation who may
 * post) or a hub admin: FORBIDDEN for anybody else, so no organisation can take the discussion of another's
 * event (whose moderators could then not moderate it). The organisers are asked from the events subgraph
 * (`Event.organisers`); without an events URL the check cannot be made and is skipped (format checks only,
 * as `assertKeysExist`).
 */
export async function assertMayStartEventDiscussion(
  context: ForumContext,
  eventId: string,
  organisationId: string,
): Promise<void> {
  if (hasRole(context.caller, 'admin')) return;
  const answer = await context.peers.query<{
    _entities: Array<{ organisers: Array<{ id: string }> } | null>;
  }>(
    'events',
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { organisers { id } } } }',
    { r: [{ __typename: 'Event', id: eventId }] },
  );
  if (!answer) return;
  const organisers = answer.data._entities[0]?.organisers.map((organiser) => organiser.id) ?? [];
  if (!organisers.includes(organisationId)) {
    throw forbidden(
      `Only the event's organisers (${organisers.join(', ') || 'none'}) or a hub admin may start its discussion; your organisation is "${organisationId}".`,
    );
  }
}
