import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Programme } from '../entities/programme.entity';
import { CreateProgrammeInput } from '../inputs/create-programme.input';
import { UpdateProgrammeInput } from '../inputs/update-programme.input';
import type { ExchangesContext } from '../loaders';
import { createProgramme } from '../writes/create-programme.write';
import { updateProgramme } from '../writes/update-programme.write';

const WRITERS = 'Contributors and editors of the organisation, and hub admins, may do this.';

/** Partners record and change programmes; each write (writes/) runs in one transaction with one audit record. */
@Resolver()
export class ProgrammeWriteResolver {
  @Authorized()
  @Mutation(() => Programme, {
    description: `Records a new programme for the caller's organisation. ${WRITERS}`,
  })
  createProgramme(
    @Arg('input', () => CreateProgrammeInput, {
      description: 'The programme and an idempotency key.',
    })
    input: CreateProgrammeInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme> {
    return createProgramme(context, input);
  }

  @Authorized()
  @Mutation(() => Programme, {
    description: `Changes a programme from the \`version\` you last read; a stale version is a CONFLICT with \`extensions.currentVersion\`. ${WRITERS}`,
  })
  updateProgramme(
    @Arg('input', () => UpdateProgrammeInput, {
      description: 'The programme, the version you last read and the fields to change.',
    })
    input: UpdateProgrammeInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme> {
    return updateProgramme(context, input);
  }
}
