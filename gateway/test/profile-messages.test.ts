import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROFILE_MESSAGES } from '@hub/web';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';

/** The public API as partners see it (schema/api.graphql, committed and checked by CI). */
const API_SCHEMA_FILE = path.resolve(__dirname, '../../schema/api.graphql');

/** The enums whose values the region profile page shows as words (kinds, statuses, policy areas). */
const SHOWN_ENUMS = [
  'EventKind',
  'EventStatus',
  'ConsultationStatus',
  'ResourceKind',
  'PairingStatus',
  'PolicyArea',
];

describe('the profile page in French and German', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
  const shownValues = SHOWN_ENUMS.flatMap((name) => {
    const type = schema.getType(name);
    if (!isEnumType(type)) throw new Error(`${name} is not an enum of the public API any more`);
    return type.getValues().map((value) => value.name);
  });

  it.each(['fr', 'de'] as const)(
    'words every value of the enums it shows in %s (a new enum value needs its translation)',
    (lang) => {
      const untranslated = shownValues.filter((value) => !PROFILE_MESSAGES[lang].enums[value]);
      expect(untranslated).toEqual([]);
    },
  );
});
