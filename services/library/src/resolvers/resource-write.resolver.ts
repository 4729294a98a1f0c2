import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Resource } from '../entities/resource.entity';
import {
  ArchiveResourceInput,
  CreateResourceInput,
  PublishResourceInput,
  UpdateResourceInput,
} from '../inputs/resource.input';
import type { LibraryContext } from '../loaders';
import { createResource, updateResource } from '../writes/resource.write';
import { transitionResource } from '../writes/resource-status.write';

const STALE =
  'a stale version is a CONFLICT with `extensions.currentVersion`, a wrong status one with `extensions.currentStatus`.';

/** Partners record, change, publish and archive resources; each write runs in one transaction with one audit record. */
@Resolver()
export class ResourceWriteResolver {
  @Authorized()
  @Mutation(() => Resource, {
    description:
      "Records a new DRAFT resource for the caller's organisation (its contributors and editors, and hub admins).",
  })
  createResource(
    @Arg('input', () => CreateResourceInput, { description: 'The resource and an idempotency key.' })
    input: CreateResourceInput,
    @Ctx() context: LibraryContext,
  ): Promise<Resource> {
    return createResource(context, input);
  }

  @Authorized()
  @Mutation(() => Resource, {
    description: `Changes a DRAFT or PUBLISHED resource from the \`version\` you last read (editors of the publisher, hub admins); ${STALE}`,
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

  @Authorized()
  @Mutation(() => Resource, {
    description: `Publishes a DRAFT resource (editors of the publisher, hub admins): it becomes public, searchable and is announced on \`resourcePublished\`; ${STALE}`,
  })
  publishResource(
    @Arg('input', () => PublishResourceInput, { description: 'The resource and the version you last read.' })
    input: PublishResourceInput,
    @Ctx() context: LibraryContext,
  ): Promise<Resource> {
    return transitionResource(context, 'publish', input);
  }

  @Authorized()
  @Mutation(() => Resource, {
    description: `Archives a PUBLISHED resource (moderators and admins of the publisher, hub admins): it leaves lists and the map; ${STALE}`,
  })
  archiveResource(
    @Arg('input', () => ArchiveResourceInput, { description: 'The resource and the version you last read.' })
    input: ArchiveResourceInput,
    @Ctx() context: LibraryContext,
  ): Promise<Resource> {
    return transitionResource(context, 'archive', input);
  }
}
