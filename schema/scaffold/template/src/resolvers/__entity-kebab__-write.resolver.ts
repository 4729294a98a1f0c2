import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { __Entity__ } from '../entities/__entity-kebab__.entity';
import { Create__Entity__Input } from '../inputs/create-__entity-kebab__.input';
import { Update__Entity__Input } from '../inputs/update-__entity-kebab__.input';
import type { __Name__Context } from '../loaders';
import { create__Entity__ } from '../writes/create-__entity-kebab__.write';
import { update__Entity__ } from '../writes/update-__entity-kebab__.write';

const WRITERS = 'Contributors and editors of the organisation, and hub admins, may do this.';

/** Partners record and change __entities_words__; each write (writes/) runs in one transaction with one audit record. */
@Resolver()
export class __Entity__WriteResolver {
  @Authorized()
  @Mutation(() => __Entity__, {
    description: `Records a new __entity_words__ for the caller's organisation. ${WRITERS}`,
  })
  create__Entity__(
    @Arg('input', () => Create__Entity__Input, {
      description: 'The __entity_words__ and an idempotency key.',
    })
    input: Create__Entity__Input,
    @Ctx() context: __Name__Context,
  ): Promise<__Entity__> {
    return create__Entity__(context, input);
  }

  @Authorized()
  @Mutation(() => __Entity__, {
    description: `Changes a __entity_words__ from the \`version\` you last read; a stale version is a CONFLICT with \`extensions.currentVersion\`. ${WRITERS}`,
  })
  update__Entity__(
    @Arg('input', () => Update__Entity__Input, {
      description: 'The __entity_words__, the version you last read and the fields to change.',
    })
    input: Update__Entity__Input,
    @Ctx() context: __Name__Context,
  ): Promise<__Entity__> {
    return update__Entity__(context, input);
  }
}
