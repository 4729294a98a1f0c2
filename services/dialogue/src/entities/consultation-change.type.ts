import { Field, Int, ObjectType } from 'type-graphql';
import { Consultation } from './consultation.entity';
import { ConsultationChangeKind, ConsultationStatus } from './enums';

@ObjectType('ConsultationChange', {
  description:
    'A change to a consultation, pushed after the write committed: its status and response count, never what a response says.',
})
export class ConsultationChange {
  @Field(() => ConsultationChangeKind, { description: 'What happened.' })
  change!: ConsultationChangeKind;

  @Field(() => ConsultationStatus, { description: 'The status after the change.' })
  status!: ConsultationStatus;

  @Field(() => Int, { description: 'Submitted responses after the change.' })
  responseCount!: number;

  @Field(() => Consultation, { description: 'The consultation as it is now.' })
  consultation!: Consultation;
}
