import { classify, layoutMap, type Classification, type MapLayout } from './dashboard-map';
import { pickLanguage, type PageLanguage } from './html';

/** The dashboard page and its data as JSON. */
export const DASHBOARD_PATH = '/dashboards/integration';
export const DASHBOARD_DATA_PATH = '/dashboards/integration/data';

/** What the dashboard shows when the address names no indicator: the headline labour-market indicator. */
export const DEFAULT_DASHBOARD_INDICATOR = 'employment_rate_20_64';

/** More than every NUTS 2 region of the hub (about 330), and the largest page the graph gives. */
const PAGE_SIZE = 500;

/**
 * The one operation behind the page, the JSON and the downloads, run through the gateway as an anonymous caller:
 * the indicators for the pickers, the chosen indicator with its labels in the page's language, its ranking of
 * NUTS 2 regions (with the year the graph chose when none was asked for) and every NUTS 2 region's names and
 * outline.
 */
export const DASHBOARD_QUERY = /* GraphQL */ `
  query IntegrationDashboard($indicator: ID!, $breakdown: Breakdown, $period: Int, $lang: Language) {
    indicators {
      code
      name(lang: $lang)
    }
    indicator(code: $indicator) {
      code
      name(lang: $lang)
      unit
      unitLabel(lang: $lang)
      higherIsBetter
      breakdownLabels(lang: $lang) {
        breakdown
        label
      }
      source {
        publisher
        datasetCode
        datasetLabel
        url
        licence
      }
    }
    ranking(indicator: $indicator, breakdown: $breakdown, period: $period, level: 2, first: ${PAGE_SIZE}) {
      totalCount
      period
      edges {
        node {
          rank
          observation {
            period
            breakdown
            value
            region {
              code
            }
          }
        }
      }
    }
    regions(level: 2, first: ${PAGE_SIZE}) {
      totalCount
      edges {
        node {
          code
          name
          nationalName
          geometry
        }
      }
    }
  }
`;

/** The graph's answer to `DASHBOARD_QUERY`. */
export interface DashboardGraphData {
  indicators: Array<{ code: string; name: string }>;
  indicator: {
    code: string;
    name: string;
    unit: string;
    unitLabel: string;
    higherIsBetter: boolean | null;
    breakdownLabels: Array<{ breakdown: string; label: string }>;
    source: { publisher: string; datasetCode: string; datasetLabel: string; url: string; licence: string };
  } | null;
  ranking: {
    totalCount: number;
    period: number | null;
    edges: Array<{
      node: {
        rank: number;
        observation: { period: number; breakdown: string; value: number | null; region: { code: string } };
      };
    }>;
  };
  regions: {
    totalCount: number;
    edges: Array<{ node: { code: string; name: string; nationalName: string; geometry: unknown } }>;
  };
}

/** What the address asks for, checked. */
export interface DashboardParams {
  indicator: string;
  /** null: the indicator's main breakdown (the graph's default). */
  breakdown: string | null;
  /** null: the graph's default year (the latest covering at least half of the regions). */
  period: number | null;
  lang: PageLanguage;
}

/** A request the dashboard refuses with 400 (the message is shown to the visitor). */
export class DashboardInputError extends Error {}

function single(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new DashboardInputError(`"${name}" must be given at most once.`);
  return value.trim();
}

/**
 * Reads `?indicator=&breakdown=&period=&lang=` (empty means the default). Only the shape is checked here; whether
 * the indicator exists and has the breakdown is the graph's answer.
 */
export function parseDashboardParams(
  query: Record<string, unknown>,
  acceptLanguage: string | undefined,
): DashboardParams {
  const lang = pickLanguage(single(query, 'lang') || undefined, acceptLanguage);
  const indicator = single(query, 'indicator') || DEFAULT_DASHBOARD_INDICATOR;
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(indicator)) {
    throw new DashboardInputError(`"${indicator.slice(0, 100)}" is not an indicator code.`);
  }
  const breakdown = single(query, 'breakdown').toUpperCase() || null;
  if (breakdown !== null && !/^[A-Z_]{1,50}$/.test(breakdown)) {
    throw new DashboardInputError(`"${breakdown.slice(0, 50)}" is not a population group.`);
  }
  const periodText = single(query, 'period');
  const period = periodText === '' ? null : Number(periodText);
  if (period !== null && (!/^\d{4}$/.test(periodText) || period < 1900 || period > 2100)) {
    throw new DashboardInputError(`"${periodText.slice(0, 20)}" is not a year (1900-2100).`);
  }
  return { indicator, breakdown, period, lang };
}

/** The operation's variables for `params`. */
export function dashboardVariables(params: DashboardParams): Record<string, unknown> {
  return {
    indicator: params.indicator,
    breakdown: params.breakdown,
    period: params.period,
    lang: params.lang.toUpperCase(),
  };
}

/** One region of the table (and of the map when it has an outline). */
export interface DashboardRow {
  code: string;
  name: string;
  nationalName: string;
  /** null: no value for this choice ("no data"). */
  value: number | null;
  /** Competition rank among the regions with a value (1 = best); null without a value. */
  rank: number | null;
  /** Index into `classes`; -1 without a value. */
  classIndex: number;
}

/** Everything the page, the JSON and the downloads show. */
export interface DashboardModel {
  params: DashboardParams;
  indicators: Array<{ code: string; name: string }>;
  indicator: NonNullable<DashboardGraphData['indicator']>;
  /** The breakdown shown (asked for, else the indicator's main one) and its label. */
  breakdown: { code: string; label: string };
  /** The year shown; null when no region has a value for the choice. */
  period: number | null;
  /** Whether `period` was asked for (else the graph chose it). */
  periodChosen: boolean;
  /** Ranked regions first (in the ranking's order), then the regions without a value by code. */
  rows: DashboardRow[];
  classes: Classification['classes'];
  map: MapLayout;
}

/**
 * Joins the ranking with the regions: every NUTS 2 region is a row, with its ranked value or none. A ranked
 * region the regions subgraph does not list (it should not happen) still gets its row, named by its code.
 */
export function buildDashboardModel(params: DashboardParams, data: DashboardGraphData): DashboardModel {
  const indicator = data.indicator;
  if (!indicator) throw new DashboardInputError(`There is no indicator "${params.indicator}".`);
  const groups = indicator.breakdownLabels.map(({ breakdown }) => breakdown);
  if (params.breakdown !== null && !groups.includes(params.breakdown)) {
    // the ranking would simply be empty: say why instead of drawing a map without data
    throw new DashboardInputError(
      `Indicator "${indicator.code}" has no values for population group ${params.breakdown}; it has ${groups.join(', ')}.`,
    );
  }
  const regions = new Map(data.regions.edges.map(({ node }) => [node.code, node]));
  const ranked = data.ranking.edges.map(({ node }) => node);
  const classification = classify(ranked.map(({ observation }) => observation.value));
  const rankedCodes = new Set<string>();
  const rows: DashboardRow[] = ranked.map(({ rank, observation }) => {
    const code = observation.region.code;
    rankedCodes.add(code);
    const region = regions.get(code);
    return {
      code,
      name: region?.name ?? code,
      nationalName: region?.nationalName ?? code,
      value: observation.value,
      rank,
      classIndex: classification.classOf(observation.value),
    };
  });
  for (const region of [...regions.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    if (rankedCodes.has(region.code)) continue;
    rows.push({ ...region, value: null, rank: null, classIndex: -1 });
  }
  const breakdownCode =
    ranked[0]?.observation.breakdown ?? params.breakdown ?? indicator.breakdownLabels[0]?.breakdown ?? '';
  const breakdownLabel =
    indicator.breakdownLabels.find(({ breakdown }) => breakdown === breakdownCode)?.label ?? breakdownCode;
  return {
    params,
    indicators: data.indicators,
    indicator,
    breakdown: { code: breakdownCode, label: breakdownLabel },
    period: data.ranking.period ?? ranked[0]?.observation.period ?? params.period,
    periodChosen: params.period !== null,
    rows,
    classes: classification.classes,
    map: layoutMap(data.regions.edges.map(({ node }) => ({ code: node.code, geometry: node.geometry }))),
  };
}

/** The data as JSON (`/dashboards/integration/data`): what the page shows, without the drawing. */
export function dashboardJson(model: DashboardModel) {
  return {
    indicator: {
      code: model.indicator.code,
      name: model.indicator.name,
      unit: model.indicator.unit,
      unitLabel: model.indicator.unitLabel,
      source: model.indicator.source,
    },
    breakdown: model.breakdown,
    period: model.period,
    periodChosen: model.periodChosen,
    lang: model.params.lang,
    classes: model.classes,
    regions: model.rows.map(({ code, name, value, rank, classIndex }) => ({
      code,
      name,
      value,
      rank,
      class: classIndex < 0 ? null : classIndex,
    })),
  };
}

/** Same-origin address of the dashboard with `params` (empty values left out). */
export function dashboardHref(
  params: Partial<Pick<DashboardParams, 'indicator' | 'breakdown' | 'period' | 'lang'>>,
  path = DASHBOARD_PATH,
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
