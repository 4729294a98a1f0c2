import { invalidInputs, type FieldError } from '@hub/kit';
import type { GraphQLError } from 'graphql';
import type { ExchangesContext } from '../loaders';

/** The territory must exist in the regions subgraph. */
export function assertTerritoryExists(context: ExchangesContext, territory: string): Promise<void> {
  return context.peers.assertExist({
    subgraph: 'regions',
    typename: 'Region',
    keyField: 'code',
    keys: territory,
    path: 'input.territory',
    what: 'region',
  });
}

/** Kinds of events that count as activities of a pairing. */
const VISIT_KINDS = new Set(['STUDY_VISIT', 'WORKSHOP', 'MENTORING', 'EXCHANGE_PROGRAMME']);

/**
 * Visits must be events of the events subgraph of a kind that is an activity of a pairing (one `_entities`
 * request for all of them), outputs resources of the library subgraph. Unknown ones are BAD_USER_INPUT at their
 * path; an unreachable peer is PEER_UNAVAILABLE and nothing is written.
 */
export async function assertActivitiesExist(
  context: ExchangesContext,
  visits: readonly string[],
  outputs: readonly string[],
): Promise<void> {
  const [kinds, resources] = await Promise.allSettled([
    visits.length ? eventKinds(context, visits) : undefined,
    outputs.length
      ? context.peers.assertExist({
          subgraph: 'library',
          typename: 'Resource',
          keyField: 'id',
          keys: outputs,
          path: 'input.outputs',
          what: 'resource',
        })
      : undefined,
  ]);
  if (kinds.status === 'rejected') throw kinds.reason;
  const fieldErrors: FieldError[] = [];
  if (resources.status === 'rejected') {
    const unknown = (resources.reason as GraphQLError).extensions?.fieldErrors as FieldError[] | undefined;
    if (!unknown) throw resources.reason; // the library could not be asked: PEER_UNAVAILABLE
    fieldErrors.push(...unknown);
  }
  kinds.value?.forEach((kind, index) => {
    const path = `input.visits[${index}]`;
    if (kind === null) fieldErrors.push({ path, messages: [`unknown event "${visits[index]}"`] });
    else if (!VISIT_KINDS.has(kind)) {
      fieldErrors.push({
        path,
        messages: [
          `event "${visits[index]}" is a ${kind}: a visit is a study visit, workshop, mentoring or exchange programme`,
        ],
      });
    }
  });
  if (fieldErrors.length) throw invalidInputs(fieldErrors);
}

/** The kind of each event (null: unknown), or undefined when no events subgraph is configured. */
async function eventKinds(
  context: ExchangesContext,
  ids: readonly string[],
): Promise<Array<string | null> | undefined> {
  const answer = await context.peers.query<{ _entities: Array<{ kind: string } | null> }>(
    'events',
    /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Event {
            kind
          }
        }
      }
    `,
    { r: ids.map((id) => ({ __typename: 'Event', id })) },
  );
  return answer?.data._entities.map((entity) => entity?.kind ?? null);
}
