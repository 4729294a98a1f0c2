import { ListSize } from '@hub/kit';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Breakdown, IndicatorDomain, Language } from '../entities/enums';
import { Indicator } from '../entities/indicator.entity';
import { BreakdownLabel } from '../entities/labels.type';
import type { IndicatorsContext } from '../loaders';
import { languageOf } from '../queries/language.query';
import { BREAKDOWN_LABELS, INDICATOR_TEXTS, UNIT_LABELS } from '../seeds/labels.data';

const LANG_DESCRIPTION =
  "Language of the text; default: the best of en, fr and de the request's Accept-Language asks for, else EN.";

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => Indicator, { nullable: true, description: 'One indicator by code; null when none has it.' })
  indicator(
    @Arg('code', () => ID, { description: 'Indicator code, e.g. "employment_rate_20_64".' }) code: string,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<Indicator | null> {
    return loaders.indicatorByCode.load(code);
  }

  // assumed: the indicators defined (11 from Eurostat's file today)
  @ListSize(50)
  @Query(() => [Indicator], { description: 'All indicators ordered by code, optionally of one domain.' })
  indicators(
    @Arg('domain', () => IndicatorDomain, { nullable: true, description: 'Only indicators of this domain.' })
    domain: IndicatorDomain | null | undefined,
    @Ctx() { em }: IndicatorsContext,
  ): Promise<Indicator[]> {
    return em.find(Indicator, domain ? { domain } : {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => String, {
    description:
      'Short name, in English, French or German (an indicator without a translation falls back to English).',
  })
  name(
    @Root() indicator: Indicator,
    @Arg('lang', () => Language, { nullable: true, description: LANG_DESCRIPTION }) lang: Language | null,
    @Ctx() context: IndicatorsContext,
  ): string {
    const language = languageOf(lang, context);
    if (language === Language.EN) return indicator.name;
    return INDICATOR_TEXTS[indicator.code]?.name[language] ?? indicator.name;
  }

  @FieldResolver(() => String, {
    description:
      'What is measured and how; for derived indicators, how the values are computed. In English, French or German (falls back to English without a translation).',
  })
  description(
    @Root() indicator: Indicator,
    @Arg('lang', () => Language, { nullable: true, description: LANG_DESCRIPTION }) lang: Language | null,
    @Ctx() context: IndicatorsContext,
  ): string {
    const language = languageOf(lang, context);
    if (language === Language.EN) return indicator.description;
    return INDICATOR_TEXTS[indicator.code]?.description[language] ?? indicator.description;
  }

  @FieldResolver(() => String, {
    description:
      'The unit as people read it, e.g. "%", "percentage points" / "points de pourcentage" / "Prozentpunkte".',
  })
  unitLabel(
    @Root() indicator: Indicator,
    @Arg('lang', () => Language, { nullable: true, description: LANG_DESCRIPTION }) lang: Language | null,
    @Ctx() context: IndicatorsContext,
  ): string {
    return UNIT_LABELS[indicator.unit][languageOf(lang, context)];
  }

  // one per breakdown of the indicator, at most every Breakdown
  @ListSize(Object.keys(Breakdown).length)
  @FieldResolver(() => [BreakdownLabel], {
    description:
      'The population groups of this indicator (as in `breakdowns`, same order) with their labels.',
  })
  breakdownLabels(
    @Root() indicator: Indicator,
    @Arg('lang', () => Language, { nullable: true, description: LANG_DESCRIPTION }) lang: Language | null,
    @Ctx() context: IndicatorsContext,
  ): BreakdownLabel[] {
    const language = languageOf(lang, context);
    return indicator.breakdowns.map((breakdown) =>
      Object.assign(new BreakdownLabel(), { breakdown, label: BREAKDOWN_LABELS[breakdown][language] }),
    );
  }
}
