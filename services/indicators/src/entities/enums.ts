import { registerEnumType } from 'type-graphql';

export enum IndicatorUnit {
  PERCENT = 'PERCENT',
  PERCENTAGE_POINTS = 'PERCENTAGE_POINTS',
  THOUSAND_PERSONS = 'THOUSAND_PERSONS',
  PER_1000_INHABITANTS = 'PER_1000_INHABITANTS',
  SCORE = 'SCORE',
}

registerEnumType(IndicatorUnit, {
  name: 'IndicatorUnit',
  description: 'Unit in which the values of an indicator are expressed.',
  valuesConfig: {
    PERCENT: { description: 'Percent (0-100) of a reference population.' },
    PERCENTAGE_POINTS: {
      description: 'Difference between two percentages, in percentage points (-100..100).',
    },
    THOUSAND_PERSONS: { description: 'Thousands of persons.' },
    PER_1000_INHABITANTS: {
      description: 'Rate per 1,000 inhabitants (may be negative, e.g. net migration).',
    },
    SCORE: { description: 'A score on the scale stated in the indicator description (never negative).' },
  },
});

export enum IndicatorDomain {
  EMPLOYMENT = 'EMPLOYMENT',
  EDUCATION = 'EDUCATION',
  SOCIAL_INCLUSION = 'SOCIAL_INCLUSION',
  ACTIVE_CITIZENSHIP = 'ACTIVE_CITIZENSHIP',
  HEALTH = 'HEALTH',
  HOUSING = 'HOUSING',
  DEMOGRAPHY = 'DEMOGRAPHY',
  POLICY = 'POLICY',
}

registerEnumType(IndicatorDomain, {
  name: 'IndicatorDomain',
  description:
    'Policy domain of an indicator (after the Zaragoza integration indicators and the EU Action Plan).',
  valuesConfig: {
    EMPLOYMENT: { description: 'Labour market: employment, unemployment, activity.' },
    EDUCATION: { description: 'Education and skills.' },
    SOCIAL_INCLUSION: { description: 'Income, poverty and social inclusion.' },
    ACTIVE_CITIZENSHIP: { description: 'Naturalisation, long-term residence, participation.' },
    HEALTH: { description: 'Health and access to health care.' },
    HOUSING: { description: 'Housing conditions and costs.' },
    DEMOGRAPHY: { description: 'Population size, composition and migration flows.' },
    POLICY: { description: 'Integration policies, e.g. MIPEX-R scores.' },
  },
});

export enum Breakdown {
  TOTAL = 'TOTAL',
  NATIVE_BORN = 'NATIVE_BORN',
  FOREIGN_BORN = 'FOREIGN_BORN',
  EU_BORN = 'EU_BORN',
  NON_EU_BORN = 'NON_EU_BORN',
  NATIONALS = 'NATIONALS',
  FOREIGN_CITIZENS = 'FOREIGN_CITIZENS',
  NATIVE_MINUS_FOREIGN_BORN = 'NATIVE_MINUS_FOREIGN_BORN',
}

registerEnumType(Breakdown, {
  name: 'Breakdown',
  description: 'The population group an observation describes (by country of birth or citizenship).',
  valuesConfig: {
    TOTAL: { description: 'Whole population.' },
    NATIVE_BORN: { description: 'Persons born in the reporting country (Eurostat c_birth=NAT).' },
    FOREIGN_BORN: { description: 'Persons born in another country (Eurostat c_birth=FOR).' },
    EU_BORN: { description: 'Persons born in another EU-27 country (Eurostat c_birth=EU27_2020_FOR).' },
    NON_EU_BORN: { description: 'Persons born outside the EU-27 (Eurostat c_birth=NEU27_2020_FOR).' },
    NATIONALS: { description: 'Citizens of the reporting country (Eurostat citizen=NAT).' },
    FOREIGN_CITIZENS: {
      description: 'Persons without the citizenship of the reporting country (citizen=FOR).',
    },
    NATIVE_MINUS_FOREIGN_BORN: {
      description: 'The value for native-born minus the value for foreign-born persons (a derived gap).',
    },
  },
});

export enum ObservationStatus {
  NONE = 'NONE',
  PROVISIONAL = 'PROVISIONAL',
  ESTIMATED = 'ESTIMATED',
  LOW_RELIABILITY = 'LOW_RELIABILITY',
  BREAK_IN_SERIES = 'BREAK_IN_SERIES',
  SUPPRESSED = 'SUPPRESSED',
}

registerEnumType(ObservationStatus, {
  name: 'ObservationStatus',
  description:
    'Quality flag of an observation (after the Eurostat flags). The Eurostat import carries no flags: NONE.',
  valuesConfig: {
    NONE: { description: 'No flag: a regular value.' },
    PROVISIONAL: { description: 'Provisional value (Eurostat flag p).' },
    ESTIMATED: { description: 'Estimated value (Eurostat flag e).' },
    LOW_RELIABILITY: { description: 'Low reliability, e.g. a small survey sample (Eurostat flag u).' },
    BREAK_IN_SERIES: { description: 'Break in the time series (Eurostat flag b).' },
    SUPPRESSED: { description: 'Value withheld (confidential or unreliable): `value` is null.' },
  },
});

export enum RankingOrder {
  VALUE_DESC = 'VALUE_DESC',
  VALUE_ASC = 'VALUE_ASC',
}

registerEnumType(RankingOrder, {
  name: 'RankingOrder',
  description: 'Order of a ranking: by value, ties by region code.',
  valuesConfig: {
    VALUE_DESC: { description: 'Highest value first.' },
    VALUE_ASC: { description: 'Lowest value first.' },
  },
});

/** The languages the hub labels indicators in; the lower-case code is the `Accept-Language` tag. */
export enum Language {
  EN = 'en',
  FR = 'fr',
  DE = 'de',
}

registerEnumType(Language, {
  name: 'Language',
  description:
    'A language the hub labels indicators in (names, descriptions, units, population groups): the three Eurostat publishes its labels in.',
  valuesConfig: {
    EN: { description: 'English.' },
    FR: { description: 'French.' },
    DE: { description: 'German.' },
  },
});
