import { Breakdown, IndicatorUnit } from '../entities/enums';

/**
 * Labels of the indicators, units, population groups and datasets in English, French and German (the three
 * languages Eurostat publishes its labels in). English is the catalogue's own text (`catalogue.data.ts`); every
 * French and German block says where its text comes from. Where no official Eurostat text was found, the hub
 * translated it and says so: such a label is a translation, never a quotation of Eurostat.
 */

/** The languages the hub labels indicators in (lower-case ISO 639-1, as in `Accept-Language`). */
export const LABEL_LANGUAGES = ['en', 'fr', 'de'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

/** One text in each language. */
export type Localised = Readonly<Record<LabelLanguage, string>>;

/**
 * Names and descriptions of the seeded indicators in French and German, by indicator code (English: the
 * catalogue). Translated by the hub from the catalogue's English text (no official Eurostat wording of these
 * hub-defined indicators exists: the hub chose their scope, e.g. the age band and the breakdowns).
 */
export const INDICATOR_TEXTS: Readonly<
  Record<string, { name: Omit<Localised, 'en'>; description: Omit<Localised, 'en'> }>
> = {
  population_15_64: {
    name: {
      fr: 'Population âgée de 15 à 64 ans',
      de: 'Bevölkerung im Alter von 15 bis 64 Jahren',
    },
    description: {
      fr: 'Population âgée de 15 à 64 ans vivant dans des ménages privés, en milliers (enquête sur les forces de travail de l’UE ; sex=T, wstatus=POP).',
      de: 'Bevölkerung im Alter von 15 bis 64 Jahren in privaten Haushalten, in Tausend (Arbeitskräfteerhebung der EU; sex=T, wstatus=POP).',
    },
  },
  population_share_15_64: {
    name: {
      fr: 'Part dans la population âgée de 15 à 64 ans',
      de: 'Anteil an der Bevölkerung im Alter von 15 bis 64 Jahren',
    },
    description: {
      fr: 'Part d’un groupe de population dans la population âgée de 15 à 64 ans vivant dans des ménages privés, en pourcentage : FOREIGN_BORN = 100 × nés à l’étranger / total (lfst_r_lfsd2pwc, c_birth=FOR, arrondi à 0,1), NON_EU_BORN = 100 × nés hors de l’UE / total (c_birth=NEU27_2020_FOR), FOREIGN_CITIZENS = 100 × ressortissants étrangers / total (lfst_r_lfsd2pwn, citizen=FOR). Valeur dérivée : calculée par le projet compilateur (GitHub CrispStrobe/bw-datenatlas) à partir de données d’Eurostat, non publiée telle quelle par Eurostat.',
      de: 'Anteil einer Bevölkerungsgruppe an der Bevölkerung im Alter von 15 bis 64 Jahren in privaten Haushalten, in Prozent: FOREIGN_BORN = 100 × im Ausland Geborene / insgesamt (lfst_r_lfsd2pwc, c_birth=FOR, auf 0,1 gerundet), NON_EU_BORN = 100 × außerhalb der EU Geborene / insgesamt (c_birth=NEU27_2020_FOR), FOREIGN_CITIZENS = 100 × ausländische Staatsangehörige / insgesamt (lfst_r_lfsd2pwn, citizen=FOR). Abgeleiteter Wert: vom zusammenstellenden Projekt (GitHub CrispStrobe/bw-datenatlas) aus Eurostat-Daten berechnet, von Eurostat nicht als solcher veröffentlicht.',
    },
  },
  employment_rate_20_64: {
    name: {
      fr: 'Taux d’emploi des 20-64 ans',
      de: 'Erwerbstätigenquote der 20- bis 64-Jährigen',
    },
    description: {
      fr: 'Personnes ayant un emploi en pourcentage de la population âgée de 20 à 64 ans, tous niveaux d’éducation confondus (enquête sur les forces de travail de l’UE).',
      de: 'Erwerbstätige in Prozent der Bevölkerung im Alter von 20 bis 64 Jahren, alle Bildungsniveaus (Arbeitskräfteerhebung der EU).',
    },
  },
  employment_gap_20_64: {
    name: {
      fr: 'Écart de taux d’emploi entre personnes nées dans le pays et nées à l’étranger, 20-64 ans',
      de: 'Beschäftigungslücke zwischen im Inland und im Ausland Geborenen, 20 bis 64 Jahre',
    },
    description: {
      fr: 'Taux d’emploi des personnes nées dans le pays moins celui des personnes nées à l’étranger, âgées de 20 à 64 ans, en points de pourcentage (lfst_r_lfe2emprc) ; positif = les personnes nées à l’étranger ont moins souvent un emploi. Valeur dérivée : calculée par le projet compilateur (GitHub CrispStrobe/bw-datenatlas) à partir de données d’Eurostat, non publiée telle quelle par Eurostat.',
      de: 'Erwerbstätigenquote der im Inland Geborenen minus die der im Ausland Geborenen im Alter von 20 bis 64 Jahren, in Prozentpunkten (lfst_r_lfe2emprc); positiv = im Ausland Geborene sind seltener erwerbstätig. Abgeleiteter Wert: vom zusammenstellenden Projekt (GitHub CrispStrobe/bw-datenatlas) aus Eurostat-Daten berechnet, von Eurostat nicht als solcher veröffentlicht.',
    },
  },
  unemployment_rate_15_74: {
    name: {
      fr: 'Taux de chômage des 15-74 ans',
      de: 'Arbeitslosenquote der 15- bis 74-Jährigen',
    },
    description: {
      fr: 'Chômeurs en pourcentage de la population active âgée de 15 à 74 ans (enquête sur les forces de travail de l’UE).',
      de: 'Arbeitslose in Prozent der Erwerbspersonen im Alter von 15 bis 74 Jahren (Arbeitskräfteerhebung der EU).',
    },
  },
  net_migration_rate: {
    name: {
      fr: 'Taux brut de migration nette plus ajustement',
      de: 'Rohe Rate des Wanderungssaldos plus Korrektur',
    },
    description: {
      fr: 'Migration nette plus ajustement statistique pour 1 000 habitants (Eurostat indic_de=CNMIGRATRT) ; négatif = plus de départs que d’arrivées. Une valeur plus élevée n’est ni meilleure ni moins bonne.',
      de: 'Wanderungssaldo plus statistische Korrektur je 1 000 Einwohner (Eurostat indic_de=CNMIGRATRT); negativ = mehr Fort- als Zuzüge. Ein höherer Wert ist weder besser noch schlechter.',
    },
  },
};

/**
 * Units as people read them. English: the wording of the dataset's `.meta.json` (Eurostat's unit labels);
 * French and German: translated by the hub.
 */
export const UNIT_LABELS: Readonly<Record<IndicatorUnit, Localised>> = {
  [IndicatorUnit.PERCENT]: { en: '%', fr: '%', de: '%' },
  [IndicatorUnit.PERCENTAGE_POINTS]: {
    en: 'percentage points',
    fr: 'points de pourcentage',
    de: 'Prozentpunkte',
  },
  [IndicatorUnit.THOUSAND_PERSONS]: {
    en: 'thousand persons',
    fr: 'milliers de personnes',
    de: 'Tausend Personen',
  },
  [IndicatorUnit.PER_1000_INHABITANTS]: {
    en: 'per 1000 inhabitants',
    fr: 'pour 1 000 habitants',
    de: 'je 1 000 Einwohner',
  },
  [IndicatorUnit.SCORE]: { en: 'score', fr: 'score', de: 'Punktwert' },
};

/**
 * Population groups. English: built on Eurostat's English labels of the c_birth / citizen codes behind each
 * breakdown (Eurostat label, as quoted by public scripts that label Eurostat's c_birth and citizen code lists:
 * NAT "Reporting country", FOR "Foreign country", EU27_2020_FOR "EU27 countries (from 2020) except reporting
 * country", NEU27_2020_FOR "Non-EU27 countries (from 2020) nor reporting country"), worded as a group of persons
 * ("Born in the reporting country") since a label here names people, not a country. French and German:
 * translated by the hub (no official Eurostat French or German text of these codes was found). TOTAL and the
 * derived gap: the hub's own wording.
 */
export const BREAKDOWN_LABELS: Readonly<Record<Breakdown, Localised>> = {
  [Breakdown.TOTAL]: { en: 'Total', fr: 'Total', de: 'Insgesamt' },
  [Breakdown.NATIVE_BORN]: {
    en: 'Born in the reporting country',
    fr: 'Nés dans le pays déclarant',
    de: 'Im Meldeland geboren',
  },
  [Breakdown.FOREIGN_BORN]: {
    en: 'Born in a foreign country',
    fr: 'Nés à l’étranger',
    de: 'Im Ausland geboren',
  },
  [Breakdown.EU_BORN]: {
    en: 'Born in another EU-27 country (from 2020)',
    fr: 'Nés dans un autre pays de l’UE-27 (à partir de 2020)',
    de: 'In einem anderen EU-27-Land geboren (ab 2020)',
  },
  [Breakdown.NON_EU_BORN]: {
    en: 'Born outside the EU-27 (from 2020)',
    fr: 'Nés hors de l’UE-27 (à partir de 2020)',
    de: 'Außerhalb der EU-27 geboren (ab 2020)',
  },
  [Breakdown.NATIONALS]: {
    en: 'Citizens of the reporting country',
    fr: 'Ressortissants du pays déclarant',
    de: 'Staatsangehörige des Meldelandes',
  },
  [Breakdown.FOREIGN_CITIZENS]: {
    en: 'Foreign citizens',
    fr: 'Ressortissants étrangers',
    de: 'Ausländische Staatsangehörige',
  },
  [Breakdown.NATIVE_MINUS_FOREIGN_BORN]: {
    en: 'Born in the reporting country minus born in a foreign country',
    fr: 'Nés dans le pays déclarant moins nés à l’étranger',
    de: 'Im Meldeland Geborene minus im Ausland Geborene',
  },
};

/**
 * Titles of the Eurostat datasets behind the indicators. English: the catalogue's `datasetLabel` (Eurostat's
 * English title). French and German: translated by the hub (the official Eurostat titles in these languages
 * were not found in the sources the hub could search; replace them with Eurostat's when at hand).
 */
export const DATASET_TITLES: Readonly<Record<string, Omit<Localised, 'en'>>> = {
  lfst_r_lfsd2pwc: {
    fr: 'Population des ménages privés par pays de naissance, statut au regard de l’emploi et région NUTS 2',
    de: 'Bevölkerung in privaten Haushalten nach Geburtsland, Erwerbsstatus und NUTS-2-Region',
  },
  lfst_r_lfsd2pwn: {
    fr: 'Population des ménages privés par nationalité, statut au regard de l’emploi et région NUTS 2',
    de: 'Bevölkerung in privaten Haushalten nach Staatsangehörigkeit, Erwerbsstatus und NUTS-2-Region',
  },
  lfst_r_lfe2emprc: {
    fr: 'Taux d’emploi par niveau d’éducation atteint, pays de naissance et région NUTS 2',
    de: 'Erwerbstätigenquoten nach Bildungsabschluss, Geburtsland und NUTS-2-Region',
  },
  lfst_r_lfur2gac: {
    fr: 'Taux de chômage par pays de naissance et région NUTS 2',
    de: 'Arbeitslosenquoten nach Geburtsland und NUTS-2-Region',
  },
  tgs00099: {
    fr: 'Évolution de la population par région NUTS 2 - Taux bruts de variation totale, d’accroissement naturel et de migration nette plus ajustement',
    de: 'Bevölkerungsveränderung nach NUTS-2-Region - Rohe Raten der Gesamtveränderung, der natürlichen Veränderung und des Wanderungssaldos plus Korrektur',
  },
};

/** The member states of the EU-27, as NUTS level-0 codes (EL for Greece), since 1 February 2020. */
export const EU27_COUNTRIES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'EL',
  'ES',
  'FI',
  'FR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

/** "Median and range of the n NUTS 2 regions of X", labelled as what it is (never a national rate). */
export function valueRangeLabel(language: LabelLanguage, regionCount: number, area: string | null): string {
  const one = regionCount === 1;
  switch (language) {
    case 'fr':
      return `médiane et étendue ${one ? 'de la' : 'des'} ${regionCount} ${one ? 'région' : 'régions'} NUTS 2 ${area ? `de ${area}` : 'de l’UE-27'}`;
    case 'de':
      return `Median und Spannweite der ${regionCount} ${one ? 'NUTS-2-Region' : 'NUTS-2-Regionen'} ${area ? `von ${area}` : 'der EU-27'}`;
    default:
      return `median and range of the ${regionCount} NUTS 2 ${one ? 'region' : 'regions'} of ${area ?? 'the EU-27'}`;
  }
}
