import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { __Entity__Connection } from '../entities/__entity-kebab__-connection.type';
import { __Entity__ } from '../entities/__entity-kebab__.entity';
import { Organisation, organisationReference, Region, regionReference } from '../entities/references.type';
import { __Entity__ListArgs } from '../inputs/__entity-kebab__-list.input';
import type { __Name__Context } from '../loaders';
import { __entity__Page } from '../queries/__entity-kebab__-list.query';

/** Reading __entities_words__: one by id, a page of them, and the regions and organisations they point at. */
@Resolver(() => __Entity__)
export class __Entity__Resolver {
  @Query(() => __Entity__, {
    nullable: true,
    description: 'One __entity_words__ by id, or null when there is none.',
  })
  __entity__(
    @Arg('id', () => ID, { description: 'The __entity_words__ (its id).' }) id: string,
    @Ctx() context: __Name__Context,
  ): Promise<__Entity__ | null> {
    return context.loaders.__entity__ById.load(id);
  }

  @Query(() => __Entity__Connection, {
    description: '__Entities_words__, oldest first, optionally about one region.',
  })
  __entities__(@Args(() => __Entity__ListArgs) args: __Entity__ListArgs, @Ctx() context: __Name__Context) {
    return __entity__Page(context.em, args);
  }

  @FieldResolver(() => Region, { description: 'The region it is about.' })
  region(@Root() __entity__: __Entity__): Region {
    return regionReference(__entity__.regionCode);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that recorded it.' })
  organisation(@Root() __entity__: __Entity__): Organisation {
    return organisationReference(__entity__.organisationId);
  }
}
