import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Breakdown, IndicatorDomain, IndicatorUnit } from './enums';

@ObjectType('IndicatorSource', { description: 'Where the values of an indicator come from.' })
export class IndicatorSource {
  @Field(() => String, { description: 'Who publishes the data, e.g. "Eurostat".' })
  publisher!: string;

  @Field(() => String, {
    description: 'Code of the dataset the values come from (or are derived from), e.g. "lfst_r_lfe2emprc".',
  })
  datasetCode!: string;

  /** Eurostat's English title (GraphQL `datasetLabel(lang:)`, resolved in `IndicatorSourceResolver`). */
  datasetLabel!: string;

  @Field(() => String, { description: 'Web page of the dataset.' })
  url!: string;

  @Field(() => String, { description: 'Licence and the attribution its reuse requires.' })
  licence!: string;
}

/** A measure the hub holds values of, per region, period and population group. Reference data (seeded). */
@ObjectType('Indicator', {
  description:
    'A statistical measure of migrant integration (e.g. the employment rate of persons aged 20-64), observed per region, year and population group.',
})
@Directive('@key(fields: "code")')
@Entity({ tableName: 'indicator' })
export class Indicator {
  @Field(() => ID, { description: 'Stable identifier, e.g. "employment_rate_20_64".' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  /** Short name in English (GraphQL `name(lang:)`, resolved in `IndicatorResolver` with its translations). */
  @Property({ type: 'text' })
  name!: string;

  /** In English (GraphQL `description(lang:)`, resolved in `IndicatorResolver` with its translations). */
  @Property({ type: 'text' })
  description!: string;

  @Field(() => IndicatorUnit, { description: 'Unit of the values.' })
  @Property({ type: 'text' })
  unit!: IndicatorUnit;

  @Field(() => IndicatorDomain, { description: 'Policy domain.' })
  @Property({ type: 'text' })
  domain!: IndicatorDomain;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when a higher value is better for integration, false when lower is better, null when neither (e.g. population counts).',
  })
  @Property({ type: 'boolean', nullable: true })
  higherIsBetter!: boolean | null;

  @Field(() => Boolean, {
    description:
      'True when the values are computed from published figures (by the compiling project, see `description`) rather than published as such.',
  })
  @Property({ type: 'boolean' })
  isDerived!: boolean;

  @Field(() => [Breakdown], { description: 'The population groups this indicator has values for.' })
  @Property({ type: 'json' })
  breakdowns!: Breakdown[];

  @Property({ type: 'text' })
  sourcePublisher!: string;

  @Property({ type: 'text' })
  sourceDatasetCode!: string;

  @Property({ type: 'text' })
  sourceDatasetLabel!: string;

  @Property({ type: 'text' })
  sourceUrl!: string;

  @Property({ type: 'text' })
  sourceLicence!: string;

  @Field(() => IndicatorSource, { description: 'Publisher, dataset, web page and licence of the values.' })
  get source(): IndicatorSource {
    return Object.assign(new IndicatorSource(), {
      publisher: this.sourcePublisher,
      datasetCode: this.sourceDatasetCode,
      datasetLabel: this.sourceDatasetLabel,
      url: this.sourceUrl,
      licence: this.sourceLicence,
    });
  }
}
