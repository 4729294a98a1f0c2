import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Resource } from '../entities/resource.entity';
import { CreateResourceInput } from '../inputs/create-resource.input';
import { UpdateResourceInput } from '../inputs/update-resource.input';
import type { LibraryContext } from '../loaders';
import { createResource } from '../writes/create-resource.write';
import { updateResource } from '../writes/update-resource.write';

const WRITERS = 'Contributors and editors of the organisation, and hub admins, may do this.';

/** Partners record and change resources; each write (writes/) runs in one transaction with one audit record. */
@Resolver()
export class ResourceWriteResolver {
  @Authorized()
  @Mutation(() => Resource, {
    description: `Records a new resource for the caller's organisation. ${WRITERS}`,
  })
  createResource(
    @Arg('input', () => CreateResourceInput, {
      description: 'The resource and an idempotency key.',
    })
    input: CreateResourceInput,
    @Ctx() context: LibraryContext,
  ): Promise<Resource> {
    return createResource(context, input);
  }

  @Authorized()
  @Mutation(() => Resource, {
    description: `Changes a resource from the \`version\` you last read; a stale version is a CONFLICT with \`extensions.currentVersion\`. ${WRITERS}`,
  })
  updateResource(
    @Arg('input', () => UpdateResourceInput, {
      description: 'The resource, the version you last read and the fields to change.',
    })
    input: UpdateResourceInput,
    @Ctx() context: LibraryContext,
  ): Promise<Resource> {
    return updateResource(context, input);
  }
}
