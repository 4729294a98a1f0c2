import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as client from '../src/index.js';
import type {
  CreateEventMutationVariables,
  EmploymentDashboardQuery,
  EventChangedSubscription,
  RecordObservationsMutation,
  SearchLibraryQuery,
} from '../src/index.js';

const API_SCHEMA_FILE = fileURLToPath(new URL('../../../schema/api.graphql', import.meta.url));
const GENERATED_FILE = fileURLToPath(new URL('../src/generated/graphql.ts', import.meta.url));

const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
const documents = Object.entries(client).filter(([name]) => name.endsWith('Document')) as Array<
  [string, DocumentNode]
>;

function operationOf(document: DocumentNode): OperationDefinitionNode {
  return document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
}

describe('typed documents', () => {
  it('validate against the public API schema (schema/api.graphql)', () => {
    expect(documents.length).toBeGreaterThanOrEqual(25);
    for (const [name, document] of documents) {
      expect({ name, errors: validate(schema, document).map((e) => e.message) }).toEqual({
        name,
        errors: [],
      });
    }
  });

  it('cover reads, writes and every subscription field of the API', () => {
    const byKind = (kind: string) =>
      documents
        .map(([, document]) => operationOf(document))
        .filter((operation) => operation.operation === kind);
    expect(byKind('query').length).toBeGreaterThanOrEqual(10);
    expect(byKind('mutation').length).toBeGreaterThanOrEqual(6);
    const subscribed = byKind('subscription').flatMap((operation) =>
      operation.selectionSet.selections.flatMap((selection) =>
        selection.kind === Kind.FIELD ? [selection.name.value] : [],
      ),
    );
    expect(subscribed.sort()).toEqual(Object.keys(schema.getSubscriptionType()!.getFields()).sort());
  });

  it('map every custom scalar of the API (never unknown or any)', () => {
    const custom = Object.values(schema.getTypeMap())
      .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type))
      .map((type) => type.name);
    expect(custom.sort()).toEqual(['Date', 'DateTime', 'JSONObject']);
    const config = readFileSync(fileURLToPath(new URL('../codegen.yml', import.meta.url)), 'utf8');
    for (const scalar of custom) expect(config).toMatch(new RegExp(`^\\s+${scalar}: \\S`, 'm'));
    const generated = readFileSync(GENERATED_FILE, 'utf8');
    expect(generated).not.toMatch(/:\s*any\b/);
    // `unknown` only in typing machinery: the Exact helper, the AST casts, fragments' (absent) variables, and
    // the values of a JSONObject (any JSON object, e.g. GeoJSON)
    const left = generated
      .replace('type Exact<T extends { [key: string]: unknown }>', '')
      .replace(/ as unknown as DocumentNode</g, '')
      .replace(/Fragment, unknown>;/g, '')
      .replace(/Record<string, unknown>/g, '');
    expect(left).not.toMatch(/\bunknown\b/);
  });

  it('type results and variables precisely: scalars as strings, enums as unions, nullability kept', () => {
    type DashboardRegion = EmploymentDashboardQuery['regions']['edges'][number]['node'];
    expectTypeOf<DashboardRegion['code']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<DashboardRegion['foreignBorn']>['value']>().toEqualTypeOf<number | null>();
    type ChangedEvent = EventChangedSubscription['eventChanged']['event'];
    expectTypeOf<ChangedEvent['startsAt']>().toEqualTypeOf<string>();
    expectTypeOf<EventChangedSubscription['eventChanged']['change']>().toEqualTypeOf<
      'CANCELLED' | 'CREATED' | 'PUBLISHED' | 'UPDATED'
    >();
    type Recorded = RecordObservationsMutation['recordObservations']['observations'][number];
    expectTypeOf<Recorded['updatedAt']>().toEqualTypeOf<string>();
    type LibraryResource = SearchLibraryQuery['resources']['edges'][number]['node'];
    expectTypeOf<LibraryResource['publishedOn']>().toEqualTypeOf<string>();
    expectTypeOf<CreateEventMutationVariables['input']['startsAt']>().toEqualTypeOf<string>();
  });
});
