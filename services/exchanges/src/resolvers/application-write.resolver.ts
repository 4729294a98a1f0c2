import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Application } from '../entities/application.entity';
import {
  CreateApplicationInput,
  UpdateApplicationInput,
  WithdrawApplicationInput,
} from '../inputs/application.input';
import type { ExchangesContext } from '../loaders';
import { createApplication, updateApplication, withdrawApplication } from '../writes/application.write';

const APPLICANTS = 'Contributors and editors of the applying organisation, and hub admins, may do this.';

/** Organisations apply to programmes, change and withdraw their applications. */
@Resolver()
export class ApplicationWriteResolver {
  @Authorized()
  @Mutation(() => Application, {
    description: `Applies for a territory (checked against the regions subgraph) as MENTOR or MENTEE while the programme's call is open; one submitted application per programme, organisation, territory and role (another is a CONFLICT with \`extensions.existingId\`). ${APPLICANTS}`,
  })
  createApplication(
    @Arg('input', () => CreateApplicationInput, { description: 'The application and an idempotency key.' })
    input: CreateApplicationInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Application> {
    return createApplication(context, input);
  }

  @Authorized()
  @Mutation(() => Application, {
    description: `Changes a submitted application while the call is open, from the \`version\` you last read. ${APPLICANTS}`,
  })
  updateApplication(
    @Arg('input', () => UpdateApplicationInput, {
      description: 'The application, its version and the fields to change.',
    })
    input: UpdateApplicationInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Application> {
    return updateApplication(context, input);
  }

  @Authorized()
  @Mutation(() => Application, { description: `SUBMITTED → WITHDRAWN. ${APPLICANTS}` })
  withdrawApplication(
    @Arg('input', () => WithdrawApplicationInput, { description: 'The application and its version.' })
    input: WithdrawApplicationInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Application> {
    return withdrawApplication(context, input);
  }
}
