import { defineSubgraph } from '@hub/kit';
import { Indicator } from './entities/indicator.entity';
import { ObservationBatch } from './entities/observation-batch.entity';
import { ObservationHistory } from './entities/observation-history.entity';
import { Observation } from './entities/observation.entity';
import { references } from './entities/references.type';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { AnalysisResolver } from './resolvers/analysis.resolver';
import { IndicatorsAuditLogResolver } from './resolvers/audit-log.resolver';
import { ContributionResolver } from './resolvers/contribution.resolver';
import { resolveIndicatorReference } from './resolvers/indicator.reference';
import { IndicatorResolver } from './resolvers/indicator.resolver';
import {
  IndicatorSourceResolver,
  RankingConnectionResolver,
  ValueRangeResolver,
} from './resolvers/labels.resolver';
import { ObservationRevisionResolver } from './resolvers/observation-revision.resolver';
import { ObservationResolver } from './resolvers/observation.resolver';
import { OrganisationContributionsResolver } from './resolvers/organisation.reference';
import { RegionIndicatorsResolver } from './resolvers/region.reference';
import { ObservationSubscriptionResolver } from './resolvers/subscription.resolver';
import { seeds } from './seeds';
import { importCommand } from './writes/import-command.write';

/** The indicators subgraph: integration indicators, their observations per region, partner contributions. */
export const subgraph = defineSubgraph({
  name: 'indicators',
  entities: [Indicator, Observation, ObservationHistory, ObservationBatch],
  migrations,
  resolvers: [
    IndicatorResolver,
    ObservationResolver,
    ObservationRevisionResolver,
    AnalysisResolver,
    RegionIndicatorsResolver,
    OrganisationContributionsResolver,
    ContributionResolver,
    ObservationSubscriptionResolver,
    IndicatorsAuditLogResolver,
    ValueRangeResolver,
    IndicatorSourceResolver,
    RankingConnectionResolver,
  ],
  references: { ...references, Indicator: resolveIndicatorReference },
  loaders: createLoaders,
  seeds,
  errorExtensions: {
    // The row of `recordObservations` a FORBIDDEN (another organisation's value) or CONFLICT (stale version) is about.
    row: 'integer',
  },
  commands: { import: importCommand },
});
