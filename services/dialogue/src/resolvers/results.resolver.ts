import { ListSize } from '@hub/kit';
import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { BreakdownLevel } from '../entities/enums';
import { Question } from '../entities/question.entity';
import { QuestionResult, TerritoryResultCell } from '../entities/results.type';

/** The fields of a question's published result that are not plain values. */
@Resolver(() => QuestionResult)
export class QuestionResultResolver {
  @FieldResolver(() => Question, { description: 'The question.' })
  question(@Root() result: QuestionResult): Question {
    return result.question!;
  }

  // the regions of one BreakdownLevel: 333 NUTS 2 regions in NUTS 2024, the largest level
  @ListSize(340)
  @FieldResolver(() => [TerritoryResultCell], {
    description:
      'One cell per region of `level` with at least one answer, in code order (suppressed cells included and marked). A response counts in the region its territory code starts with; responses for a larger territory count in no cell of this level.',
  })
  byRegion(
    @Root() result: QuestionResult,
    @Arg('level', () => BreakdownLevel, { description: 'Country, NUTS 1 or NUTS 2.' }) level: BreakdownLevel,
  ): TerritoryResultCell[] {
    return result.cells[level];
  }
}
