import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aerContributor,
  answersFor,
  cemrEditor,
  eurocitiesEditor,
  islandsContributor,
  openConsultation,
  respond,
  sql,
  startDialogue,
  transition,
  type ConsultationData,
} from './helpers';

let dialogue: TestSubgraph;
beforeAll(async () => {
  dialogue = await startDialogue();
});
afterAll(async () => dialogue?.stop());

const CELL = 'suppressed answerCount mean distribution { option count }';
const RESULTS = /* GraphQL */ `
  query ($id: ID!) {
    consultation(id: $id) {
      results {
        responseCount
        questions {
          question { kind }
          overall { ${CELL} }
          country: byRegion(level: COUNTRY) { region { code } ${CELL} }
          nuts1: byRegion(level: NUTS1) { region { code } ${CELL} }
          nuts2: byRegion(level: NUTS2) { region { code } ${CELL} }
        }
      }
    }
  }
`;

interface Cell {
  suppressed: boolean;
  answerCount: number | null;
  mean: number | null;
  distribution: Array<{ option: string; count: number }> | null;
  region?: { code: string };
}
interface ResultsData {
  consultation: {
    results: {
      responseCount: number;
      questions: Array<{
        question: { kind: string };
        overall: Cell;
        country: Cell[];
        nuts1: Cell[];
        nuts2: Cell[];
      }>;
    } | null;
  };
}

const SUPPRESSED = { suppressed: true, answerCount: null, mean: null, distribution: null };
const dist = (counts: Record<string, number>) =>
  Object.entries(counts).map(([option, count]) => ({ option, count }));

async function publish(consultation: ConsultationData) {
  const closed = await transition(dialogue, 'closeConsultation', consultation);
  await transition(dialogue, 'publishConsultationResults', closed);
}

async function resultsOf(id: string) {
  const { body } = await dialogue.query<ResultsData>(RESULTS, { id });
  expect(body.errors).toBeUndefined();
  return {
    results: body.data!.consultation.results!,
    sqlStatements: body.extensions?.sqlStatements as number,
  };
}

describe('published results: three organisations answering for three regions of Greece', () => {
  let consultation: ConsultationData;
  beforeAll(async () => {
    consultation = await openConsultation(dialogue);
    const a = (values: Parameters<typeof answersFor>[1]) => answersFor(consultation, values);
    await respond(
      dialogue,
      consultation,
      'EL41',
      a({ scale: 4, choice: 'Regional', funds: ['AMIF', 'ESF+'], arrivals: 1200, text: 'Lesvos first' }),
      islandsContributor,
    );
    await respond(
      dialogue,
      consultation,
      'EL42',
      a({ scale: 2, choice: 'Regional', funds: ['AMIF'], arrivals: 300 }),
      aerContributor,
    );
    await respond(
      dialogue,
      consultation,
      'EL43',
      a({ scale: 5, choice: 'National', funds: ['ERDF', 'AMIF'], arrivals: 600, text: 'Kriti' }),
      cemrEditor,
    );
    await publish(consultation);
  });

  it('equal a hand computation overall, and the country and NUTS 1 cells show', async () => {
    const { results } = await resultsOf(consultation.id);
    expect(results.responseCount).toBe(3);
    const [scale, single, multiple, number, text] = results.questions;
    // Scale: answers 4, 2, 5 → mean 11/3; one answer each on 2, 4 and 5.
    const scaleCell = {
      suppressed: false,
      answerCount: 3,
      mean: 11 / 3,
      distribution: dist({ 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 }),
    };
    expect(scale!.overall).toEqual(scaleCell);
    expect(scale!.country).toEqual([{ region: { code: 'EL' }, ...scaleCell }]);
    expect(scale!.nuts1).toEqual([{ region: { code: 'EL4' }, ...scaleCell }]);
    expect(single!.overall).toEqual({
      suppressed: false,
      answerCount: 3,
      mean: null,
      distribution: dist({ Local: 0, Regional: 2, National: 1, EU: 0 }),
    });
    expect(multiple!.overall.distribution).toEqual(dist({ AMIF: 3, 'ESF+': 1, ERDF: 1 }));
    // Number: 1200, 300, 600 → mean 700; no distribution.
    expect(number!.overall).toEqual({ suppressed: false, answerCount: 3, mean: 700, distribution: null });
    // Free text: two answers, never aggregated: a count at most, here suppressed (below 3).
    expect(text!.overall).toEqual(SUPPRESSED);
  });

  it('suppress the single-region NUTS 2 cells and say so', async () => {
    const { results } = await resultsOf(consultation.id);
    for (const question of results.questions.slice(0, 4)) {
      expect(question.nuts2).toEqual(
        ['EL41', 'EL42', 'EL43'].map((code) => ({ region: { code }, ...SUPPRESSED })),
      );
    }
  });

  it('export as CSV: one row per question × territory × option, suppressed cells marked', async () => {
    const { body } = await dialogue.query<{ consultation: { resultsCsv: string } }>(
      'query ($id: ID!) { consultation(id: $id) { resultsCsv } }',
      { id: consultation.id },
    );
    const lines = body.data!.consultation.resultsCsv.split('\r\n');
    expect(lines[0]).toBe(
      'question_position,question_kind,question_prompt,level,region,option,count,answer_count,mean,suppressed',
    );
    expect(lines.at(-1)).toBe('');
    const prompt = consultation.questions[0]!.prompt as string;
    const scaleRows = lines.filter((line) => line.startsWith('1,SCALE,'));
    // overall, EL and EL4: 5 points each; EL41-EL43: one suppressed row each.
    expect(scaleRows).toHaveLength(3 * 5 + 3);
    expect(scaleRows).toContain(`1,SCALE,${prompt},OVERALL,,4,1,3,${11 / 3},false`);
    expect(scaleRows).toContain(`1,SCALE,${prompt},COUNTRY,EL,2,1,3,${11 / 3},false`);
    expect(scaleRows).toContain(`1,SCALE,${prompt},NUTS2,EL42,,,,,true`);
    expect(lines).toContain('4,NUMBER,How many arrivals did you receive in 2025?,NUTS1,EL4,,,3,700,false');
    expect(lines.filter((line) => line.startsWith('5,FREE_TEXT,'))).toEqual(
      expect.arrayContaining(['5,FREE_TEXT,What should the partnership do first?,OVERALL,,,,,,true']),
    );
    expect(body.data!.consultation.resultsCsv).not.toMatch(/Lesvos first/);
  });

  it('never carry free text', async () => {
    const { body } = await dialogue.query(RESULTS, { id: consultation.id });
    expect(JSON.stringify(body)).not.toMatch(/Lesvos first|Kriti"/);
  });
});

describe('suppression by difference', () => {
  it('hides a shown cell when the cell above it would reveal fewer than 3 answers by subtraction', async () => {
    const consultation = await openConsultation(dialogue);
    const a = (scale: number) => answersFor(consultation, { scale });
    await respond(dialogue, consultation, 'EL41', a(1), islandsContributor);
    await respond(dialogue, consultation, 'EL41', a(2), aerContributor);
    await respond(dialogue, consultation, 'EL41', a(3), cemrEditor);
    await respond(dialogue, consultation, 'EL42', a(5), eurocitiesEditor);
    await publish(consultation);
    const [scale] = (await resultsOf(consultation.id)).results.questions;
    // EL4 shows 4 answers; showing EL41 (3) would give away EL42's single answer (4 − 3): both are hidden.
    expect(scale!.nuts1).toEqual([
      {
        region: { code: 'EL4' },
        suppressed: false,
        answerCount: 4,
        mean: 11 / 4,
        distribution: dist({ 1: 1, 2: 1, 3: 1, 4: 0, 5: 1 }),
      },
    ]);
    expect(scale!.nuts2.map((cell) => [cell.region!.code, cell.suppressed])).toEqual([
      ['EL41', true],
      ['EL42', true],
    ]);
  });
});

describe('SQL statements', () => {
  /** Level-2 codes from the regions subgraph's copy of NUTS 2024 (only to name realistic territories). */
  const NUTS2 = readFileSync(path.resolve(__dirname, '../../regions/data/nuts2024_regions.csv'), 'utf8')
    .split('\n')
    .map((line) => line.split(','))
    .filter((cells) => cells[1] === '2')
    .map((cells) => cells[0]!)
    .slice(0, 244);

  /** Adds `perRegion` submitted responses per region, answering the scale question (test data, written directly). */
  async function fill(consultation: ConsultationData, regions: string[], perRegion: number) {
    const question = consultation.questions[0]!.id;
    await sql(
      dialogue,
      `WITH r AS (
         INSERT INTO response (id, consultation_id, organisation, territory, status)
         SELECT gen_random_uuid(), ?::uuid, 'org-' || n, code, 'SUBMITTED'
         FROM unnest(?::text[]) AS code, generate_series(1, ?) AS n
         RETURNING id, territory)
       INSERT INTO answer (response_id, question_id, scale)
       SELECT r.id, ?::uuid, 1 + (abs(hashtext(r.id::text)) % 5) FROM r`,
      [consultation.id, `{${regions.join(',')}}`, perRegion, question],
    );
  }

  it('do not grow with the number of regions or responses (244 NUTS 2 regions)', async () => {
    expect(NUTS2).toHaveLength(244);
    const small = await openConsultation(dialogue);
    await fill(small, NUTS2.slice(0, 2), 3);
    await publish(small);
    const large = await openConsultation(dialogue);
    await fill(large, NUTS2, 5);
    await publish(large);

    const few = await resultsOf(small.id);
    const many = await resultsOf(large.id);
    expect(few.results.responseCount).toBe(6);
    expect(many.results.responseCount).toBe(244 * 5);
    expect(many.results.questions[0]!.nuts2).toHaveLength(244);
    expect(many.results.questions[0]!.nuts2.every((cell) => !cell.suppressed && cell.answerCount === 5)).toBe(
      true,
    );
    expect(many.sqlStatements).toBeGreaterThan(0);
    expect(many.sqlStatements).toBe(few.sqlStatements);
    expect(many.sqlStatements).toBeLessThanOrEqual(4);
  });
});
