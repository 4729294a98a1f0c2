import { defineSubgraph } from '@hub/kit';
import { __Entity__ } from './entities/__entity-kebab__.entity';
import { references } from './entities/references.type';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { __Entity__Resolver } from './resolvers/__entity-kebab__.resolver';
import { resolve__Entity__Reference } from './resolvers/__entity-kebab__.reference';
import { __Entity__WriteResolver } from './resolvers/__entity-kebab__-write.resolver';
import { Region__Entities__Resolver } from './resolvers/region.resolver';
import { seeds } from './seeds';

/** The __name__ subgraph: __entities_words__ of partner organisations, each about one region. */
export const subgraph = defineSubgraph({
  name: '__name__',
  entities: [__Entity__],
  migrations,
  resolvers: [__Entity__Resolver, __Entity__WriteResolver, Region__Entities__Resolver],
  references: {
    __Entity__: resolve__Entity__Reference,
    ...references,
  },
  loaders: createLoaders,
  seeds,
});
