import { createConnectionType, PolicyArea, ListSize } from '@hub/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Application } from './application.entity';
import { SuggestionFactor } from './enums';

@ObjectType('SuggestionReason', {
  description:
    'One piece of evidence behind a suggested mentor: the figures used, its weight and the points it gave, so the organiser can explain a pairing.',
})
export class SuggestionReason {
  @Field(() => SuggestionFactor, { description: 'What was compared.' })
  factor!: SuggestionFactor;

  @Field(() => Float, { description: 'Most points this factor can give (the weights add up to 100).' })
  weight!: number;

  @Field(() => Float, {
    description: 'Points it gave: weight × how well the mentor fits on it (0-1), to 2 decimals.',
  })
  points!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "The mentee's figure (indicator value, or share of needs / languages as 0-1); null when missing.",
  })
  menteeValue!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The mentor's figure (indicator value, or kilometres for DISTANCE); null when missing.",
  })
  mentorValue!: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the two figures, e.g. "pp", "%", "km".' })
  unit!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Year of the indicator values used, when the figures are indicators.',
  })
  period!: number | null;

  @Field(() => [PolicyArea], {
    description: 'NEEDS_COVERED: the needs of the mentee the mentor offers; else empty.',
  })
  policyAreas!: PolicyArea[];

  @Field(() => [String], { description: 'SHARED_LANGUAGES: the languages both work in; else empty.' })
  languages!: string[];

  @Field(() => String, { description: 'The comparison in words, citing the figures and their source.' })
  explanation!: string;
}

@ObjectType('MentorSuggestion', {
  description:
    'A mentor application ranked for a mentee application, with its score and the evidence behind it.',
})
export class MentorSuggestion {
  @Field(() => Int, { description: 'Place in the ranking, from 1.' })
  rank!: number;

  @Field(() => Float, { description: 'Score from 0 to 100: the sum of the points of its reasons.' })
  score!: number;

  @Field(() => Application, { description: 'The mentor application.' })
  application!: Application;

  // one per factor of the score
  @ListSize(5)
  @Field(() => [SuggestionReason], { description: 'The evidence, one entry per factor.' })
  reasons!: SuggestionReason[];
}

export const MentorSuggestionConnection = createConnectionType(
  MentorSuggestion,
  'MentorSuggestion',
  'suggested mentors',
);
export type MentorSuggestionConnection = InstanceType<typeof MentorSuggestionConnection>;
