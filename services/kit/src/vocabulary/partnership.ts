import { registerEnumType } from 'type-graphql';

// Vocabulary of the CoR / European Commission partnership on integration that more than one subgraph uses (events
// and forum): declared once here, so every subgraph that exposes it has the same names, values and descriptions,
// as Federation composition requires. Values and wording follow
// ../shared/data/cor_integration_partnership_enumerations.json (strands, Action Plan areas).

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
  COMMUNITY_SPONSORSHIP = 'COMMUNITY_SPONSORSHIP',
}

registerEnumType(PolicyArea, {
  name: 'PolicyArea',
  description:
    'An area of the EU Action plan on Integration and Inclusion 2021-2027 (COM(2020) 758): four sectoral and five horizontal areas; and community sponsorship, which the partnership names beside them.',
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
    COMMUNITY_SPONSORSHIP: {
      description:
        'Community sponsorship of refugees, which the partnership names beside integration in its capacity-building strand (not an area of the Action plan itself).',
    },
  },
});
