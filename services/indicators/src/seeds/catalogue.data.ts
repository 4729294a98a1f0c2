import { Breakdown, IndicatorDomain, IndicatorUnit } from '../entities/enums';

/** Which CSV column holds which breakdown of an indicator, and the Eurostat dataset behind it. */
export interface SeedColumn {
  column: string;
  breakdown: Breakdown;
  dataset: string;
}

export interface SeedIndicator {
  code: string;
  name: string;
  description: string;
  unit: IndicatorUnit;
  domain: IndicatorDomain;
  higherIsBetter: boolean | null;
  isDerived: boolean;
  dataset: string;
  datasetLabel: string;
  columns: SeedColumn[];
}

export const EUROSTAT_PUBLISHER = 'Eurostat';

const DERIVED_BY =
  'Derived figure: computed by the compiling project (GitHub CrispStrobe/bw-datenatlas) from Eurostat data, not published by Eurostat as such.';

/**
 * The indicators of `data/eurostat_nuts2_migrant_integration_2025.csv`: every value column is one breakdown of
 * one indicator. Units and reference years come from the `.meta.json` next to it (checked at seed time).
 */
export const SEED_INDICATORS: SeedIndicator[] = [
  {
    code: 'population_15_64',
    name: 'Population aged 15-64',
    description:
      'Population aged 15-64 in private households, in thousands (EU Labour Force Survey; sex=T, wstatus=POP).',
    unit: IndicatorUnit.THOUSAND_PERSONS,
    domain: IndicatorDomain.DEMOGRAPHY,
    higherIsBetter: null,
    isDerived: false,
    dataset: 'lfst_r_lfsd2pwc',
    datasetLabel: 'Population in private households by country of birth, labour status and NUTS 2 region',
    columns: [
      { column: 'population_15_64_ths', breakdown: Breakdown.TOTAL, dataset: 'lfst_r_lfsd2pwc' },
      { column: 'foreign_born_15_64_ths', breakdown: Breakdown.FOREIGN_BORN, dataset: 'lfst_r_lfsd2pwc' },
    ],
  },
  {
    code: 'population_share_15_64',
    name: 'Share of the population aged 15-64',
    description: `Share of a population group in the population aged 15-64 in private households, in percent: FOREIGN_BORN = 100 × foreign-born / total (lfst_r_lfsd2pwc, c_birth=FOR, rounded to 0.1), NON_EU_BORN = 100 × non-EU-born / total (c_birth=NEU27_2020_FOR), FOREIGN_CITIZENS = 100 × foreign citizens / total (lfst_r_lfsd2pwn, citizen=FOR). ${DERIVED_BY}`,
    unit: IndicatorUnit.PERCENT,
    domain: IndicatorDomain.DEMOGRAPHY,
    higherIsBetter: null,
    isDerived: true,
    dataset: 'lfst_r_lfsd2pwc',
    datasetLabel: 'Population in private households by country of birth, labour status and NUTS 2 region',
    columns: [
      { column: 'foreign_born_share_pct', breakdown: Breakdown.FOREIGN_BORN, dataset: 'lfst_r_lfsd2pwc' },
      { column: 'non_eu_born_share_pct', breakdown: Breakdown.NON_EU_BORN, dataset: 'lfst_r_lfsd2pwc' },
      {
        column: 'foreign_citizen_share_pct',
        breakdown: Breakdown.FOREIGN_CITIZENS,
        dataset: 'lfst_r_lfsd2pwn',
      },
    ],
  },
  {
    code: 'employment_rate_20_64',
    name: 'Employment rate, aged 20-64',
    description:
      'Employed persons as a percentage of the population aged 20-64, all education levels (EU Labour Force Survey).',
    unit: IndicatorUnit.PERCENT,
    domain: IndicatorDomain.EMPLOYMENT,
    higherIsBetter: true,
    isDerived: false,
    dataset: 'lfst_r_lfe2emprc',
    datasetLabel: 'Employment rates by educational attainment level, country of birth and NUTS 2 region',
    columns: [
      {
        column: 'employment_rate_native_born_pct',
        breakdown: Breakdown.NATIVE_BORN,
        dataset: 'lfst_r_lfe2emprc',
      },
      {
        column: 'employment_rate_foreign_born_pct',
        breakdown: Breakdown.FOREIGN_BORN,
        dataset: 'lfst_r_lfe2emprc',
      },
    ],
  },
  {
    code: 'employment_gap_20_64',
    name: 'Employment gap between native-born and foreign-born persons, aged 20-64',
    description: `Employment rate of native-born minus that of foreign-born persons aged 20-64, in percentage points (lfst_r_lfe2emprc); positive = foreign-born persons are less often employed. ${DERIVED_BY}`,
    unit: IndicatorUnit.PERCENTAGE_POINTS,
    domain: IndicatorDomain.EMPLOYMENT,
    higherIsBetter: false,
    isDerived: true,
    dataset: 'lfst_r_lfe2emprc',
    datasetLabel: 'Employment rates by educational attainment level, country of birth and NUTS 2 region',
    columns: [
      {
        column: 'employment_gap_pp',
        breakdown: Breakdown.NATIVE_MINUS_FOREIGN_BORN,
        dataset: 'lfst_r_lfe2emprc',
      },
    ],
  },
  {
    code: 'unemployment_rate_15_74',
    name: 'Unemployment rate, aged 15-74',
    description:
      'Unemployed persons as a percentage of the labour force aged 15-74 (EU Labour Force Survey).',
    unit: IndicatorUnit.PERCENT,
    domain: IndicatorDomain.EMPLOYMENT,
    higherIsBetter: false,
    isDerived: false,
    dataset: 'lfst_r_lfur2gac',
    datasetLabel: 'Unemployment rates by country of birth and NUTS 2 region',
    columns: [
      {
        column: 'unemployment_rate_native_born_pct',
        breakdown: Breakdown.NATIVE_BORN,
        dataset: 'lfst_r_lfur2gac',
      },
      {
        column: 'unemployment_rate_foreign_born_pct',
        breakdown: Breakdown.FOREIGN_BORN,
        dataset: 'lfst_r_lfur2gac',
      },
    ],
  },
  {
    code: 'net_migration_rate',
    name: 'Crude rate of net migration plus adjustment',
    description:
      'Net migration plus statistical adjustment per 1,000 inhabitants (Eurostat indic_de=CNMIGRATRT); negative = more people left than arrived. Higher is neither better nor worse.',
    unit: IndicatorUnit.PER_1000_INHABITANTS,
    domain: IndicatorDomain.DEMOGRAPHY,
    higherIsBetter: null,
    isDerived: false,
    dataset: 'tgs00099',
    datasetLabel:
      'Population change by NUTS 2 region - Crude rates of total change, natural change and net migration plus adjustment',
    columns: [{ column: 'net_migration_per_1000', breakdown: Breakdown.TOTAL, dataset: 'tgs00099' }],
  },
];

/** Units as written in the `.meta.json`, to check the catalogue against the file. */
export const META_UNITS: Record<IndicatorUnit, string[]> = {
  [IndicatorUnit.THOUSAND_PERSONS]: ['thousand persons'],
  [IndicatorUnit.PERCENT]: ['%', '% of population aged 20-64', '% of labour force aged 15-74'],
  [IndicatorUnit.PERCENTAGE_POINTS]: ['percentage points'],
  [IndicatorUnit.PER_1000_INHABITANTS]: ['per 1000 inhabitants'],
  [IndicatorUnit.SCORE]: [],
};

export function datasetUrl(dataset: string): string {
  return `https://ec.europa.eu/eurostat/databrowser/view/${dataset}/default/table`;
}
