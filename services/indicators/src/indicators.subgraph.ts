import { createAuditLogResolver, type SubgraphDefinition } from '@hub/kit';
import { Indicator } from './entities/indicator.entity';
import { ObservationBatch, ObservationHistory } from './entities/observation-history.entity';
import { Observation } from './entities/observation.entity';
import { resolveOrganisationReference, resolveRegionReference } from './entities/references';
import { createIndicatorsLoaders, type IndicatorsLoaders } from './loaders/loaders';
import { indicatorsMigrations } from './migrations';
import { AnalysisResolver } from './resolvers/analysis.resolver';
import { ContributionResolver } from './resolvers/contribution.resolver';
import { IndicatorResolver, resolveIndicatorReference } from './resolvers/indicator.resolver';
import { ObservationResolver } from './resolvers/observation.resolver';
import { OrganisationContributionsResolver } from './resolvers/organisation.resolver';
import { RegionIndicatorsResolver } from './resolvers/region.resolver';
import { ObservationSubscriptionResolver } from './resolvers/subscription.resolver';
import { eurostatIndicatorsSeed } from './seeds/eurostat.seed';

/** Admins read the writes to indicator values as `indicatorsAuditLog`. */
const IndicatorsAuditLogResolver = createAuditLogResolver('indicatorsAuditLog', 'indicator values');

/** The indicators subgraph: integration indicators, their observations per region, partner contributions. */
export const indicatorsSubgraph: SubgraphDefinition<IndicatorsLoaders> = {
  name: 'indicators',
  entities: [Indicator, Observation, ObservationHistory, ObservationBatch],
  migrations: indicatorsMigrations,
  resolvers: [
    IndicatorResolver,
    ObservationResolver,
    AnalysisResolver,
    RegionIndicatorsResolver,
    OrganisationContributionsResolver,
    ContributionResolver,
    ObservationSubscriptionResolver,
    IndicatorsAuditLogResolver,
  ],
  referenceResolvers: {
    Indicator: resolveIndicatorReference,
    Region: resolveRegionReference,
    Organisation: resolveOrganisationReference,
  },
  createLoaders: createIndicatorsLoaders,
  seeds: [eurostatIndicatorsSeed],
};
