import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Language } from '../entities/enums';
import { IndicatorSource } from '../entities/indicator.entity';
import { ValueRange } from '../entities/labels.type';
import { RankingRowConnection } from '../entities/ranking.type';
import type { IndicatorsContext } from '../loaders';
import { languageOf } from '../queries/language.query';
import { DATASET_TITLES, valueRangeLabel } from '../seeds/labels.data';

const LANG_DESCRIPTION =
  "Language of the label; default: the best of en, fr and de the request's Accept-Language asks for, else EN.";

@Resolver(() => ValueRange)
export class ValueRangeResolver {
  @FieldResolver(() => String, {
    description:
      'What the figures are, e.g. "median and range of the 13 NUTS 2 regions of FR": never a national or EU rate.',
  })
  label(
    @Root() range: ValueRange,
    @Arg('lang', () => Language, { nullable: true, description: LANG_DESCRIPTION }) lang: Language | null,
    @Ctx() context: IndicatorsContext,
  ): string {
    return valueRangeLabel(languageOf(lang, context), range.regionCount, range.area);
  }
}

@Resolver(() => IndicatorSource)
export class IndicatorSourceResolver {
  @FieldResolver(() => String, {
    description:
      "Title of that dataset: Eurostat's English title, or its French or German translation (see `lang`).",
  })
  datasetLabel(
    @Root() source: IndicatorSource,
    @Arg('lang', () => Language, { nullable: true, description: LANG_DESCRIPTION }) lang: Language | null,
    @Ctx() context: IndicatorsContext,
  ): string {
    const language = languageOf(lang, context);
    if (language === Language.EN) return source.datasetLabel;
    return DATASET_TITLES[source.datasetCode]?.[language] ?? source.datasetLabel;
  }
}

@Resolver(() => RankingRowConnection)
export class RankingConnectionResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'The year actually ranked: `period` when given, else the one chosen (see `ranking`); null when nothing is ranked.',
  })
  period(@Root() connection: RankingRowConnection & { period?: number | null }): number | null {
    return connection.period ?? null;
  }
}
