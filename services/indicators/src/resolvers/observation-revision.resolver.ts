import { FieldResolver, Resolver, Root } from 'type-graphql';
import { ObservationHistory } from '../entities/observation-history.entity';
import { Organisation, organisationReference } from '../entities/references.type';

/** The organisations of a replaced value, as objects the gateway completes from the regions subgraph. */
@Resolver(() => ObservationHistory)
export class ObservationRevisionResolver {
  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      'The organisation that had contributed the replaced value; null for a Eurostat import value.',
  })
  contributedBy(@Root() revision: ObservationHistory): Organisation | null {
    return revision.contributedBy ? organisationReference(revision.contributedBy) : null;
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      'The organisation of who made the correction; null when the caller acted for none (e.g. a hub admin without one, or an import).',
  })
  replacedByOrganisation(@Root() revision: ObservationHistory): Organisation | null {
    return revision.replacedByOrganisation ? organisationReference(revision.replacedByOrganisation) : null;
  }
}
