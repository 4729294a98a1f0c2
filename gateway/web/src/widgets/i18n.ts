/**
 * The widgets' languages. Interface text exists in English, French and German (the languages the hub's
 * indicator labels come in, from Eurostat); a page in any other language gets English text, English dates
 * and English numbers rather than a mix of two languages. The data itself (titles, names) is shown as the hub
 * has it, except indicator labels, which the graph gives in each of the three languages.
 */
export type UiLanguage = 'en' | 'fr' | 'de';

const EN = {
  // <hub-events>
  upcoming: 'Upcoming events',
  past: 'Past events',
  all: 'Events',
  none: 'No events to show.',
  noneUpcoming: 'No upcoming events.',
  failed: 'The events could not be loaded.',
  updated: 'The list was updated.',
  cancelled: 'Cancelled',
  online: 'Online',
  hybrid: 'In person and online',
  allDay: 'all day',
  // <hub-indicator>
  indicatorFailed: 'The figure could not be loaded.',
  indicatorUpdated: 'The figure was updated.',
  noValue: 'No value published',
  source: 'Source',
  // <hub-map>
  resources: 'Library resources per region',
  noData: 'no data',
  region: 'Region',
  value: 'Value',
  points: 'located practices',
  mapFailed: 'The map could not be loaded.',
  table: 'Figures of the map',
  // <hub-profile>
  profileFailed: 'The region profile could not be loaded.',
  profileNotFound: 'There is no region with this code.',
  // all
  loading: 'Loading…',
};

/** Every text of the widgets, by key. */
export type Texts = Readonly<Record<keyof typeof EN, string>>;

const TEXT: Readonly<Record<UiLanguage, Texts>> = {
  en: EN,
  fr: {
    upcoming: 'Événements à venir',
    past: 'Événements passés',
    all: 'Événements',
    none: 'Aucun événement.',
    noneUpcoming: 'Aucun événement à venir.',
    failed: 'Impossible de charger les événements.',
    updated: 'La liste a été mise à jour.',
    cancelled: 'Annulé',
    online: 'En ligne',
    hybrid: 'Sur place et en ligne',
    allDay: 'toute la journée',
    indicatorFailed: 'Impossible de charger le chiffre.',
    indicatorUpdated: 'Le chiffre a été mis à jour.',
    noValue: 'Aucune valeur publiée',
    source: 'Source',
    resources: 'Ressources de la bibliothèque par région',
    noData: 'pas de donnée',
    region: 'Région',
    value: 'Valeur',
    points: 'pratiques localisées',
    mapFailed: 'Impossible de charger la carte.',
    table: 'Chiffres de la carte',
    profileFailed: 'Impossible de charger le profil de la région.',
    profileNotFound: 'Aucune région ne porte ce code.',
    loading: 'Chargement…',
  },
  de: {
    upcoming: 'Kommende Veranstaltungen',
    past: 'Vergangene Veranstaltungen',
    all: 'Veranstaltungen',
    none: 'Keine Veranstaltungen.',
    noneUpcoming: 'Keine kommenden Veranstaltungen.',
    failed: 'Die Veranstaltungen konnten nicht geladen werden.',
    updated: 'Die Liste wurde aktualisiert.',
    cancelled: 'Abgesagt',
    online: 'Online',
    hybrid: 'Vor Ort und online',
    allDay: 'ganztägig',
    indicatorFailed: 'Der Wert konnte nicht geladen werden.',
    indicatorUpdated: 'Der Wert wurde aktualisiert.',
    noValue: 'Kein Wert veröffentlicht',
    source: 'Quelle',
    resources: 'Ressourcen der Bibliothek je Region',
    noData: 'keine Daten',
    region: 'Region',
    value: 'Wert',
    points: 'verortete Praktiken',
    mapFailed: 'Die Karte konnte nicht geladen werden.',
    table: 'Zahlen der Karte',
    profileFailed: 'Das Regionalprofil konnte nicht geladen werden.',
    profileNotFound: 'Es gibt keine Region mit diesem Code.',
    loading: 'Wird geladen…',
  },
};

/** The language a widget works in. */
export interface Language {
  /** Interface text language. */
  ui: UiLanguage;
  /** BCP 47 tag for Intl (dates, numbers): the page's own tag, e.g. "fr-BE", when its language is supported. */
  locale: string;
  /** The graph's `Language` enum value (indicator labels). */
  graph: 'EN' | 'FR' | 'DE';
  /** Interface texts. */
  text: Texts;
}

function isUiLanguage(code: string): code is UiLanguage {
  return code === 'en' || code === 'fr' || code === 'de';
}

/** A valid BCP 47 tag in canonical form, or undefined (Intl throws a RangeError on anything else). */
function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * The element's language: its own `lang` attribute, else the nearest ancestor's (e.g. `<html lang="fr">`),
 * else English.
 */
export function languageOf(element: Element): Language {
  const tagged = element.closest('[lang]');
  const requested = (tagged?.getAttribute('lang') || document.documentElement.lang || 'en').trim();
  const tag = canonicalTag(requested);
  const primary = tag?.split('-')[0]?.toLowerCase() ?? '';
  const ui = isUiLanguage(primary) ? primary : 'en';
  return {
    ui,
    locale: ui === primary && tag ? tag : ui,
    graph: ui === 'fr' ? 'FR' : ui === 'de' ? 'DE' : 'EN',
    text: TEXT[ui],
  };
}
