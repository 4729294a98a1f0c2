import { registerEnumType } from 'type-graphql';

export enum RegionClassification {
  NUTS_2024 = 'NUTS_2024',
  STATISTICAL_REGIONS_2024 = 'STATISTICAL_REGIONS_2024',
}

registerEnumType(RegionClassification, {
  name: 'RegionClassification',
  description: 'Which 2024 classification a region belongs to.',
  valuesConfig: {
    NUTS_2024: { description: 'NUTS 2024, the EU-27 classification (Regulation (EU) 2023/674).' },
    STATISTICAL_REGIONS_2024: {
      description:
        'Statistical regions 2024 of EFTA and candidate countries (AL, CH, IS, LI, ME, MK, NO, RS, TR, XK).',
    },
  },
});

export enum UrbanRuralType {
  PREDOMINANTLY_URBAN = 'PREDOMINANTLY_URBAN',
  INTERMEDIATE = 'INTERMEDIATE',
  PREDOMINANTLY_RURAL = 'PREDOMINANTLY_RURAL',
}

registerEnumType(UrbanRuralType, {
  name: 'UrbanRuralType',
  description: "Eurostat's urban-rural typology of NUTS 3 regions (GISCO URBN_TYPE 1, 2, 3).",
  valuesConfig: {
    PREDOMINANTLY_URBAN: { description: 'Predominantly urban region (URBN_TYPE 1).' },
    INTERMEDIATE: { description: 'Intermediate region (URBN_TYPE 2).' },
    PREDOMINANTLY_RURAL: { description: 'Predominantly rural region (URBN_TYPE 3).' },
  },
});

export enum OrganisationKind {
  EU_INSTITUTION = 'EU_INSTITUTION',
  EU_COMMISSION_SERVICE = 'EU_COMMISSION_SERVICE',
  REGIONAL_NETWORK = 'REGIONAL_NETWORK',
  GEOGRAPHICAL_COMMISSION = 'GEOGRAPHICAL_COMMISSION',
  CITY_NETWORK = 'CITY_NETWORK',
  LOCAL_AND_REGIONAL_NETWORK = 'LOCAL_AND_REGIONAL_NETWORK',
  REGION = 'REGION',
  CITY = 'CITY',
  OTHER = 'OTHER',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What kind of body an organisation is.',
  valuesConfig: {
    EU_INSTITUTION: {
      description: 'An EU institution or advisory body, e.g. the European Committee of the Regions.',
    },
    EU_COMMISSION_SERVICE: { description: 'A department of the European Commission, e.g. DG HOME.' },
    REGIONAL_NETWORK: { description: 'A European network of regions, e.g. CPMR or AER.' },
    GEOGRAPHICAL_COMMISSION: { description: 'One of the six geographical commissions of CPMR.' },
    CITY_NETWORK: { description: 'A network of cities, e.g. Eurocities.' },
    LOCAL_AND_REGIONAL_NETWORK: {
      description: 'An association of both local and regional governments, e.g. CEMR.',
    },
    REGION: { description: 'A regional authority taking part as a partner.' },
    CITY: { description: 'A city or municipality taking part as a partner.' },
    OTHER: { description: 'Any other partner organisation.' },
  },
});
