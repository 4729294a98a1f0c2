import type { PageLanguage } from './html';

/** The dashboard's own words (labels of the data itself come from the graph in the page's language). */
export interface DashboardText {
  title: string;
  intro: string;
  skip: string;
  filters: string;
  indicator: string;
  breakdown: string;
  breakdownDefault: string;
  period: string;
  periodHint: string;
  language: string;
  show: string;
  periodChosen: (period: number) => string;
  periodDefault: (period: number) => string;
  periodNone: string;
  mapTitle: (indicator: string, breakdown: string, period: string) => string;
  mapDescription: (withValue: number, total: number) => string;
  legend: string;
  regionsCount: (count: number) => string;
  noData: string;
  noOutline: string;
  insets: string;
  tableCaption: (indicator: string, breakdown: string, period: string) => string;
  region: string;
  value: string;
  rank: string;
  sortHint: string;
  downloads: string;
  downloadCsv: string;
  downloadSvg: string;
  downloadPng: string;
  downloadAll: string;
  source: string;
  geometrySource: string;
  errorTitle: string;
  errorBack: string;
  unavailable: string;
}

export const DASHBOARD_TEXT: Readonly<Record<PageLanguage, DashboardText>> = {
  en: {
    title: 'Migrant integration in the regions of Europe',
    intro:
      'One indicator of migrant integration over the NUTS 2 regions: a map, its classes and the regions ranked.',
    skip: 'Skip to content',
    filters: 'Choose what to show',
    indicator: 'Indicator',
    breakdown: 'Population group',
    breakdownDefault: "the indicator's main group",
    period: 'Year',
    periodHint: 'empty: the latest year with values for at least half of the regions',
    language: 'Language',
    show: 'Show',
    periodChosen: (period) => `Year ${period} (as chosen).`,
    periodDefault: (period) =>
      `Year ${period}: the latest year with values for at least half of the regions.`,
    periodNone: 'No region has a value for this choice.',
    mapTitle: (indicator, breakdown, period) => `${indicator}, ${breakdown}, ${period}, by NUTS 2 region`,
    mapDescription: (withValue, total) =>
      `Map of ${total} NUTS 2 regions; ${withValue} have a value, coloured by class; the others are hatched. The table next to the map lists the same figures.`,
    legend: 'Classes (quantiles)',
    regionsCount: (count) => `${count} ${count === 1 ? 'region' : 'regions'}`,
    noData: 'no data',
    noOutline: 'no outline on the map',
    insets: 'Far from the mainland (own scale)',
    tableCaption: (indicator, breakdown, period) => `${indicator}, ${breakdown}, ${period}: regions ranked`,
    region: 'Region',
    value: 'Value',
    rank: 'Rank',
    sortHint: 'Select a column heading to sort the table.',
    downloads: 'Downloads',
    downloadCsv: 'Table as CSV',
    downloadSvg: 'Map as SVG',
    downloadPng: 'Map as PNG',
    downloadAll: 'All observations of this indicator (CSV export)',
    source: 'Source',
    geometrySource:
      'Boundaries: © EuroGeographics for the administrative boundaries (GISCO NUTS 2021, 1:60 million).',
    errorTitle: 'This dashboard cannot be shown',
    errorBack: 'Back to the dashboard',
    unavailable: 'The data could not be loaded right now. Please try again later.',
  },
  fr: {
    title: "L'intégration des migrants dans les régions d'Europe",
    intro:
      "Un indicateur de l'intégration des migrants dans les régions NUTS 2 : une carte, ses classes et le classement des régions.",
    skip: 'Aller au contenu',
    filters: 'Choisir ce qui est affiché',
    indicator: 'Indicateur',
    breakdown: 'Groupe de population',
    breakdownDefault: "le groupe principal de l'indicateur",
    period: 'Année',
    periodHint: 'vide : la dernière année avec des valeurs pour au moins la moitié des régions',
    language: 'Langue',
    show: 'Afficher',
    periodChosen: (period) => `Année ${period} (choisie).`,
    periodDefault: (period) =>
      `Année ${period} : la dernière année avec des valeurs pour au moins la moitié des régions.`,
    periodNone: "Aucune région n'a de valeur pour ce choix.",
    mapTitle: (indicator, breakdown, period) => `${indicator}, ${breakdown}, ${period}, par région NUTS 2`,
    mapDescription: (withValue, total) =>
      `Carte de ${total} régions NUTS 2 ; ${withValue} ont une valeur, colorée selon sa classe ; les autres sont hachurées. Le tableau à côté de la carte donne les mêmes chiffres.`,
    legend: 'Classes (quantiles)',
    regionsCount: (count) => `${count} ${count <= 1 ? 'région' : 'régions'}`,
    noData: 'pas de donnée',
    noOutline: 'pas de contour sur la carte',
    insets: 'Loin du continent (échelle propre)',
    tableCaption: (indicator, breakdown, period) =>
      `${indicator}, ${breakdown}, ${period} : classement des régions`,
    region: 'Région',
    value: 'Valeur',
    rank: 'Rang',
    sortHint: "Choisissez l'en-tête d'une colonne pour trier le tableau.",
    downloads: 'Téléchargements',
    downloadCsv: 'Tableau en CSV',
    downloadSvg: 'Carte en SVG',
    downloadPng: 'Carte en PNG',
    downloadAll: 'Toutes les observations de cet indicateur (export CSV)',
    source: 'Source',
    geometrySource:
      'Limites : © EuroGeographics pour les limites administratives (GISCO NUTS 2021, 1:60 millions).',
    errorTitle: 'Ce tableau de bord ne peut pas être affiché',
    errorBack: 'Retour au tableau de bord',
    unavailable: 'Les données ne peuvent pas être chargées pour le moment. Veuillez réessayer plus tard.',
  },
  de: {
    title: 'Integration von Migrantinnen und Migranten in den Regionen Europas',
    intro:
      'Ein Indikator der Integration über die NUTS-2-Regionen: eine Karte, ihre Klassen und die Rangfolge der Regionen.',
    skip: 'Zum Inhalt springen',
    filters: 'Auswahl',
    indicator: 'Indikator',
    breakdown: 'Bevölkerungsgruppe',
    breakdownDefault: 'die Hauptgruppe des Indikators',
    period: 'Jahr',
    periodHint: 'leer: das letzte Jahr mit Werten für mindestens die Hälfte der Regionen',
    language: 'Sprache',
    show: 'Anzeigen',
    periodChosen: (period) => `Jahr ${period} (ausgewählt).`,
    periodDefault: (period) =>
      `Jahr ${period}: das letzte Jahr mit Werten für mindestens die Hälfte der Regionen.`,
    periodNone: 'Für diese Auswahl hat keine Region einen Wert.',
    mapTitle: (indicator, breakdown, period) => `${indicator}, ${breakdown}, ${period}, nach NUTS-2-Region`,
    mapDescription: (withValue, total) =>
      `Karte von ${total} NUTS-2-Regionen; ${withValue} haben einen Wert, nach Klasse eingefärbt; die übrigen sind schraffiert. Die Tabelle neben der Karte enthält dieselben Zahlen.`,
    legend: 'Klassen (Quantile)',
    regionsCount: (count) => `${count} ${count === 1 ? 'Region' : 'Regionen'}`,
    noData: 'keine Daten',
    noOutline: 'ohne Umriss auf der Karte',
    insets: 'Fern vom Festland (eigener Maßstab)',
    tableCaption: (indicator, breakdown, period) =>
      `${indicator}, ${breakdown}, ${period}: Rangfolge der Regionen`,
    region: 'Region',
    value: 'Wert',
    rank: 'Rang',
    sortHint: 'Eine Spaltenüberschrift wählen, um die Tabelle zu sortieren.',
    downloads: 'Downloads',
    downloadCsv: 'Tabelle als CSV',
    downloadSvg: 'Karte als SVG',
    downloadPng: 'Karte als PNG',
    downloadAll: 'Alle Beobachtungen dieses Indikators (CSV-Export)',
    source: 'Quelle',
    geometrySource:
      'Grenzen: © EuroGeographics für die Verwaltungsgrenzen (GISCO NUTS 2021, 1:60 Millionen).',
    errorTitle: 'Dieses Dashboard kann nicht angezeigt werden',
    errorBack: 'Zurück zum Dashboard',
    unavailable: 'Die Daten können gerade nicht geladen werden. Bitte später erneut versuchen.',
  },
};
