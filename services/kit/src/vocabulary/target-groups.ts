import { registerEnumType } from 'type-graphql';

// The target groups of the MIPEX-R regional index, as the forum subgraph first declared them; the forum and
// library subgraphs take them from here.

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
