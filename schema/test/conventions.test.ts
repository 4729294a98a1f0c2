import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { conventionViolations } from '../src/conventions';
import { API_SCHEMA_FILE } from '../src/subgraphs';

/** The rules of schema/CONVENTIONS.md over a small schema, so each check is shown to bite. */
function violationsOf(sdl: string): string[] {
  return conventionViolations(buildSchema(sdl))
    .map((violation) => `${violation.rule} ${violation.at}`)
    .sort();
}

const ENTITIES = /* GraphQL */ `
  scalar DateTime
  scalar Date
  type Region {
    code: ID!
    name: String!
  }
  type Organisation {
    id: ID!
    name: String!
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  type RegionEdge {
    cursor: String!
    node: Region!
  }
  type RegionConnection {
    edges: [RegionEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  enum RegionOrder {
    CODE_ASC
  }
`;

describe('schema conventions (schema/CONVENTIONS.md)', () => {
  it('the composed API speaks one convention', () => {
    const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
    const violations = conventionViolations(schema).map((v) => `${v.at} [${v.rule}]: ${v.message}`);
    expect(violations).toEqual([]);
  });

  it('accepts a schema that follows every rule', () => {
    expect(
      violationsOf(`${ENTITIES}
        type Membership { id: ID! since: Date until: Date createdAt: DateTime! organisation: Organisation! isoCountryCode: String country: Region }
        type Query {
          regions(first: Int, after: String, country: ID, orderBy: RegionOrder): RegionConnection!
          membership(id: ID!): Membership
        }
        input CreateMembershipInput { idempotencyKey: String! organisation: ID! memberRegions: [ID!]! since: Date isoCountryCode: String }
        input EndMembershipInput { id: ID! version: Int! until: Date! }
        type Mutation {
          createMembership(input: CreateMembershipInput!): Membership!
          endMembership(input: EndMembershipInput!): Membership!
        }`),
    ).toEqual([]);
  });

  it('finds instants and dates that are not DateTime and Date', () => {
    expect(
      violationsOf(`${ENTITIES} scalar DateTimeISO
        type Query { at: String createdAt: DateTimeISO since: String publishedOn: DateTime }`),
    ).toEqual([
      'time DateTimeISO',
      'time Query.at',
      'time Query.createdAt',
      'time Query.publishedOn',
      'time Query.since',
    ]);
  });

  it('finds keys that are not IDs or carry an Id/Code suffix', () => {
    expect(
      violationsOf(`${ENTITIES}
        type Query { regionsOf(region: String, hostRegions: [String!], organisationId: ID, threadId: ID): [Region!]! }`),
    ).toEqual([
      'keys Query.regionsOf(hostRegions)',
      'keys Query.regionsOf(organisationId)',
      'keys Query.regionsOf(region)',
      'keys Query.regionsOf(threadId)',
    ]);
  });

  it('finds references to organisations and regions given as strings', () => {
    expect(
      violationsOf(`${ENTITIES}
        type AuditRecord { organisationId: ID contributedBy: String memberRegion: String organisation: Organisation }
        type Query { audit: AuditRecord }`),
    ).toEqual([
      'references AuditRecord.contributedBy',
      'references AuditRecord.memberRegion',
      'references AuditRecord.organisationId',
    ]);
  });

  it('finds country codes that do not say which kind they are', () => {
    expect(
      violationsOf(`${ENTITIES}
        type Venue { country: String isoCountryCode: String countryValue: Float }
        type Query { venue(countryCode: String, country: String): Venue }`),
    ).toEqual([
      'countries Query.venue(country)',
      'countries Query.venue(countryCode)',
      'countries Venue.country',
      'keys Query.venue(country)',
      'keys Query.venue(countryCode)',
    ]);
  });

  it('finds ordering arguments not named orderBy and paging without a cursor', () => {
    expect(
      violationsOf(`${ENTITIES}
        type Query { ranking(first: Int, order: RegionOrder): [Region!]! regions(first: Int, after: String, orderBy: String): RegionConnection! }`),
    ).toEqual([
      'ordering Query.ranking(order)',
      'ordering Query.regions(orderBy)',
      'paging Query.ranking',
      'paging Query.ranking',
    ]);
  });

  it('finds mutations with loose arguments, creates without idempotency and updates without a version', () => {
    expect(
      violationsOf(`${ENTITIES}
        input CreateRegionInput { code: ID! }
        input HidePostInput { id: ID! reason: String! }
        input Wrong { id: ID! version: Int! }
        type Query { region: Region }
        type Mutation {
          updateEvent(id: ID!, version: Int!): Region
          createRegion(input: CreateRegionInput!): Region
          hidePost(input: HidePostInput!): Region
          publishEvent(input: Wrong!): Region
        }`),
    ).toEqual([
      'mutations Mutation.createRegion',
      'mutations Mutation.hidePost',
      'mutations Mutation.publishEvent',
      'mutations Mutation.updateEvent',
    ]);
  });

  it('finds deprecations without a removal date or a replacement', () => {
    expect(
      violationsOf(`${ENTITIES}
        enum Kind { OLD @deprecated NEW }
        input RegionFilter { level: Int @deprecated(reason: "Use depth instead. Removal: 2027-02-30.") depth: Int }
        type Query {
          regionName(code: ID!): String @deprecated(reason: "Use Region.name instead.")
          regionTitle(code: ID!): String @deprecated(reason: "Removal: 2027-06-30")
          regionLabel(code: ID!, lang: String @deprecated(reason: "Use Region.names instead. Removal: 2027-06-30.")): String
          kind(filter: RegionFilter): Kind
        }`),
    ).toEqual([
      'deprecation Kind.OLD',
      'deprecation Query.regionName',
      'deprecation Query.regionTitle',
      'deprecation RegionFilter.level',
    ]);
  });

  it('finds names in the wrong case', () => {
    expect(violationsOf(`${ENTITIES} enum kind { fooBar } type Query { Regions: [Region!]! }`)).toEqual([
      'names Query.Regions',
      'names kind',
      'names kind.fooBar',
    ]);
  });
});
