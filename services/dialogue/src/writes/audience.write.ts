import { forbidden } from '@hub/kit';
import { GraphQLError } from 'graphql';
import type { Consultation } from '../entities/consultation.entity';
import { AudienceKind } from '../entities/enums';
import type { DialogueContext } from '../loaders';

/** The members of an organisation as the regions subgraph records them (current memberships only). */
export interface Members {
  regions: string[];
  organisations: string[];
}

/**
 * The kit's peer directory answers "does this key exist"; reading an organisation's members needs a query
 * to the regions subgraph (kit: `peers.query`). Without it, or without a regions URL, MEMBERS_OF_ORGANISATION
 * audiences cannot be checked and answering them is refused (never let through).
 */
type PeerQuery = (
  subgraph: string,
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: Record<string, unknown> | null } | undefined>;

const MEMBERS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Organisation {
        members {
          until
          memberRegion {
            code
          }
          memberOrganisation {
            id
          }
        }
      }
    }
  }
`;

async function membersOf(context: DialogueContext, organisation: string): Promise<Members | undefined> {
  const query = (context.peers as { query?: PeerQuery }).query;
  if (!query) return undefined;
  const answer = await query('regions', MEMBERS, { r: [{ __typename: 'Organisation', id: organisation }] });
  // no regions URL configured: membership cannot be checked (refused as such, never "no members")
  if (!answer) return undefined;
  const entity = (answer?.data?._entities as Array<{ members?: unknown[] } | null> | undefined)?.[0];
  const today = new Date().toISOString().slice(0, 10);
  const current = (
    (entity?.members ?? []) as Array<{
      until: string | null;
      memberRegion: { code: string } | null;
      memberOrganisation: { id: string } | null;
    }>
  ).filter((member) => !member.until || member.until >= today);
  return {
    regions: current.flatMap((member) => (member.memberRegion ? [member.memberRegion.code] : [])),
    organisations: current.flatMap((member) =>
      member.memberOrganisation ? [member.memberOrganisation.id] : [],
    ),
  };
}

/**
 * May `organisation` answer `consultation` for `territory`? ALL_PARTNERS: yes; LISTED_ORGANISATIONS: when
 * listed; MEMBERS_OF_ORGANISATION: when the organisation is a member of the named one, or the territory is a
 * member region (or lies within one). FORBIDDEN otherwise.
 */
export async function assertInAudience(
  context: DialogueContext,
  consultation: Consultation,
  organisation: string,
  territory: string,
): Promise<void> {
  const listed = consultation.audienceOrganisations;
  switch (consultation.audienceKind) {
    case AudienceKind.ALL_PARTNERS:
      return;
    case AudienceKind.LISTED_ORGANISATIONS:
      if (listed.includes(organisation)) return;
      throw forbidden(
        `This consultation is open only to the organisations it lists; "${organisation}" is not one of them.`,
      );
    case AudienceKind.MEMBERS_OF_ORGANISATION: {
      const body = listed[0]!;
      let members: Members | undefined;
      try {
        members = await membersOf(context, body);
      } catch {
        throw new GraphQLError(
          `The regions subgraph could not be reached to check membership of "${body}"; nothing was written.`,
          {
            extensions: { code: 'PEER_UNAVAILABLE' },
          },
        );
      }
      if (!members) {
        throw forbidden(
          `Membership of "${body}" cannot be checked by this hub yet, so its consultations cannot be answered.`,
        );
      }
      if (
        members.organisations.includes(organisation) ||
        members.regions.some((region) => territory.startsWith(region))
      ) {
        return;
      }
      throw forbidden(
        `This consultation is open only to the members of "${body}": neither "${organisation}" nor the territory ${territory} is one.`,
      );
    }
  }
}
