import { registerDecorator, type ValidationArguments } from 'class-validator';

// class-validator decorators every subgraph's inputs share. Each checks values that are given: null and
// undefined pass (whether a field may be left out is the GraphQL type's business, whether it may be cleared the
// write's). Messages start with the property name, as class-validator's own; the path comes from the kit
// (`input.title`). Each rule is also a plain function (null when satisfied, else the message without the name),
// for checks that run outside class-validator.

/** Most characters of a web URL unless `IsWebUrl(maxLength)` says otherwise. */
export const DEFAULT_WEB_URL_MAX_LENGTH = 2_000;

/** Length in characters as a reader counts them: Unicode code points, so an emoji or "𝔸" is one. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _character of text) count += 1;
  return count;
}

const formatCount = (n: number) => n.toLocaleString('en');

/**
 * `min`-`max` characters (code points) with surrounding whitespace not counted; null when fine, else
 * `must be 3-200 characters long (got 2)`.
 */
export function textLengthRule(value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'string') return 'must be a text';
  const length = characterCount(value.trim());
  return length < min || length > max
    ? `must be ${formatCount(min)}-${formatCount(max)} characters long (got ${formatCount(length)})`
    : null;
}

/**
 * An absolute http or https URL (scheme, `//`, a host) of at most `maxLength` characters, surrounding
 * whitespace not counted; `javascript:`, `data:`, `mailto:`, `ftp:` and relative URLs are refused. Null when fine.
 */
export function webUrlRule(value: unknown, maxLength: number = DEFAULT_WEB_URL_MAX_LENGTH): string | null {
  const message = `must be an http or https URL of at most ${formatCount(maxLength)} characters`;
  if (typeof value !== 'string') return message;
  const trimmed = value.trim();
  if (trimmed.length > maxLength || !/^https?:\/\/[^\s/?#]/i.test(trimmed)) return message;
  try {
    const url = new URL(trimmed);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? null : message;
  } catch {
    return message;
  }
}

/**
 * A class-validator decorator from a rule: `rule(value, object)` answers null when the value is fine, else the
 * message without the property name (`must be after startsAt`); `object` is the whole input, for rules across
 * fields. Null and undefined values pass (the rule never sees them). Message: `${property} ${rule(…)}`.
 *
 * @example export const IsAfterStart = () => ruleDecorator<Date>('isAfterStart', (endsAt, input) =>
 *   input.startsAt instanceof Date && endsAt <= input.startsAt ? 'must be after startsAt' : null);
 */
export function ruleDecorator<T = unknown>(
  name: string,
  rule: (value: T, object: Record<string, unknown>) => string | null,
): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === null ||
          value === undefined ||
          rule(value as T, args.object as Record<string, unknown>) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${rule(args.value as T, args.object as Record<string, unknown>)}`,
      },
    });
  };
}

/**
 * A text of `min`-`max` characters: Unicode code points of the trimmed string (an emoji counts one, surrounding
 * whitespace none). Message: `title must be 3-200 characters long (got 2)`.
 */
export function TextLength(min: number, max: number): PropertyDecorator {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new Error(`TextLength(${min}, ${max}): whole numbers with 0 <= min <= max`);
  }
  return ruleDecorator('textLength', (value) => textLengthRule(value, min, max));
}

/**
 * An absolute http(s) URL of at most `maxLength` characters (default 2,000), surrounding whitespace not
 * counted. Message: `websiteUrl must be an http or https URL of at most 2,000 characters`.
 */
export function IsWebUrl(maxLength: number = DEFAULT_WEB_URL_MAX_LENGTH): PropertyDecorator {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new Error(`IsWebUrl(${maxLength}): a whole number of at least 1`);
  }
  return ruleDecorator('isWebUrl', (value) => webUrlRule(value, maxLength));
}
