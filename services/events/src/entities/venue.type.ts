import { Field, ObjectType } from 'type-graphql';

/** Where an event takes place. Recorded events carry only what their source states, so every part may be null. */
@ObjectType('Venue', { description: 'The place of an in-person or hybrid event.' })
export class Venue {
  @Field(() => String, { nullable: true, description: 'Name of the building or room.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'City or town.' })
  city!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Country of the venue as an ISO 3166-1 alpha-2 code, e.g. "BE", "GR" (not Eurostat\'s "EL").',
  })
  isoCountryCode!: string | null;
}
