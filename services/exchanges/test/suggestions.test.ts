import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraph as indicatorsSubgraph } from '@hub/indicators';
import { startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apply,
  cemrContributor,
  corEditor,
  errorOf,
  eurocitiesEditor,
  openProgramme,
  startExchanges,
} from './helpers';

// suggestedMentors on the Eurostat values the indicators subgraph seeds (its copy of
// eurostat_nuts2_migrant_integration_2025.csv, reference year 2025). Without regions and dialogue peers the
// distance and reported needs are unknown, so the order rests on the indicators, offers and languages alone.

let indicators: TestSubgraph;
let exchanges: TestSubgraph;
let proxy: Server;
/** Requests the exchanges subgraph sent to indicators (through a counting proxy). */
let indicatorRequests = 0;

beforeAll(async () => {
  indicators = await startTestSubgraph(indicatorsSubgraph, inject('databaseServerUrl'), {
    logLevel: 'error',
  });
  proxy = createServer((request, response) => {
    indicatorRequests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const answer = await fetch(indicators.url, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  exchanges = await startExchanges({ peers: { indicators: `http://127.0.0.1:${port}/graphql` } });
}, 120_000);
afterAll(async () => {
  await exchanges?.stop();
  proxy?.close();
  await indicators?.stop();
});

const SUGGESTED = /* GraphQL */ `
  query ($application: ID!, $first: Int, $after: String) {
    suggestedMentors(application: $application, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          rank
          score
          application {
            territory {
              code
            }
          }
          reasons {
            factor
            weight
            points
            menteeValue
            mentorValue
            unit
            period
            policyAreas
            languages
            explanation
          }
        }
      }
    }
  }
`;

interface Reason {
  factor: string;
  weight: number;
  points: number;
  menteeValue: number | null;
  mentorValue: number | null;
  unit: string | null;
  period: number | null;
  explanation: string;
}
interface Suggestion {
  rank: number;
  score: number;
  application: { territory: { code: string } };
  reasons: Reason[];
}

/** Hand computation of the documented formula with the CSV's 2025 figures (gap pp, foreign-born share %). */
const FIGURES = {
  AT13: { gap: 8.9, share: 47.3 }, // Wien (the mentee)
  BE10: { gap: -0.1, share: 55.3 }, // Région de Bruxelles-Capitale
  CH01: { gap: 4.7, share: 47.5 }, // Région lémanique
  CH04: { gap: 5.5, share: 42.6 }, // Zürich
};
function byHand(code: 'BE10' | 'CH01' | 'CH04'): number {
  const mentee = FIGURES.AT13;
  const mentor = FIGURES[code];
  const gap = 35 * Math.min(1, Math.max(0, (mentee.gap - mentor.gap) / 10));
  const share = 20 * Math.max(0, 1 - Math.abs(mentee.share - mentor.share) / 10);
  const needs = 25 * 1; // every mentor offers the mentee's one need
  const languages = 10 * 1; // and shares its one language
  return gap + share + needs + languages; // distance unknown: 0 points
}

describe('suggestedMentors', () => {
  it('ranks mentors as the hand computation on the seeded Eurostat values, citing the values used', async () => {
    const programme = await openProgramme(exchanges);
    const mentors = ['CH04', 'BE10', 'CH01'];
    for (const [index, territory] of mentors.entries()) {
      await apply(exchanges, programme, testCaller(`mentor-${index}`, ['contributor']), {
        territory,
        role: 'MENTOR',
        areas: [{ policyArea: 'EMPLOYMENT_AND_SKILLS', text: 'Job coaching for newcomers' }],
      });
    }
    const mentee = await apply(exchanges, programme, cemrContributor, { territory: 'AT13' });
    // A mentor application of the mentee's own organisation is never suggested to it.
    await apply(exchanges, programme, cemrContributor, { territory: 'AT12', role: 'MENTOR' });

    const expected = (['BE10', 'CH01', 'CH04'] as const)
      .map((code) => ({ code, score: byHand(code) }))
      .sort((a, b) => b.score - a.score);
    expect(expected.map((e) => e.code)).toEqual(['BE10', 'CH01', 'CH04']); // 70.5 > 69.3 > 57.5

    const requestsBefore = indicatorRequests;
    const { body } = await exchanges.query<{
      suggestedMentors: { totalCount: number; edges: Array<{ node: Suggestion }> };
    }>(SUGGESTED, { application: mentee.id }, corEditor);
    expect(body.errors).toBeUndefined();
    expect(indicatorRequests - requestsBefore).toBe(1); // one indicators request for every candidate region
    const again = await exchanges.query(SUGGESTED, { application: mentee.id }, corEditor);
    expect(again.body.data).toEqual(body.data);
    expect(indicatorRequests - requestsBefore).toBe(1); // indicator values are kept for a minute
    const nodes = body.data!.suggestedMentors.edges.map((edge) => edge.node);
    expect(body.data!.suggestedMentors.totalCount).toBe(3);
    expect(nodes.map((node) => node.application.territory.code)).toEqual(expected.map((e) => e.code));
    for (const [index, node] of nodes.entries()) {
      expect(node.rank).toBe(index + 1);
      expect(node.score).toBeCloseTo(expected[index]!.score, 2);
      expect(node.score).toBeCloseTo(
        node.reasons.reduce((sum, reason) => sum + reason.points, 0),
        2,
      );
    }

    const brussels = Object.fromEntries(nodes[0]!.reasons.map((reason) => [reason.factor, reason]));
    expect(brussels.EMPLOYMENT_GAP).toMatchObject({
      weight: 35,
      points: 31.5,
      menteeValue: 8.9,
      mentorValue: -0.1,
      unit: 'pp',
      period: 2025,
    });
    expect(brussels.EMPLOYMENT_GAP!.explanation).toContain('8.9 in AT13, 2025');
    expect(brussels.EMPLOYMENT_GAP!.explanation).toContain('employment_gap_20_64');
    expect(brussels.FOREIGN_BORN_SHARE).toMatchObject({
      points: 4,
      menteeValue: 47.3,
      mentorValue: 55.3,
      unit: '%',
    });
    expect(brussels.NEEDS_COVERED).toMatchObject({ points: 25, policyAreas: ['EMPLOYMENT_AND_SKILLS'] });
    expect(brussels.SHARED_LANGUAGES).toMatchObject({ points: 10, languages: ['en'] });
    expect(brussels.DISTANCE).toMatchObject({ points: 0, mentorValue: null });
  });

  it('pages with first and after, and is for the organiser only', async () => {
    const programme = await openProgramme(exchanges);
    for (const [index, territory] of ['BE10', 'CH01', 'CH04'].entries()) {
      await apply(exchanges, programme, testCaller(`pager-${index}`, ['contributor']), {
        territory,
        role: 'MENTOR',
      });
    }
    const mentee = await apply(exchanges, programme, cemrContributor, { territory: 'AT13' });
    const page = async (after: string | null) => {
      const { body } = await exchanges.query<{
        suggestedMentors: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: Suggestion }>;
        };
      }>(SUGGESTED, { application: mentee.id, first: 2, after }, corEditor);
      expect(body.errors).toBeUndefined();
      return body.data!.suggestedMentors;
    };
    const first = await page(null);
    const second = await page(first.pageInfo.endCursor);
    expect([...first.edges, ...second.edges].map((edge) => edge.node.rank)).toEqual([1, 2, 3]);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);

    const asMentee = await exchanges.query(SUGGESTED, { application: mentee.id }, cemrContributor);
    expect(errorOf(asMentee.body.errors as never).code).toBe('FORBIDDEN');
    const asOutsider = await exchanges.query(SUGGESTED, { application: mentee.id }, eurocitiesEditor);
    expect(errorOf(asOutsider.body.errors as never).code).toBe('NOT_FOUND');
  });
});
