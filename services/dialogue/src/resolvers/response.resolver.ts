import { ListSize } from '@hub/kit';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Answer } from '../entities/answer.type';
import { Consultation } from '../entities/consultation.entity';
import { Question } from '../entities/question.entity';
import { Organisation, organisationReference, Region, regionReference } from '../entities/references.type';
import { Response } from '../entities/response.entity';
import type { DialogueContext } from '../loaders';
import { visibleResponse } from '../queries/visibility.query';

/** Reading responses: only the responding organisation and the organiser's editors and admins ever see one. */
@Resolver(() => Response)
export class ResponseResolver {
  @Query(() => Response, {
    nullable: true,
    description:
      "One response by id; null when there is none or you may not read it (only the responding organisation and the organiser's editors and hub admins may).",
  })
  response(
    @Arg('id', () => ID, { description: 'The response id (a UUID).' }) id: string,
    @Ctx() context: DialogueContext,
  ): Promise<Response | null> {
    return visibleResponse(id, context);
  }

  @FieldResolver(() => Consultation, { description: 'The consultation answered.' })
  async consultation(@Root() response: Response, @Ctx() { loaders }: DialogueContext): Promise<Consultation> {
    return (await loaders.consultationById.load(response.consultationId))!;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that answered.' })
  organisation(@Root() response: Response): Organisation {
    return organisationReference(response.organisation);
  }

  @FieldResolver(() => Region, { description: 'The territory answered for (a NUTS region of level 0-3).' })
  territory(@Root() response: Response): Region {
    return regionReference(response.territory);
  }

  // one per question: at most 100
  @ListSize(100)
  @FieldResolver(() => [Answer], { description: 'The answers, in question order.' })
  answers(@Root() response: Response, @Ctx() { loaders }: DialogueContext): Promise<Answer[]> {
    return loaders.answersByResponse.load(response.id);
  }
}

@Resolver(() => Answer)
export class AnswerResolver {
  @FieldResolver(() => Question, { description: 'The question answered.' })
  async question(@Root() answer: Answer, @Ctx() { loaders }: DialogueContext): Promise<Question> {
    return (await loaders.questionById.load(answer.questionId))!;
  }
}
