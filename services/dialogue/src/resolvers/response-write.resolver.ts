import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Response } from '../entities/response.entity';
import { CreateResponseInput, UpdateResponseInput, WithdrawResponseInput } from '../inputs/response.input';
import type { DialogueContext } from '../loaders';
import { createResponse, updateResponse, withdrawResponse } from '../writes/response.write';

const RESPONDERS = 'Contributors and editors of the responding organisation may do this.';
const WINDOW =
  'Only while the consultation is OPEN and between opensAt and closesAt: otherwise a CONFLICT with `extensions.currentStatus` (and `opensAt` or `closesAt` when the date is the reason).';

/** Regions and cities answer consultations, through their organisation's accounts. */
@Resolver()
export class ResponseWriteResolver {
  @Authorized()
  @Mutation(() => Response, {
    description: `Answers a consultation for the caller's organisation and one territory (one submitted response per consultation, organisation and territory: a second is a CONFLICT with \`extensions.existingId\`). Every answer is checked against its question (BAD_USER_INPUT with \`fieldErrors\` naming it); the territory against the regions subgraph; the organisation against the audience (FORBIDDEN). ${WINDOW} ${RESPONDERS}`,
  })
  createResponse(
    @Arg('input', () => CreateResponseInput, {
      description: 'The consultation, territory, answers and an idempotency key.',
    })
    input: CreateResponseInput,
    @Ctx() context: DialogueContext,
  ): Promise<Response> {
    return createResponse(context, input);
  }

  @Authorized()
  @Mutation(() => Response, {
    description: `Replaces the answers of a response from the version you last read. ${WINDOW} ${RESPONDERS}`,
  })
  updateResponse(
    @Arg('input', () => UpdateResponseInput, {
      description: 'The response, the version you last read and the new answers.',
    })
    input: UpdateResponseInput,
    @Ctx() context: DialogueContext,
  ): Promise<Response> {
    return updateResponse(context, input);
  }

  @Authorized()
  @Mutation(() => Response, {
    description: `Withdraws a response: it stops counting, and a new one may be given for the same territory. ${WINDOW} ${RESPONDERS}`,
  })
  withdrawResponse(
    @Arg('input', () => WithdrawResponseInput, { description: 'The response and the version you last read.' })
    input: WithdrawResponseInput,
    @Ctx() context: DialogueContext,
  ): Promise<Response> {
    return withdrawResponse(context, input);
  }
}
