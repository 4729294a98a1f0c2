import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aerContributor,
  answersFor,
  cemrEditor,
  islandsContributor,
  openConsultation,
  respond,
  startDialogue,
  transition,
  type ConsultationData,
} from './helpers';

let dialogue: TestSubgraph;
let older: ConsultationData;
let newer: ConsultationData;
const respondents = [islandsContributor, aerContributor, cemrEditor];

async function assess(scales: Record<string, number[]>, scope: string[]): Promise<ConsultationData> {
  const consultation = await openConsultation(dialogue, { regions: scope });
  for (const [territory, values] of Object.entries(scales)) {
    for (const [index, scale] of values.entries()) {
      await respond(
        dialogue,
        consultation,
        territory,
        answersFor(consultation, { scale }),
        respondents[index],
      );
    }
  }
  const closed = await transition(dialogue, 'closeConsultation', consultation);
  await transition(dialogue, 'publishConsultationResults', closed);
  return consultation;
}

beforeAll(async () => {
  dialogue = await startDialogue();
  older = await assess({ EL41: [1, 1, 1] }, ['EL41']);
  newer = await assess({ EL41: [5, 4, 3], EL42: [2, 2, 2], EL43: [1, 1, 1] }, [
    'EL41',
    'EL42',
    'EL43',
    'EL30',
  ]);
});
afterAll(async () => dialogue?.stop());

const NEEDS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Region {
        code
        needs {
          policyArea
          suppressed
          severity
          responseCount
          fromSubRegions
          consultation {
            id
          }
        }
      }
    }
  }
`;
const MAP = /* GraphQL */ `
  query ($level: BreakdownLevel!) {
    needsMap(policyArea: HOUSING, level: $level) {
      policyArea
      level
      cells {
        region {
          code
        }
        suppressed
        severity
        responseCount
        consultation {
          id
        }
      }
      regionsWithoutData {
        code
      }
    }
  }
`;

interface NeedsData {
  _entities: Array<{ code: string; needs: Array<Record<string, unknown>> }>;
}

describe('Region.needs', () => {
  it('gives the latest published severity per policy area, from the region itself or the regions within it', async () => {
    const { body } = await dialogue.query<NeedsData>(NEEDS, {
      r: ['EL41', 'EL43', 'EL4', 'EL', 'FR', 'EL411'].map((code) => ({ __typename: 'Region', code })),
    });
    expect(body.errors).toBeUndefined();
    const byCode = Object.fromEntries(body.data!._entities.map((entity) => [entity.code, entity.needs]));
    // EL41: the newer assessment (5, 4, 3 → 4) replaces the older one (1, 1, 1).
    expect(byCode.EL41).toEqual([
      {
        policyArea: 'HOUSING',
        suppressed: false,
        severity: 4,
        responseCount: 3,
        fromSubRegions: false,
        consultation: { id: newer.id },
      },
    ]);
    expect(byCode.EL43![0]).toMatchObject({ severity: 1, responseCount: 3, fromSubRegions: false });
    // EL4: (5 + 4 + 3 + 2 + 2 + 2 + 1 + 1 + 1) / 9, all from its NUTS 2 regions.
    expect(byCode.EL4).toEqual([
      {
        policyArea: 'HOUSING',
        suppressed: false,
        severity: 21 / 9,
        responseCount: 9,
        fromSubRegions: true,
        consultation: { id: newer.id },
      },
    ]);
    expect(byCode.EL![0]).toMatchObject({ severity: 21 / 9, responseCount: 9 });
    expect(byCode.FR).toEqual([]);
    expect(byCode.EL411).toEqual([]); // results stop at NUTS 2
    expect(older.id).not.toBe(newer.id);
  });
});

describe('needsMap', () => {
  it('returns one value per region of the level, and the regions in scope without data', async () => {
    const { body } = await dialogue.query<{ needsMap: Record<string, unknown> }>(MAP, { level: 'NUTS2' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.needsMap).toEqual({
      policyArea: 'HOUSING',
      level: 'NUTS2',
      cells: [
        {
          region: { code: 'EL41' },
          suppressed: false,
          severity: 4,
          responseCount: 3,
          consultation: { id: newer.id },
        },
        {
          region: { code: 'EL42' },
          suppressed: false,
          severity: 2,
          responseCount: 3,
          consultation: { id: newer.id },
        },
        {
          region: { code: 'EL43' },
          suppressed: false,
          severity: 1,
          responseCount: 3,
          consultation: { id: newer.id },
        },
      ],
      regionsWithoutData: [{ code: 'EL30' }],
    });
  });

  it('maps countries too, and nothing for a policy area without data', async () => {
    const country = await dialogue.query<{ needsMap: { cells: Array<{ region: { code: string } }> } }>(MAP, {
      level: 'COUNTRY',
    });
    expect(country.body.data!.needsMap.cells.map((cell) => cell.region.code)).toEqual(['EL']);
    const health = await dialogue.query<{ needsMap: { cells: unknown[] } }>(
      '{ needsMap(policyArea: HEALTH, level: NUTS2) { cells { severity } } }',
    );
    expect(health.body.data!.needsMap.cells).toEqual([]);
  });

  it('uses a number of SQL statements that does not depend on the regions asked', async () => {
    const one = await dialogue.query(NEEDS, { r: [{ __typename: 'Region', code: 'EL41' }] });
    const many = await dialogue.query(NEEDS, {
      r: ['EL41', 'EL42', 'EL43', 'EL4', 'EL', 'FR', 'DE', 'ES', 'IT'].map((code) => ({
        __typename: 'Region',
        code,
      })),
    });
    expect(many.body.extensions!.sqlStatements).toBe(one.body.extensions!.sqlStatements);
  });
});
