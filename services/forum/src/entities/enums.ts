import { registerEnumType } from 'type-graphql';

// Strand and PolicyArea are also declared by the events subgraph: names, values and descriptions must stay
// word-for-word identical there and here, or composition reports conflicting descriptions.

export enum Strand {
  DIALOGUE = 'DIALOGUE',
  CAPACITY_BUILDING = 'CAPACITY_BUILDING',
  EVIDENCE_AND_DATA = 'EVIDENCE_AND_DATA',
}

registerEnumType(Strand, {
  name: 'Strand',
  description:
    'One of the three strands of work of the CoR / European Commission partnership on integration (2021).',
  valuesConfig: {
    DIALOGUE: {
      description:
        'Open and regular dialogue between the Commission, the CoR and local and regional authorities; mapping the territorial impact of migration and the needs of the most affected authorities.',
    },
    CAPACITY_BUILDING: {
      description: 'Building capacity and exchanging experience on integration and on community sponsorship.',
    },
    EVIDENCE_AND_DATA: { description: 'Improving evidence and data on integration at local level.' },
  },
});

export enum PolicyArea {
  EDUCATION_AND_TRAINING = 'EDUCATION_AND_TRAINING',
  EMPLOYMENT_AND_SKILLS = 'EMPLOYMENT_AND_SKILLS',
  HEALTH = 'HEALTH',
  HOUSING = 'HOUSING',
  PARTNERSHIPS = 'PARTNERSHIPS',
  EU_FUNDING_2021_2027 = 'EU_FUNDING_2021_2027',
  PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY = 'PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY',
  NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS = 'NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS',
  MONITORING_PROGRESS = 'MONITORING_PROGRESS',
}

registerEnumType(PolicyArea, {
  name: 'PolicyArea',
  description:
    'An area of the EU Action plan on Integration and Inclusion 2021-2027 (COM(2020) 758): four sectoral and five horizontal areas.',
  valuesConfig: {
    EDUCATION_AND_TRAINING: { description: 'Education and training (sectoral area).' },
    EMPLOYMENT_AND_SKILLS: { description: 'Employment and skills (sectoral area).' },
    HEALTH: { description: 'Health (sectoral area).' },
    HOUSING: { description: 'Housing (sectoral area).' },
    PARTNERSHIPS: { description: 'Partnerships for the integration process (horizontal area).' },
    EU_FUNDING_2021_2027: {
      description: 'EU funding under the 2021-2027 multiannual financial framework (horizontal area).',
    },
    PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY: {
      description: 'Participation and encounters with the host society (horizontal area).',
    },
    NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS: {
      description: 'New technologies and digital tools for integration and inclusion (horizontal area).',
    },
    MONITORING_PROGRESS: {
      description: 'Monitoring progress on integration and inclusion (horizontal area).',
    },
  },
});

export enum TargetGroup {
  THIRD_COUNTRY_NATIONALS = 'THIRD_COUNTRY_NATIONALS',
  BENEFICIARIES_OF_INTERNATIONAL_PROTECTION = 'BENEFICIARIES_OF_INTERNATIONAL_PROTECTION',
}

registerEnumType(TargetGroup, {
  name: 'TargetGroup',
  description: 'Group of people a discussion is about (the target groups of the MIPEX-R regional index).',
  valuesConfig: {
    THIRD_COUNTRY_NATIONALS: { description: 'Nationals of countries outside the EU.' },
    BENEFICIARIES_OF_INTERNATIONAL_PROTECTION: {
      description: 'Refugees and beneficiaries of subsidiary protection.',
    },
  },
});

export enum ThreadStatus {
  OPEN = 'OPEN',
  LOCKED = 'LOCKED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ThreadStatus, {
  name: 'ThreadStatus',
  description: 'Whether a thread takes new posts.',
  valuesConfig: {
    OPEN: { description: 'Open: partners may reply and authors may edit their posts.' },
    LOCKED: {
      description: 'Locked by a moderator: readable, listed by default, but no new posts and no edits.',
    },
    ARCHIVED: {
      description:
        'Archived by a moderator: readable, no new posts and no edits, and left out of lists unless asked for.',
    },
  },
});

export enum ThreadOrder {
  LAST_ACTIVITY_DESC = 'LAST_ACTIVITY_DESC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}

registerEnumType(ThreadOrder, {
  name: 'ThreadOrder',
  description: 'Order of a list of threads.',
  valuesConfig: {
    LAST_ACTIVITY_DESC: { description: 'Most recent visible post first (the default).' },
    CREATED_AT_DESC: { description: 'Most recently started thread first.' },
  },
});
