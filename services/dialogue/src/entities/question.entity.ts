import { ArrayType, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { PolicyArea } from '@hub/kit';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { QuestionKind } from './enums';

/** One question of a consultation, at `position` (0-based) in its list. Frozen once the consultation opens. */
@ObjectType('Question', { description: 'A question of a consultation, with the kind of answer it takes.' })
@Entity({ tableName: 'question' })
export class Question {
  @Field(() => ID, { description: 'Stable identifier (a UUID); answers name their question by it.' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  consultationId!: string;

  @Field(() => Int, { description: 'Place in the consultation, from 1.' })
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => QuestionKind, { description: 'The type of answer it takes.' })
  @Property({ type: 'text' })
  kind!: QuestionKind;

  @Field(() => String, { description: 'The question as asked, plain text of 3-1,000 characters.' })
  @Property({ type: 'text' })
  prompt!: string;

  @Field(() => Boolean, { description: 'True when every response must answer it.' })
  @Property({ type: 'boolean' })
  required: boolean & Opt = false;

  @Field(() => [String], {
    description: 'SCALE: the labels of points 1 to 5, in order (five). Empty for other kinds.',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  scaleLabels: string[] & Opt = [];

  @Field(() => [String], {
    description:
      'SINGLE_CHOICE and MULTIPLE_CHOICE: the options, in order (2-30, distinct). Empty for other kinds.',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  options: string[] & Opt = [];

  @Field(() => String, { nullable: true, description: 'NUMBER: the unit, e.g. "persons" or "EUR".' })
  @Property({ type: 'text', nullable: true })
  unit: string | null = null;

  @Field(() => Float, { nullable: true, description: 'NUMBER: the smallest answer accepted, when limited.' })
  @Property({ type: 'double', nullable: true })
  min: number | null = null;

  @Field(() => Float, { nullable: true, description: 'NUMBER: the largest answer accepted, when limited.' })
  @Property({ type: 'double', nullable: true })
  max: number | null = null;

  @Field(() => PolicyArea, {
    nullable: true,
    description:
      'The policy area whose need this question measures (SCALE questions of a needs assessment); null otherwise.',
  })
  @Property({ type: 'text', nullable: true })
  policyArea: PolicyArea | null = null;
}
