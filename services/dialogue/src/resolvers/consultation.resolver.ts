import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Audience } from '../entities/audience.type';
import { Consultation } from '../entities/consultation.entity';
import { ConsultationConnection, ResponseConnection } from '../entities/connections.type';
import { Question } from '../entities/question.entity';
import {
  Event,
  eventReference,
  Organisation,
  organisationReference,
  Region,
  regionReference,
  Thread,
  threadReference,
} from '../entities/references.type';
import { ConsultationResults } from '../entities/results.type';
import { ConsultationListArgs } from '../inputs/consultation-list.input';
import type { DialogueContext } from '../loaders';
import { consultationPage } from '../queries/consultation-lists.query';
import { publishedResults } from '../queries/published-results.query';
import { resultsCsv } from '../queries/results-csv.query';
import { responsePage } from '../queries/response-lists.query';
import { visibleConsultation } from '../queries/visibility.query';
import { PageArgs, ListSize } from '@hub/kit';

/** Reading consultations, and the fields of `Consultation` that are not columns. */
@Resolver(() => Consultation)
export class ConsultationResolver {
  @Query(() => Consultation, {
    nullable: true,
    description: 'One consultation by id; null when there is none or it is a draft you may not see.',
  })
  consultation(
    @Arg('id', () => ID, { description: 'The consultation id (a UUID).' }) id: string,
    @Ctx() context: DialogueContext,
  ): Promise<Consultation | null> {
    return visibleConsultation(id, context);
  }

  @Query(() => ConsultationConnection, {
    description:
      'Consultations you may see (every non-draft; drafts of your organisation if you prepare them), filtered and paged.',
  })
  consultations(
    @Args(() => ConsultationListArgs) args: ConsultationListArgs,
    @Ctx() context: DialogueContext,
  ) {
    return consultationPage(context, args.filter ?? {}, args);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that runs the consultation.' })
  organiser(@Root() consultation: Consultation): Organisation {
    return organisationReference(consultation.organiser);
  }

  @FieldResolver(() => Audience, { description: 'Who may answer.' })
  audience(@Root() consultation: Consultation): Audience {
    return Object.assign(new Audience(), {
      kind: consultation.audienceKind,
      organisationIds: consultation.audienceOrganisations,
    });
  }

  // CreateConsultationInput.regions: at most 500
  @ListSize(500)
  @FieldResolver(() => [Region], {
    description: 'The territories the consultation concerns (may be empty: all of them).',
  })
  regions(@Root() consultation: Consultation): Region[] {
    return consultation.regionCodes.map(regionReference);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description: 'The related roundtable or other event, if any.',
  })
  event(@Root() consultation: Consultation): Event | null {
    return consultation.eventId ? eventReference(consultation.eventId) : null;
  }

  @FieldResolver(() => Thread, {
    nullable: true,
    description: 'The forum thread where the consultation is discussed, if any.',
  })
  discussion(@Root() consultation: Consultation): Thread | null {
    return consultation.threadId ? threadReference(consultation.threadId) : null;
  }

  // CreateConsultationInput.questions: at most 100
  @ListSize(100)
  @FieldResolver(() => [Question], { description: 'The questions, in order.' })
  questions(@Root() consultation: Consultation, @Ctx() { loaders }: DialogueContext): Promise<Question[]> {
    return loaders.questionsByConsultation.load(consultation.id);
  }

  @FieldResolver(() => Int, { description: 'Submitted responses so far (withdrawn ones do not count).' })
  responseCount(@Root() consultation: Consultation, @Ctx() { loaders }: DialogueContext): Promise<number> {
    return loaders.responseCount.load(consultation.id);
  }

  @FieldResolver(() => ResponseConnection, {
    description:
      "The responses you may read: all of them for the organiser's editors and hub admins, your organisation's own otherwise (none when signed out).",
  })
  responses(
    @Root() consultation: Consultation,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: DialogueContext,
  ) {
    return responsePage(context, consultation, args);
  }

  @FieldResolver(() => ConsultationResults, {
    nullable: true,
    description:
      'Aggregated results, public once RESULTS_PUBLISHED; null before. Cells of fewer than 3 answers, or that could be read by difference from a larger cell, are suppressed.',
  })
  results(
    @Root() consultation: Consultation,
    @Ctx() context: DialogueContext,
  ): Promise<ConsultationResults | null> {
    return publishedResults(consultation, context);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The published results as CSV (RFC 4180, CRLF), null before RESULTS_PUBLISHED. Columns: question_position, question_kind, question_prompt, level (OVERALL, COUNTRY, NUTS1, NUTS2), region (NUTS code), option, count, answer_count, mean, suppressed. One row per question × territory × option; a suppressed cell, or one without options (NUMBER, FREE_TEXT), is one row with option and count empty (suppressed: every figure empty).',
  })
  async resultsCsv(
    @Root() consultation: Consultation,
    @Ctx() context: DialogueContext,
  ): Promise<string | null> {
    const results = await publishedResults(consultation, context);
    return results ? resultsCsv(results) : null;
  }
}

@Resolver(() => Audience)
export class AudienceResolver {
  // LISTED_ORGANISATIONS: at most 200
  @ListSize(200)
  @FieldResolver(() => [Organisation], {
    description:
      'MEMBERS_OF_ORGANISATION: the organisation whose members may answer; LISTED_ORGANISATIONS: those listed; else empty.',
  })
  organisations(@Root() audience: Audience): Organisation[] {
    return audience.organisationIds.map(organisationReference);
  }
}
