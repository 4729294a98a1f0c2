import { Field, ObjectType } from 'type-graphql';
import { Organisation } from './references.type';

/** Who wrote a thread or post, as far as the public may know: a display name and the organisation. */
@ObjectType('Author', { description: 'The author of a thread or post, as shown to readers.' })
export class Author {
  @Field(() => String, {
    description: 'Name shown for the author (their display name when they posted, else their user id).',
  })
  displayName!: string;

  @Field(() => Organisation, {
    nullable: true,
    description: 'The organisation the author posted for.',
  })
  organisation!: Organisation | null;
}
