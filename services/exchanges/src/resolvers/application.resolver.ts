import { PageArgs } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Application } from '../entities/application.entity';
import { Programme } from '../entities/programme.entity';
import { Organisation, organisationReference, Region, regionReference } from '../entities/references.type';
import { MentorSuggestionConnection } from '../entities/suggestion.type';
import type { ExchangesContext } from '../loaders';
import { visibleApplication } from '../queries/records.query';
import { suggestedMentors } from '../queries/suggestions.query';

/** Reading applications (private: their organisation, the organiser's editors and admins) and suggestions. */
@Resolver(() => Application)
export class ApplicationResolver {
  @Query(() => Application, {
    nullable: true,
    description:
      "One application by id; null when there is none or you may not see it (only its organisation and the organiser's editors and hub admins may).",
  })
  async application(
    @Arg('id', () => ID, { description: 'The application (its id).' }) id: string,
    @Ctx() context: ExchangesContext,
  ): Promise<Application | null> {
    return (await visibleApplication(id, context))?.application ?? null;
  }

  @Query(() => MentorSuggestionConnection, {
    description:
      "Mentor applications of the same programme ranked for a mentee application, best first, each with its score (0-100) and the evidence behind it: employment gap and foreign-born share (indicators subgraph), the mentee's needs (stated, and `Region.needs` of the dialogue subgraph) covered by the mentor's offers, shared languages, and the distance between the regions (regions subgraph). For the organiser's editors and hub admins.",
  })
  suggestedMentors(
    @Arg('application', () => ID, { description: 'The MENTEE application to find mentors for.' })
    application: string,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: ExchangesContext,
  ): Promise<MentorSuggestionConnection> {
    return suggestedMentors(context, application, args);
  }

  @FieldResolver(() => Programme, { description: 'The programme applied to.' })
  async programme(@Root() application: Application, @Ctx() context: ExchangesContext): Promise<Programme> {
    return (await context.loaders.programmeById.load(application.programmeId))!;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that applied.' })
  organisation(@Root() application: Application): Organisation {
    return organisationReference(application.organisation);
  }

  @FieldResolver(() => Region, { description: 'The territory applied for.' })
  territory(@Root() application: Application): Region {
    return regionReference(application.territory);
  }
}
