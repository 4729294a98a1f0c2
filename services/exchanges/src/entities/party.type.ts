import { DateTimeScalar } from '@hub/kit';
import { Field, ObjectType } from 'type-graphql';
import { PairingSide } from './enums';
import { Organisation, Region } from './references.type';

/** One side of a pairing as anyone who sees the pairing sees it; the application is resolved separately. */
@ObjectType('PairingParty', {
  description: 'One side of a pairing: who, for which territory, and whether it accepted.',
})
export class PairingParty {
  @Field(() => PairingSide, { description: 'Mentor or mentee.' })
  side!: PairingSide;

  @Field(() => Organisation, { description: 'The organisation on this side.' })
  organisation!: Organisation;

  @Field(() => Region, { description: 'The territory it takes part for.' })
  territory!: Region;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it accepted the pairing; null before.' })
  acceptedAt!: Date | null;

  /** Resolved by `PairingPartyResolver.application` (visible only to its organisation and the organiser). */
  applicationId!: string;
  organiser!: string;
}
