import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

const sdl = parse(readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));

/** The enumerations the partnership's texts give, as copied into the regions package's data folder. */
const enumerations = JSON.parse(
  readFileSync(
    path.resolve(
      path.dirname(require.resolve('@hub/regions')),
      '../data/cor_integration_partnership_enumerations.json',
    ),
    'utf8',
  ),
) as {
  strands: Array<{ id: string; label: string; activity_types: string[] }>;
  action_plan_sectoral_areas: string[];
  action_plan_horizontal_areas: string[];
};

function enumValues(name: string): string[] {
  const definition = sdl.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  if (!definition || definition.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`no enum ${name}`);
  return (definition.values ?? []).map((value) => value.name.value);
}

// That every element is described is part of the kit's contract suite (contract.test.ts).
describe('schema.graphql enumerations', () => {
  it('has the three strands of the partnership announcement, in its order', () => {
    expect(enumValues('Strand')).toEqual(enumerations.strands.map((strand) => strand.id));
  });

  it('has the sectoral and horizontal areas of the Action plan as policy areas, and community sponsorship', () => {
    expect(enumValues('PolicyArea')).toEqual([
      ...enumerations.action_plan_sectoral_areas,
      ...enumerations.action_plan_horizontal_areas,
      // named by the capacity-building strand itself ("… on integration and on community sponsorship")
      'COMMUNITY_SPONSORSHIP',
    ]);
    expect(enumerations.strands.find((strand) => strand.id === 'CAPACITY_BUILDING')?.label).toContain(
      'community sponsorship',
    );
  });

  it('has an event kind for every activity type of the dialogue and capacity-building strands that is an event', () => {
    const eventLike = enumerations.strands
      .flatMap((strand) => strand.activity_types)
      .filter(
        (type) =>
          !['FORUM', 'ONLINE_TRAINING_MATERIAL', 'WEBSITE_INFORMATION', 'BAROMETER_DATA', 'STUDY'].includes(
            type,
          ),
      );
    expect(eventLike.length).toBeGreaterThan(4);
    expect(enumValues('EventKind')).toEqual(
      expect.arrayContaining([...eventLike, 'FORUM_MEETING', 'TRAINING']),
    );
    expect(enumValues('EventFormat')).toEqual(['IN_PERSON', 'ONLINE', 'HYBRID']);
    expect(enumValues('EventStatus')).toEqual(['DRAFT', 'PUBLISHED', 'CANCELLED']);
  });
});
