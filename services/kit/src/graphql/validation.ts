import {
  getMetadataStorage as getValidationMetadata,
  validate,
  type ValidationError,
  type ValidatorOptions,
} from 'class-validator';
import { getNamedType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ValidatorFn } from 'type-graphql';
import { invalidInputs, type FieldError } from './errors';

const OPTIONS: ValidatorOptions = {
  // type-graphql's defaults: absent optional fields are not validated, plain classes need no decorators.
  skipMissingProperties: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/** `{ path, messages }` for each failed constraint, with paths below `prefix` (`input.places[1].code`). */
export function fieldErrorsOf(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = error.constraints ? [{ path, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrorsOf(error.children ?? [], path)];
  });
}

/**
 * Where an argument value sits in the request: '' for an `@Args()` class (its fields are the arguments), the
 * argument's name for an `@Arg()` input object (found by its GraphQL type among the field's arguments).
 */
const prefixes = new Map<string, Map<unknown, string>>();
function argumentPrefix(argType: unknown, info: GraphQLResolveInfo): string {
  // the same for every call of a field: looked up once (it scans type-graphql's metadata)
  const field = `${info.parentType.name}.${info.fieldName}`;
  let known = prefixes.get(field);
  if (!known) prefixes.set(field, (known = new Map()));
  let prefix = known.get(argType);
  if (prefix === undefined) known.set(argType, (prefix = findArgumentPrefix(argType, info)));
  return prefix;
}

function findArgumentPrefix(argType: unknown, info: GraphQLResolveInfo): string {
  const storage = getMetadataStorage();
  if (storage.argumentTypes.some((type) => type.target === argType)) return '';
  const typeName = storage.inputTypes.find((type) => type.target === argType)?.name;
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  return args.find((arg) => getNamedType(arg.type)?.name === typeName)?.name ?? '';
}

/**
 * Whether class-validator has any rule for instances of `type` (nested objects are only validated through a
 * rule of their parent, `@ValidateNested`). Asked once per class: most arguments of read fields have none, and
 * validating them anyway costs a metadata lookup per field per row.
 */
const hasRules = new WeakMap<object, boolean>();
function validatable(type: unknown): boolean {
  if (typeof type !== 'function') return true;
  let known = hasRules.get(type);
  if (known === undefined) {
    known = getValidationMetadata().getTargetValidationMetadatas(type, '', true, false).length > 0;
    hasRules.set(type, known);
  }
  return known;
}

/**
 * class-validator on every argument and input object (type-graphql's `validateFn`), failing with the one
 * BAD_USER_INPUT shape (`invalidInputs`): paths start with the argument name, `input.places[1].code`.
 */
/**
 * Argument values already found valid, per class (bounded). Rules are pure functions of the value (none asks
 * a database or a peer: those checks happen in writes), so the same value is valid again: the 244 rows of a
 * dashboard asking `latest(indicator: "employment_rate_20_64")` are validated once, not 244 times per request.
 */
const MAX_REMEMBERED_VALUES = 2_000;
const validValues = new WeakMap<object, Set<string>>();

function rememberedValid(type: object, key: string): boolean {
  return validValues.get(type)?.has(key) ?? false;
}

function rememberValid(type: object, key: string): void {
  let values = validValues.get(type);
  if (!values) validValues.set(type, (values = new Set()));
  if (values.size >= MAX_REMEMBERED_VALUES) values.delete(values.values().next().value!);
  values.add(key);
}

/**
 * The argument types found valid per field of the operation being executed (keyed by the execution's variables
 * object and the field's node, as `oncePerField`): a field's arguments come from its node and the variables
 * alone, so the 244 `Region.events(filter: …)` of a dashboard's `_entities` are checked once, without even
 * serialising the value again for `rememberedValid`.
 */
const validInField = new WeakMap<object, WeakMap<FieldNode, Set<unknown>>>();

function checkedInField(info: GraphQLResolveInfo, argType: unknown): boolean {
  const node = info.fieldNodes[0];
  return node ? (validInField.get(info.variableValues)?.get(node)?.has(argType) ?? false) : false;
}

function markCheckedInField(info: GraphQLResolveInfo, argType: unknown): void {
  const node = info.fieldNodes[0];
  if (!node) return;
  let fields = validInField.get(info.variableValues);
  if (!fields) validInField.set(info.variableValues, (fields = new WeakMap()));
  let types = fields.get(node);
  if (!types) fields.set(node, (types = new Set()));
  types.add(argType);
}

export const validateArgument: ValidatorFn = (argValue, argType, { info }) => {
  // Not an async function: type-graphql awaits whatever this returns for every argument of every field call
  // (732 `latest(…)` arguments in a dashboard), and nothing to check is the common case, so it answers that
  // without making a promise.
  if (!isObject(argValue) || !validatable(argType)) return undefined;
  if (checkedInField(info, argType)) return undefined;
  const key = typeof argType === 'function' ? JSON.stringify(argValue) : undefined;
  if (key !== undefined && rememberedValid(argType as object, key)) {
    markCheckedInField(info, argType);
    return undefined;
  }
  return validateNow(argValue, argType, info, key);
};

async function validateNow(
  argValue: object,
  argType: unknown,
  info: GraphQLResolveInfo,
  key: string | undefined,
): Promise<void> {
  const prefix = argumentPrefix(argType, info);
  const failures: FieldError[] = [];
  if (Array.isArray(argValue)) {
    for (const [index, item] of argValue.entries()) {
      if (isObject(item))
        failures.push(...fieldErrorsOf(await validate(item, OPTIONS), `${prefix}[${index}]`));
    }
  } else {
    failures.push(...fieldErrorsOf(await validate(argValue, OPTIONS), prefix));
  }
  if (failures.length) throw invalidInputs(failures);
  if (key !== undefined) rememberValid(argType as object, key);
  markCheckedInField(info, argType);
}
