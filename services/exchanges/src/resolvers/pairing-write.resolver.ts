import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { PairingFeedback } from '../entities/feedback.entity';
import { Pairing } from '../entities/pairing.entity';
import {
  AcceptPairingInput,
  ActivatePairingInput,
  CompletePairingInput,
  CreatePairingInput,
  DeclinePairingInput,
  RecordPairingFeedbackInput,
  UpdatePairingInput,
  WithdrawPairingInput,
} from '../inputs/pairing.input';
import type { ExchangesContext } from '../loaders';
import { recordPairingFeedback } from '../writes/feedback.write';
import { createPairing, transitionPairing, updatePairing } from '../writes/pairing.write';

const MOVE =
  'An illegal move is a CONFLICT with `extensions.currentStatus`, a stale version a CONFLICT with `extensions.currentVersion`; nothing is written.';
const SIDE =
  'By a contributor or editor of the organisation of `side`; acting for the other side is FORBIDDEN.';
const ORGANISER = "By the organiser's editors (or hub admins).";

/** The pairing state machine, in which the organiser and both sides take part. */
@Resolver()
export class PairingWriteResolver {
  @Authorized()
  @Mutation(() => Pairing, {
    description: `Proposes a pairing (PROPOSED) of a submitted mentor and mentee application of a CALL_OPEN or RUNNING programme with free places. ${ORGANISER}`,
  })
  createPairing(
    @Arg('input', () => CreatePairingInput, {
      description: 'The two applications, the policy areas and an idempotency key.',
    })
    input: CreatePairingInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing> {
    return createPairing(context, input);
  }

  @Authorized()
  @Mutation(() => Pairing, {
    description: `One side accepts a PROPOSED pairing; it becomes ACCEPTED once both sides have. ${SIDE} ${MOVE}`,
  })
  acceptPairing(
    @Arg('input', () => AcceptPairingInput, { description: 'The pairing, its version and your side.' })
    input: AcceptPairingInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing> {
    return transitionPairing(context, 'accept', input);
  }

  @Authorized()
  @Mutation(() => Pairing, { description: `PROPOSED → DECLINED. ${SIDE} ${MOVE}` })
  declinePairing(
    @Arg('input', () => DeclinePairingInput, { description: 'The pairing, its version and your side.' })
    input: DeclinePairingInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing> {
    return transitionPairing(context, 'decline', input);
  }

  @Authorized()
  @Mutation(() => Pairing, { description: `ACCEPTED → ACTIVE. ${ORGANISER} ${MOVE}` })
  activatePairing(
    @Arg('input', () => ActivatePairingInput, { description: 'The pairing and its version.' })
    input: ActivatePairingInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing> {
    return transitionPairing(context, 'activate', input);
  }

  @Authorized()
  @Mutation(() => Pairing, { description: `ACTIVE → COMPLETED. ${ORGANISER} ${MOVE}` })
  completePairing(
    @Arg('input', () => CompletePairingInput, { description: 'The pairing and its version.' })
    input: CompletePairingInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing> {
    return transitionPairing(context, 'complete', input);
  }

  @Authorized()
  @Mutation(() => Pairing, {
    description: `PROPOSED, ACCEPTED or ACTIVE → WITHDRAWN, by one side (\`side\`) or, without \`side\`, the organiser's editors. ${MOVE}`,
  })
  withdrawPairing(
    @Arg('input', () => WithdrawPairingInput, {
      description: 'The pairing, its version and your side if you are one.',
    })
    input: WithdrawPairingInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing> {
    return transitionPairing(context, 'withdraw', input);
  }

  @Authorized()
  @Mutation(() => Pairing, {
    description:
      "Records the visits (events of kind STUDY_VISIT, WORKSHOP, MENTORING or EXCHANGE_PROGRAMME, checked against the events subgraph) and outputs (library resources, checked against the library subgraph) of an ACCEPTED, ACTIVE or COMPLETED pairing. By the organiser's editors or a contributor or editor of either side.",
  })
  updatePairing(
    @Arg('input', () => UpdatePairingInput, { description: 'The pairing, its version and the lists to set.' })
    input: UpdatePairingInput,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing> {
    return updatePairing(context, input);
  }

  @Authorized()
  @Mutation(() => PairingFeedback, {
    description: `Feedback of one side (rating 1-5 and text) on an ACTIVE or COMPLETED pairing, once per side; seen only by the organiser's editors, hub admins and the side that gave it. ${SIDE}`,
  })
  recordPairingFeedback(
    @Arg('input', () => RecordPairingFeedbackInput, {
      description: 'The pairing, your side, the feedback and an idempotency key.',
    })
    input: RecordPairingFeedbackInput,
    @Ctx() context: ExchangesContext,
  ): Promise<PairingFeedback> {
    return recordPairingFeedback(context, input);
  }
}
