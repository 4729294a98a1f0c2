import type { PageLanguage } from './html';

/** The profile page's own words (indicator names, descriptions and units come from the graph). */
export interface ProfileMessages {
  hubName: string;
  skipLink: string;
  breadcrumb: string;
  languages: string;
  level: (level: number) => string;
  nationalName: string;
  latinName: string;
  code: string;
  country: string;
  hierarchy: string;
  partOf: string;
  subdivisions: string;
  noSubdivisions: string;
  map: string;
  mapAlt: (name: string) => string;
  noGeometry: string;
  indicators: string;
  indicatorsCaption: (name: string) => string;
  noIndicators: string;
  breakdown: string;
  period: string;
  value: string;
  rank: string;
  rankOf: (rank: number, count: number) => string;
  countryContext: string;
  euContext: string;
  contextCell: (median: string, min: string, max: string, count: number) => string;
  notAvailable: string;
  suppressed: string;
  status: Record<string, string>;
  source: string;
  events: string;
  upcomingEvents: string;
  recentEvents: string;
  noUpcomingEvents: string;
  noRecentEvents: string;
  eventsCaption: (which: string) => string;
  date: string;
  title: string;
  kind: string;
  cancelled: string;
  discussions: string;
  discussionsCaption: string;
  noDiscussions: string;
  posts: string;
  lastActivity: string;
  consultations: string;
  consultationsCaption: string;
  noConsultations: string;
  closes: string;
  needs: string;
  needsCaption: string;
  noNeeds: string;
  policyArea: string;
  severity: string;
  responses: string;
  resources: string;
  resourcesCaption: string;
  noResources: string;
  published: string;
  pairings: string;
  pairingsCaption: string;
  noPairings: string;
  /** In place of a section whose source did not answer (the rest of the page is current). */
  sectionUnavailable: string;
  mentor: string;
  mentee: string;
  programme: string;
  total: (shown: number, total: number) => string;
  licences: string;
  /** Words for the graph's enum values (event kinds, statuses, policy areas); others are shown as words of the value. */
  enums: Readonly<Record<string, string>>;
  boundariesAttribution: string;
  contextNote: string;
  notFoundTitle: string;
  notFound: (code: string) => string;
  badCodeTitle: string;
  badCode: string;
  unavailableTitle: string;
  unavailable: string;
  backHome: string;
}

const en: ProfileMessages = {
  hubName: 'Integration Partnership Hub',
  skipLink: 'Skip to content',
  breadcrumb: 'Where the region lies',
  languages: 'Languages',
  level: (level) => (level === 0 ? 'Country' : `NUTS ${level} region`),
  nationalName: 'Name in the national language',
  latinName: 'Name in Latin script',
  code: 'Code',
  country: 'Country',
  hierarchy: 'Place in the classification',
  partOf: 'Part of',
  subdivisions: 'Subdivisions',
  noSubdivisions: 'No subdivisions.',
  map: 'Outline',
  mapAlt: (name) => `Outline of ${name}`,
  noGeometry: 'No boundary is published for this region at this scale.',
  indicators: 'Indicators',
  indicatorsCaption: (name) => `Latest values for ${name}, with the rank among the regions of the country`,
  noIndicators: 'No indicator values are recorded for this region.',
  breakdown: 'Population group',
  period: 'Year',
  value: 'Value',
  rank: 'Rank in the country',
  rankOf: (rank, count) => `${rank} of ${count}`,
  countryContext: "Country's NUTS 2 regions",
  euContext: 'EU NUTS 2 regions',
  contextCell: (median, min, max, count) => `median ${median} (${min} to ${max}, ${count} regions)`,
  notAvailable: 'not available',
  suppressed: 'suppressed',
  status: {
    PROVISIONAL: 'provisional',
    ESTIMATED: 'estimated',
    LOW_RELIABILITY: 'low reliability',
    BREAK_IN_SERIES: 'break in series',
    SUPPRESSED: 'suppressed',
  },
  source: 'Source',
  events: 'Events',
  upcomingEvents: 'Upcoming events',
  recentEvents: 'Recent events',
  noUpcomingEvents: 'No upcoming events.',
  noRecentEvents: 'No past events.',
  eventsCaption: (which) => which,
  date: 'Date',
  title: 'Title',
  kind: 'Kind',
  cancelled: 'cancelled',
  discussions: 'Open discussions',
  discussionsCaption: 'Open discussions about the region, latest activity first',
  noDiscussions: 'No open discussions.',
  posts: 'Posts',
  lastActivity: 'Last activity',
  consultations: 'Consultations',
  consultationsCaption: 'Consultations concerning the region',
  noConsultations: 'No consultations.',
  closes: 'Closes',
  needs: 'Territorial needs',
  needsCaption: 'Latest published severity of need (1 none to 5 most severe)',
  noNeeds: 'No needs assessment has been published for this region.',
  policyArea: 'Policy area',
  severity: 'Severity',
  responses: 'Responses',
  resources: 'Library resources',
  resourcesCaption: 'Library resources about the region, newest first',
  noResources: 'No library resources.',
  published: 'Published',
  pairings: 'Pairings',
  pairingsCaption: 'Mentoring pairings with a territory in the region',
  noPairings: 'No pairings.',
  sectionUnavailable: 'This section is unavailable right now; please try again later.',
  mentor: 'Mentor',
  mentee: 'Mentee',
  programme: 'Programme',
  total: (shown, total) => `${shown} of ${total} shown.`,
  licences: 'Licences of the data',
  enums: {
    EU_FUNDING_2021_2027: 'EU funding 2021-2027',
    PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY: 'Participation and encounters with the host society',
    NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS: 'New technologies and digital tools',
  },
  boundariesAttribution: '© EuroGeographics for the administrative boundaries',
  contextNote:
    'The context columns give the median and range of the NUTS 2 regions with a value for the same year and group: they are not national rates.',
  notFoundTitle: 'Region not found',
  notFound: (code) => `There is no region with the code “${code}”.`,
  badCodeTitle: 'Not a region code',
  badCode:
    'A region code is a NUTS 2024 code such as “FRH0” (two letters, then up to three letters or digits).',
  unavailableTitle: 'Profile unavailable',
  unavailable: 'The profile could not be built right now. Please try again in a moment.',
  backHome: 'Back to the hub',
};

const fr: ProfileMessages = {
  hubName: 'Plateforme du partenariat pour l’intégration',
  skipLink: 'Aller au contenu',
  breadcrumb: 'Situation de la région',
  languages: 'Langues',
  level: (level) => (level === 0 ? 'Pays' : `Région NUTS ${level}`),
  nationalName: 'Nom dans la langue nationale',
  latinName: 'Nom en alphabet latin',
  code: 'Code',
  country: 'Pays',
  hierarchy: 'Place dans la nomenclature',
  partOf: 'Fait partie de',
  subdivisions: 'Subdivisions',
  noSubdivisions: 'Aucune subdivision.',
  map: 'Contour',
  mapAlt: (name) => `Contour de ${name}`,
  noGeometry: 'Aucune limite n’est publiée pour cette région à cette échelle.',
  indicators: 'Indicateurs',
  indicatorsCaption: (name) => `Dernières valeurs pour ${name}, avec le rang parmi les régions du pays`,
  noIndicators: 'Aucune valeur d’indicateur n’est enregistrée pour cette région.',
  breakdown: 'Groupe de population',
  period: 'Année',
  value: 'Valeur',
  rank: 'Rang dans le pays',
  rankOf: (rank, count) => `${rank} sur ${count}`,
  countryContext: 'Régions NUTS 2 du pays',
  euContext: 'Régions NUTS 2 de l’UE',
  contextCell: (median, min, max, count) => `médiane ${median} (de ${min} à ${max}, ${count} régions)`,
  notAvailable: 'non disponible',
  suppressed: 'confidentiel',
  status: {
    PROVISIONAL: 'provisoire',
    ESTIMATED: 'estimé',
    LOW_RELIABILITY: 'fiabilité faible',
    BREAK_IN_SERIES: 'rupture de série',
    SUPPRESSED: 'confidentiel',
  },
  source: 'Source',
  events: 'Événements',
  upcomingEvents: 'Événements à venir',
  recentEvents: 'Événements récents',
  noUpcomingEvents: 'Aucun événement à venir.',
  noRecentEvents: 'Aucun événement passé.',
  eventsCaption: (which) => which,
  date: 'Date',
  title: 'Titre',
  kind: 'Type',
  cancelled: 'annulé',
  discussions: 'Discussions ouvertes',
  discussionsCaption: 'Discussions ouvertes sur la région, activité la plus récente d’abord',
  noDiscussions: 'Aucune discussion ouverte.',
  posts: 'Messages',
  lastActivity: 'Dernière activité',
  consultations: 'Consultations',
  consultationsCaption: 'Consultations concernant la région',
  noConsultations: 'Aucune consultation.',
  closes: 'Clôture',
  needs: 'Besoins du territoire',
  needsCaption: 'Dernière gravité des besoins publiée (de 1 aucun à 5 très grave)',
  noNeeds: 'Aucune évaluation des besoins n’a été publiée pour cette région.',
  policyArea: 'Domaine d’action',
  severity: 'Gravité',
  responses: 'Réponses',
  resources: 'Ressources de la bibliothèque',
  resourcesCaption: 'Ressources de la bibliothèque sur la région, les plus récentes d’abord',
  noResources: 'Aucune ressource.',
  published: 'Publié le',
  pairings: 'Jumelages',
  pairingsCaption: 'Jumelages de mentorat avec un territoire de la région',
  noPairings: 'Aucun jumelage.',
  sectionUnavailable: 'Cette rubrique est momentanément indisponible ; veuillez réessayer plus tard.',
  mentor: 'Mentor',
  mentee: 'Mentoré',
  programme: 'Programme',
  total: (shown, total) => `${shown} sur ${total} affichés.`,
  licences: 'Licences des données',
  enums: {
    POLITICAL_ROUNDTABLE: 'Table ronde politique',
    PUBLIC_CONSULTATION: 'Consultation publique',
    FORUM_MEETING: 'Réunion du forum',
    WORKSHOP: 'Atelier',
    TRAINING: 'Formation',
    STUDY_VISIT: 'Visite d’étude',
    MENTORING: 'Mentorat',
    EXCHANGE_PROGRAMME: 'Programme d’échange',
    CONFERENCE: 'Conférence',
    GOOD_PRACTICE: 'Bonne pratique',
    TRAINING_MATERIAL: 'Matériel de formation',
    STUDY: 'Étude',
    TOOLKIT: 'Boîte à outils',
    REPORT: 'Rapport',
    DATASET: 'Jeu de données',
    OPEN: 'Ouverte',
    CLOSED: 'Clôturée',
    RESULTS_PUBLISHED: 'Résultats publiés',
    ACTIVE: 'en cours',
    COMPLETED: 'terminé',
    EDUCATION_AND_TRAINING: 'Éducation et formation',
    EMPLOYMENT_AND_SKILLS: 'Emploi et compétences',
    HEALTH: 'Santé',
    HOUSING: 'Logement',
    PLENARY: 'Session plénière',
    WEBINAR: 'Webinaire',
    DRAFT: 'Brouillon',
    PUBLISHED: 'Publié',
    CANCELLED: 'Annulé',
    PROPOSED: 'proposé',
    ACCEPTED: 'accepté',
    DECLINED: 'refusé',
    WITHDRAWN: 'retiré',
    PARTNERSHIPS: 'Partenariats',
    EU_FUNDING_2021_2027: 'Financements de l’UE 2021-2027',
    PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY: 'Participation et rencontres avec la société d’accueil',
    NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS: 'Nouvelles technologies et outils numériques',
    MONITORING_PROGRESS: 'Suivi des progrès',
    COMMUNITY_SPONSORSHIP: 'Parrainage communautaire',
  },
  boundariesAttribution: '© EuroGeographics pour les limites administratives',
  contextNote:
    'Les colonnes de contexte donnent la médiane et l’étendue des régions NUTS 2 ayant une valeur pour la même année et le même groupe : ce ne sont pas des taux nationaux.',
  notFoundTitle: 'Région introuvable',
  notFound: (code) => `Aucune région n’a le code « ${code} ».`,
  badCodeTitle: 'Code de région non valide',
  badCode:
    'Un code de région est un code NUTS 2024 comme « FRH0 » (deux lettres, puis jusqu’à trois lettres ou chiffres).',
  unavailableTitle: 'Profil indisponible',
  unavailable: 'Le profil ne peut pas être construit pour le moment. Veuillez réessayer dans un instant.',
  backHome: 'Retour à la plateforme',
};

const de: ProfileMessages = {
  hubName: 'Plattform der Integrationspartnerschaft',
  skipLink: 'Zum Inhalt springen',
  breadcrumb: 'Lage der Region',
  languages: 'Sprachen',
  level: (level) => (level === 0 ? 'Land' : `NUTS-${level}-Region`),
  nationalName: 'Name in der Landessprache',
  latinName: 'Name in lateinischer Schrift',
  code: 'Code',
  country: 'Land',
  hierarchy: 'Stellung in der Systematik',
  partOf: 'Teil von',
  subdivisions: 'Untergliederung',
  noSubdivisions: 'Keine Untergliederung.',
  map: 'Umriss',
  mapAlt: (name) => `Umriss von ${name}`,
  noGeometry: 'Für diese Region ist in diesem Maßstab keine Grenze veröffentlicht.',
  indicators: 'Indikatoren',
  indicatorsCaption: (name) => `Neueste Werte für ${name}, mit dem Rang unter den Regionen des Landes`,
  noIndicators: 'Für diese Region sind keine Indikatorwerte erfasst.',
  breakdown: 'Bevölkerungsgruppe',
  period: 'Jahr',
  value: 'Wert',
  rank: 'Rang im Land',
  rankOf: (rank, count) => `${rank} von ${count}`,
  countryContext: 'NUTS-2-Regionen des Landes',
  euContext: 'NUTS-2-Regionen der EU',
  contextCell: (median, min, max, count) => `Median ${median} (${min} bis ${max}, ${count} Regionen)`,
  notAvailable: 'nicht verfügbar',
  suppressed: 'gesperrt',
  status: {
    PROVISIONAL: 'vorläufig',
    ESTIMATED: 'geschätzt',
    LOW_RELIABILITY: 'geringe Zuverlässigkeit',
    BREAK_IN_SERIES: 'Zeitreihenbruch',
    SUPPRESSED: 'gesperrt',
  },
  source: 'Quelle',
  events: 'Veranstaltungen',
  upcomingEvents: 'Kommende Veranstaltungen',
  recentEvents: 'Letzte Veranstaltungen',
  noUpcomingEvents: 'Keine kommenden Veranstaltungen.',
  noRecentEvents: 'Keine vergangenen Veranstaltungen.',
  eventsCaption: (which) => which,
  date: 'Datum',
  title: 'Titel',
  kind: 'Art',
  cancelled: 'abgesagt',
  discussions: 'Offene Diskussionen',
  discussionsCaption: 'Offene Diskussionen über die Region, neueste Aktivität zuerst',
  noDiscussions: 'Keine offenen Diskussionen.',
  posts: 'Beiträge',
  lastActivity: 'Letzte Aktivität',
  consultations: 'Konsultationen',
  consultationsCaption: 'Konsultationen zur Region',
  noConsultations: 'Keine Konsultationen.',
  closes: 'Endet',
  needs: 'Bedarfe der Region',
  needsCaption: 'Zuletzt veröffentlichte Schwere des Bedarfs (1 keiner bis 5 sehr hoch)',
  noNeeds: 'Für diese Region wurde keine Bedarfserhebung veröffentlicht.',
  policyArea: 'Politikbereich',
  severity: 'Schwere',
  responses: 'Antworten',
  resources: 'Ressourcen der Bibliothek',
  resourcesCaption: 'Ressourcen der Bibliothek über die Region, neueste zuerst',
  noResources: 'Keine Ressourcen.',
  published: 'Veröffentlicht',
  pairings: 'Partnerschaften',
  pairingsCaption: 'Mentoring-Partnerschaften mit einem Gebiet in der Region',
  noPairings: 'Keine Partnerschaften.',
  sectionUnavailable: 'Dieser Abschnitt ist derzeit nicht verfügbar; bitte versuchen Sie es später erneut.',
  mentor: 'Mentor',
  mentee: 'Mentee',
  programme: 'Programm',
  total: (shown, total) => `${shown} von ${total} angezeigt.`,
  licences: 'Lizenzen der Daten',
  enums: {
    POLITICAL_ROUNDTABLE: 'Politischer Runder Tisch',
    PUBLIC_CONSULTATION: 'Öffentliche Konsultation',
    FORUM_MEETING: 'Forumstreffen',
    WORKSHOP: 'Workshop',
    TRAINING: 'Schulung',
    STUDY_VISIT: 'Studienbesuch',
    MENTORING: 'Mentoring',
    EXCHANGE_PROGRAMME: 'Austauschprogramm',
    CONFERENCE: 'Konferenz',
    GOOD_PRACTICE: 'Gute Praxis',
    TRAINING_MATERIAL: 'Schulungsmaterial',
    STUDY: 'Studie',
    TOOLKIT: 'Werkzeugkasten',
    REPORT: 'Bericht',
    DATASET: 'Datensatz',
    OPEN: 'Offen',
    CLOSED: 'Geschlossen',
    RESULTS_PUBLISHED: 'Ergebnisse veröffentlicht',
    ACTIVE: 'laufend',
    COMPLETED: 'abgeschlossen',
    EDUCATION_AND_TRAINING: 'Bildung und Ausbildung',
    EMPLOYMENT_AND_SKILLS: 'Beschäftigung und Kompetenzen',
    HEALTH: 'Gesundheit',
    HOUSING: 'Wohnen',
    PLENARY: 'Plenartagung',
    WEBINAR: 'Webinar',
    DRAFT: 'Entwurf',
    PUBLISHED: 'Veröffentlicht',
    CANCELLED: 'Abgesagt',
    PROPOSED: 'vorgeschlagen',
    ACCEPTED: 'angenommen',
    DECLINED: 'abgelehnt',
    WITHDRAWN: 'zurückgezogen',
    PARTNERSHIPS: 'Partnerschaften',
    EU_FUNDING_2021_2027: 'EU-Förderung 2021-2027',
    PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY: 'Teilhabe und Begegnungen mit der Aufnahmegesellschaft',
    NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS: 'Neue Technologien und digitale Werkzeuge',
    MONITORING_PROGRESS: 'Fortschrittsmonitoring',
    COMMUNITY_SPONSORSHIP: 'Community Sponsorship (gemeinschaftliche Patenschaft)',
  },
  boundariesAttribution: '© EuroGeographics für die Verwaltungsgrenzen',
  contextNote:
    'Die Kontextspalten geben Median und Spannweite der NUTS-2-Regionen mit einem Wert für dasselbe Jahr und dieselbe Gruppe an: Es sind keine nationalen Quoten.',
  notFoundTitle: 'Region nicht gefunden',
  notFound: (code) => `Es gibt keine Region mit dem Code „${code}“.`,
  badCodeTitle: 'Kein Regionscode',
  badCode:
    'Ein Regionscode ist ein NUTS-2024-Code wie „FRH0“ (zwei Buchstaben, dann bis zu drei Buchstaben oder Ziffern).',
  unavailableTitle: 'Profil nicht verfügbar',
  unavailable: 'Das Profil kann gerade nicht erstellt werden. Bitte versuchen Sie es gleich noch einmal.',
  backHome: 'Zurück zur Plattform',
};

export const PROFILE_MESSAGES: Readonly<Record<PageLanguage, ProfileMessages>> = { en, fr, de };
