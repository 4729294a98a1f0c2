import { Field, ObjectType } from 'type-graphql';
import { AudienceKind } from './enums';

@ObjectType('Audience', { description: 'Who may answer a consultation.' })
export class Audience {
  @Field(() => AudienceKind, {
    description: 'All partners, the members of one organisation, or listed organisations.',
  })
  kind!: AudienceKind;

  /** Organisation ids: the one whose members may answer, or the listed ones; exposed as `organisations`. */
  organisationIds!: string[];
}
