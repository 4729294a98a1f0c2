import { TextLength } from '@hub/kit';
import { Field, InputType } from 'type-graphql';
import { IsIsoCountryCode, LIMITS } from './event-constraints.input';

@InputType('VenueInput', { description: 'The place of an in-person or hybrid event.' })
export class VenueInput {
  @Field(() => String, { description: 'Name of the building or room, 1-200 characters.' })
  @TextLength(...LIMITS.venueName)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Street address, at most 300 characters.' })
  @TextLength(0, LIMITS.venueAddress[1])
  address?: string | null;

  @Field(() => String, { description: 'City or town, 1-100 characters.' })
  @TextLength(...LIMITS.venueCity)
  city!: string;

  @Field(() => String, {
    description:
      'Country of the venue as an ISO 3166-1 alpha-2 code, e.g. "BE", "GR" (not Eurostat\'s "EL").',
  })
  @IsIsoCountryCode()
  isoCountryCode!: string;
}
