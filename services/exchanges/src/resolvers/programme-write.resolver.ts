import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Programme } from '../entities/programme.entity';
import {
  CloseProgrammeCallInput,
  CloseProgrammeInput,
  CreateProgrammeInput,
  OpenProgrammeCallInput,
  UpdateProgrammeInput,
} from '../inputs/programme.input';
import type { ExchangesContext } from '../loaders';
import { createProgramme, transitionProgramme, updateProgramme } from '../writes/programme.write';

const WRITERS = 'Contributors and editors of the organiser, and hub admins, may do this.';
const EDITORS =
  'Editors of the organiser, and hub admins, may do this; any other move is a CONFLICT with `extensions.currentStatus`.';

/** Organisers record programmes and move them through their life; each write runs in one transaction with one audit record. */
@Resolver()
export class ProgrammeWriteResolver {
  @Authorized()
  @Mutation(() => Programme, { description: `Records a new DRAFT programme. ${WRITERS}` })
  createProgramme(
    @Arg('input', () => CreateProgrammeInput, { description: 'The programme and an idempotency key.' })
    input: CreateProgrammeInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme> {
    return createProgramme(context, input);
  }

  @Authorized()
  @Mutation(() => Programme, {
    description: `Changes a programme that is not CLOSED, from the \`version\` you last read. ${WRITERS}`,
  })
  updateProgramme(
    @Arg('input', () => UpdateProgrammeInput, {
      description: 'The programme, its version and the fields to change.',
    })
    input: UpdateProgrammeInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme> {
    return updateProgramme(context, input);
  }

  @Authorized()
  @Mutation(() => Programme, {
    description: `DRAFT → CALL_OPEN: publishes the programme and its call. ${EDITORS}`,
  })
  openProgrammeCall(
    @Arg('input', () => OpenProgrammeCallInput, { description: 'The programme and its version.' })
    input: OpenProgrammeCallInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme> {
    return transitionProgramme(context, 'openCall', input);
  }

  @Authorized()
  @Mutation(() => Programme, {
    description: `CALL_OPEN → RUNNING: closes the call, the pairings work. ${EDITORS}`,
  })
  closeProgrammeCall(
    @Arg('input', () => CloseProgrammeCallInput, { description: 'The programme and its version.' })
    input: CloseProgrammeCallInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme> {
    return transitionProgramme(context, 'closeCall', input);
  }

  @Authorized()
  @Mutation(() => Programme, { description: `RUNNING → CLOSED: the programme is over. ${EDITORS}` })
  closeProgramme(
    @Arg('input', () => CloseProgrammeInput, { description: 'The programme and its version.' })
    input: CloseProgrammeInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme> {
    return transitionProgramme(context, 'close', input);
  }
}
