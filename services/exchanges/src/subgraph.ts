import { defineSubgraph } from '@hub/kit';
import { Programme } from './entities/programme.entity';
import { references } from './entities/references.type';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { ProgrammeResolver } from './resolvers/programme.resolver';
import { resolveProgrammeReference } from './resolvers/programme.reference';
import { ProgrammeWriteResolver } from './resolvers/programme-write.resolver';
import { RegionProgrammesResolver } from './resolvers/region.resolver';
import { seeds } from './seeds';

/** The exchanges subgraph: programmes of partner organisations, each about one region. */
export const subgraph = defineSubgraph({
  name: 'exchanges',
  entities: [Programme],
  migrations,
  resolvers: [ProgrammeResolver, ProgrammeWriteResolver, RegionProgrammesResolver],
  references: {
    Programme: resolveProgrammeReference,
    ...references,
  },
  loaders: createLoaders,
  seeds,
});
