import { defineSubgraph } from '@hub/kit';
import { Resource } from './entities/resource.entity';
import { references } from './entities/references.type';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { ResourceResolver } from './resolvers/resource.resolver';
import { resolveResourceReference } from './resolvers/resource.reference';
import { ResourceWriteResolver } from './resolvers/resource-write.resolver';
import { RegionResourcesResolver } from './resolvers/region.resolver';
import { seeds } from './seeds';

/** The library subgraph: resources of partner organisations, each about one region. */
export const subgraph = defineSubgraph({
  name: 'library',
  entities: [Resource],
  migrations,
  resolvers: [ResourceResolver, ResourceWriteResolver, RegionResourcesResolver],
  references: {
    Resource: resolveResourceReference,
    ...references,
  },
  loaders: createLoaders,
  seeds,
});
