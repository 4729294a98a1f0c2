import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
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
function argumentPrefix(argType: unknown, info: GraphQLResolveInfo): string {
  const storage = getMetadataStorage();
  if (storage.argumentTypes.some((type) => type.target === argType)) return '';
  const typeName = storage.inputTypes.find((type) => type.target === argType)?.name;
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  return args.find((arg) => getNamedType(arg.type)?.name === typeName)?.name ?? '';
}

/**
 * class-validator on every argument and input object (type-graphql's `validateFn`), failing with the one
 * BAD_USER_INPUT shape (`invalidInputs`): paths start with the argument name, `input.places[1].code`.
 */
export const validateArgument: ValidatorFn = async (argValue, argType, { info }) => {
  if (!isObject(argValue)) return;
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
};
