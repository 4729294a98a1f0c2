import {
  badUserInput,
  decodeCursor,
  normaliseSearchText,
  toConnection,
  toPage,
  validateFirst,
  validateIntRange,
} from '@hub/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Membership } from '../entities/membership.entity';
import { Region } from '../entities/region.entity';
import { RegionsArgs } from './inputs/regions.args';
import { RegionConnection, RegionTypology, typologyOf } from './region.types';
import type { RegionsContext } from './types';

const MAX_SEARCH_LENGTH = 200;

/** Every column a Region needs for GraphQL except the (large, lazily loaded) geometry. */
const REGION_LIST_COLUMNS = [
  'code',
  'level',
  'name',
  'nationalName',
  'countryCode',
  'parentCode',
  'isExtraRegio',
  'isEu',
  'classification',
  'mountainType',
  'urbanRuralType',
  'coastalType',
] as const;

/** Builds the filter of `regions(...)`; throws BAD_USER_INPUT naming the argument at fault. */
export function regionsFilter(args: RegionsArgs): FilterQuery<Region> {
  const where: FilterQuery<Region> & Record<string, unknown> = {};
  if (args.level !== null && args.level !== undefined)
    where.level = validateIntRange(args.level, 0, 3, 'level');
  if (args.country) where.countryCode = args.country.trim().toUpperCase();
  if (args.eu !== null && args.eu !== undefined) where.isEu = args.eu;
  if (args.parent) where.parentCode = args.parent.trim().toUpperCase();
  if (!args.includeExtraRegio) where.isExtraRegio = false;
  if (args.search !== null && args.search !== undefined) {
    if (args.search.length > MAX_SEARCH_LENGTH) {
      throw badUserInput(`Argument "search" must be at most ${MAX_SEARCH_LENGTH} characters long.`, 'search');
    }
    const words = normaliseSearchText(args.search).split(' ').filter(Boolean);
    // Every word must begin a word of a name ("kriti" finds Kriti, not "Vilniaus apskritis"). Normalised text
    // holds only letters, digits and spaces, so the words need no escaping inside the pattern.
    if (words.length) where.$and = words.map((word) => ({ searchText: { $re: `(^| )${word}` } }));
  }
  return where;
}

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, {
    nullable: true,
    description: 'One region by its NUTS 2024 code; null when no region has it.',
  })
  region(
    @Arg('code', () => ID, { description: 'NUTS 2024 code, e.g. "FR10".' }) code: string,
    @Ctx() { loaders }: RegionsContext,
  ): Promise<Region | null> {
    return loaders.regionByCode.load(code.trim().toUpperCase());
  }

  @Query(() => RegionConnection, {
    description:
      'Regions ordered by code, filtered and paged. Extra-Regio units are left out unless asked for.',
  })
  async regions(
    @Args(() => RegionsArgs) args: RegionsArgs,
    @Ctx() { em }: RegionsContext,
  ): Promise<RegionConnection> {
    const first = validateFirst(args.first);
    const where = regionsFilter(args);
    const filtered: FilterQuery<Region> = args.after
      ? { $and: [where, { code: { $gt: String(decodeCursor(args.after, 1)[0]) } }] }
      : where;
    // Plain mapped rows, not managed entities: a read-only page needs no identity map or change tracking.
    const rows =
      first === 0
        ? []
        : await em
            .createQueryBuilder(Region)
            .select([...REGION_LIST_COLUMNS])
            .where(filtered)
            .orderBy({ code: 'asc' })
            .limit(first + 1)
            .execute<Region[]>('all', true);
    return toConnection(
      RegionConnection,
      toPage(rows, first, Boolean(args.after), (region) => [region.code]),
      () => em.count(Region, where),
    );
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The country (level-0 region) this region lies in.',
  })
  country(@Root() region: Region, @Ctx() { loaders }: RegionsContext): Promise<Region | null> {
    return loaders.regionByCode.load(region.countryCode);
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The region one level up; null for a country.',
  })
  parent(@Root() region: Region, @Ctx() { loaders }: RegionsContext): Promise<Region | null> {
    return region.parentCode ? loaders.regionByCode.load(region.parentCode) : Promise.resolve(null);
  }

  @FieldResolver(() => [Region], { description: 'The regions one level down, ordered by code.' })
  async children(
    @Root() region: Region,
    @Arg('includeExtraRegio', () => Boolean, {
      defaultValue: false,
      description: 'Include Extra-Regio units.',
    })
    includeExtraRegio: boolean,
    @Ctx() { loaders }: RegionsContext,
  ): Promise<Region[]> {
    const children = await loaders.childrenByParentCode.load(region.code);
    return includeExtraRegio ? children : children.filter((child) => !child.isExtraRegio);
  }

  @FieldResolver(() => [Region], {
    description: 'All regions above this one, from the country down to the parent.',
  })
  async ancestors(@Root() region: Region, @Ctx() { loaders }: RegionsContext): Promise<Region[]> {
    // NUTS codes are prefix-hierarchical: "FRH01" lies in "FRH0", "FRH" and "FR".
    const codes = Array.from({ length: region.level }, (_, index) => region.code.slice(0, 2 + index));
    const found = await loaders.regionByCode.loadMany(codes);
    return found.filter((item): item is Region => item instanceof Region);
  }

  @FieldResolver(() => RegionTypology, {
    nullable: true,
    description: 'Territorial typologies (urban-rural, coastal, mountain) where the NUTS 2021 data has them.',
  })
  typology(@Root() region: Region): RegionTypology | null {
    return typologyOf(region);
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'GeoJSON geometry (WGS 84) of the region at 1:60 million, from the GISCO NUTS 2021 boundaries, for levels 0-2 and only where the region is unchanged in NUTS 2024. © EuroGeographics for the administrative boundaries.',
  })
  geometry(
    @Root() region: Region,
    @Ctx() { loaders }: RegionsContext,
  ): Promise<Record<string, unknown> | null> {
    return loaders.geometryByCode.load(region.code);
  }

  @FieldResolver(() => [Membership], {
    description: 'Organisations this region is a member of, with sources.',
  })
  memberships(@Root() region: Region, @Ctx() { loaders }: RegionsContext): Promise<Membership[]> {
    return loaders.membershipsByRegionCode.load(region.code);
  }
}
