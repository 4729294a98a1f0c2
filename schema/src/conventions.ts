import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

// The checks behind schema/CONVENTIONS.md: one language for the whole graph. Each rule names the convention it
// enforces; a violation says where and what to do instead.

/** One place where the composed API breaks a convention. */
export interface ConventionViolation {
  /** e.g. `Mutation.updateEvent(id)` or `EventFilter.region`. */
  at: string;
  rule: string;
  message: string;
}

/** Mutations that create something: they carry an idempotency key instead of an id and version. */
export const CREATE_MUTATION = /^(create|start|add|record|reply)/;

/** Names of arguments and input fields that point at an entity although they do not spell its type name. */
const ENTITY_KEY_ALIASES = new Set(['organisers', 'replyTo', 'parent', 'country']);

/** Output field names that hold a reference to a partner organisation or region (must be objects). */
const REFERENCE_OUTPUT = /(^|[a-z])(Organisation|Region|organisation|region)s?(Id|Code)?$|By$/;

type Place = {
  at: string;
  name: string;
  type: GraphQLInputType | GraphQLOutputType;
  kind: 'argument' | 'input' | 'output';
};

function scalarName(type: GraphQLInputType | GraphQLOutputType): string | undefined {
  const named = getNamedType(type);
  return isScalarType(named) ? named.name : undefined;
}

/** Lower-cased names of the object types that are entities (they have an `id: ID!` or `code: ID!`). */
function entityNames(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith('__'))
    .filter((type) => {
      const fields = type.getFields();
      return [fields.id, fields.code].some((field) => field && scalarName(field.type) === 'ID');
    })
    .map((type) => type.name.toLowerCase());
}

function places(schema: GraphQLSchema): Place[] {
  const found: Place[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
        found.push({ at: `${type.name}.${field.name}`, name: field.name, type: field.type, kind: 'output' });
        for (const arg of field.args as readonly GraphQLArgument[]) {
          found.push({
            at: `${type.name}.${field.name}(${arg.name})`,
            name: arg.name,
            type: arg.type,
            kind: 'argument',
          });
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
        found.push({ at: `${type.name}.${field.name}`, name: field.name, type: field.type, kind: 'input' });
      }
    }
  }
  return found;
}

function isEntityKeyName(name: string, entities: string[]): boolean {
  if (ENTITY_KEY_ALIASES.has(name)) return true;
  const singular = name.toLowerCase().replace(/s$/, '');
  return entities.some((entity) => singular === entity || singular.endsWith(entity));
}

/** Every place in `schema` that breaks a convention of schema/CONVENTIONS.md (empty when it speaks one language). */
export function conventionViolations(schema: GraphQLSchema): ConventionViolation[] {
  const violations: ConventionViolation[] = [];
  const report = (at: string, rule: string, message: string) => violations.push({ at, rule, message });
  const entities = entityNames(schema);

  if (schema.getType('DateTimeISO')) {
    report('DateTimeISO', 'time', 'use the DateTime scalar for instants');
  }

  for (const place of places(schema)) {
    const { at, name, type, kind } = place;
    const scalar = scalarName(type);
    const named = getNamedType(type);

    // Time: one scalar for instants, one for calendar dates, and never a plain string.
    if (name === 'at' || /[a-z]At$/.test(name)) {
      if (scalar !== 'DateTime') report(at, 'time', `an instant is a DateTime, not ${named.name}`);
    } else if (name === 'since' || name === 'until' || /[a-z](On|Date)$/.test(name)) {
      if (scalar !== 'Date') report(at, 'time', `a calendar date is a Date, not ${named.name}`);
    }

    // Keys: named after the relation, typed ID.
    if (kind !== 'output') {
      if (/[a-z](Id|Ids|Code|Codes)$/.test(name) && name !== 'isoCountryCode') {
        report(at, 'keys', 'name a key after the relation it points at (organisation, not organisationId)');
      } else if (isEntityKeyName(name, entities) && scalar !== undefined && scalar !== 'ID') {
        report(at, 'keys', `a key of another record is an ID, not ${named.name}`);
      }
    } else if (REFERENCE_OUTPUT.test(name) && (scalar === 'String' || scalar === 'ID')) {
      report(at, 'references', 'a reference to an organisation or region is an object, not a string');
    }

    // Country codes: ISO codes say so; a country as a NUTS region is an ID or a Region.
    if (/country/i.test(name) && (scalar === 'String' || scalar === 'ID')) {
      const ok =
        (name === 'isoCountryCode' && scalar === 'String') || (name === 'country' && scalar === 'ID');
      if (!ok) {
        report(
          at,
          'countries',
          'an ISO 3166-1 code is `isoCountryCode: String`; a NUTS country is `country: ID`',
        );
      }
    }

    if (kind === 'argument') {
      if (['order', 'sort', 'sortBy', 'orderDirection'].includes(name)) {
        report(at, 'ordering', 'the ordering argument is called orderBy');
      }
      if (name === 'orderBy' && !(isEnumType(named) && named.name.endsWith('Order'))) {
        report(at, 'ordering', 'orderBy takes an enum named <Thing>Order');
      }
    }
  }

  // Paging: `first` comes with `after`, on a connection.
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      const argNames = field.args.map((arg) => arg.name);
      if (argNames.includes('first') || argNames.includes('after')) {
        const at = `${type.name}.${field.name}`;
        if (!argNames.includes('first') || !argNames.includes('after')) {
          report(at, 'paging', 'a paged field takes both first and after');
        }
        if (!getNamedType(field.type).name.endsWith('Connection')) {
          report(at, 'paging', 'a paged field returns a …Connection with edges, pageInfo and totalCount');
        }
      }
    }
  }

  // Mutations: one `input` argument; creates are idempotent, everything else names id and version.
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const at = `Mutation.${field.name}`;
    const input = field.args[0];
    const expected = `${field.name[0]!.toUpperCase()}${field.name.slice(1)}Input`;
    if (field.args.length !== 1 || input?.name !== 'input' || !isNonNullType(input.type)) {
      report(at, 'mutations', `a mutation takes exactly one argument, input: ${expected}!`);
      continue;
    }
    const inputType = input.type.ofType;
    if (!isInputObjectType(inputType) || inputType.name !== expected) {
      report(at, 'mutations', `the input type is named ${expected}`);
      continue;
    }
    const fields = inputType.getFields();
    const requiredScalar = (fieldName: string, scalar: string) => {
      const field = fields[fieldName];
      return (
        field &&
        isNonNullType(field.type) &&
        !isListType(field.type.ofType) &&
        scalarName(field.type) === scalar
      );
    };
    if (CREATE_MUTATION.test(field.name)) {
      if (!requiredScalar('idempotencyKey', 'String')) {
        report(at, 'mutations', 'a create mutation carries idempotencyKey: String!');
      }
    } else if (!requiredScalar('id', 'ID') || !requiredScalar('version', 'Int')) {
      report(at, 'mutations', 'a change of an existing record carries id: ID! and version: Int!');
    }
  }

  // Names: types PascalCase, fields and arguments camelCase, enum values UPPER_SNAKE_CASE.
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!/^[A-Z][A-Za-z0-9]*$/.test(type.name)) report(type.name, 'names', 'type names are PascalCase');
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!/^[A-Z][A-Z0-9_]*$/.test(value.name)) {
          report(`${type.name}.${value.name}`, 'names', 'enum values are UPPER_SNAKE_CASE');
        }
      }
    }
  }
  for (const place of places(schema)) {
    if (!/^_?[a-z][A-Za-z0-9]*$/.test(place.name))
      report(place.at, 'names', 'fields and arguments are camelCase');
  }

  // Deprecation: every @deprecated says what to use instead and when the element goes (CONVENTIONS.md).
  for (const { at, reason } of deprecations(schema)) {
    const problem = deprecationProblem(reason);
    if (problem) report(at, 'deprecation', problem);
  }

  return violations.sort((a, b) => a.at.localeCompare(b.at) || a.rule.localeCompare(b.rule));
}

/** `Removal: YYYY-MM-DD` in a deprecation reason. */
export const REMOVAL_DATE = /\bRemoval: (\d{4})-(\d{2})-(\d{2})\b/;

/** What is wrong with a deprecation reason, or undefined when it follows the deprecation policy. */
export function deprecationProblem(reason: string): string | undefined {
  const match = REMOVAL_DATE.exec(reason);
  const rule = '@deprecated(reason: "Use … instead. Removal: YYYY-MM-DD.")';
  if (!match) return `a deprecation names its removal date: ${rule}`;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `the removal date ${match[0].slice('Removal: '.length)} is not a real date`;
  }
  if (reason.replace(REMOVAL_DATE, '').replace(/[\s.;,]/g, '').length < 10) {
    return `a deprecation says what to use instead: ${rule}`;
  }
  return undefined;
}

/** Every deprecated field, argument, input field and enum value, with its reason. */
function deprecations(schema: GraphQLSchema): Array<{ at: string; reason: string }> {
  const found: Array<{ at: string; reason: string }> = [];
  const add = (at: string, reason: string | null | undefined) => {
    if (reason != null) found.push({ at, reason });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
        add(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args) add(`${type.name}.${field.name}(${arg.name})`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        add(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) add(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return found;
}
