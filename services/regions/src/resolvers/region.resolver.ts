import { decodeCursor, isoCountryCodeOf, toConnection, toPage, validateFirst, ListSize } from '@hub/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { RegionConnection } from '../entities/connections.type';
import { Membership } from '../entities/membership.entity';
import { Region } from '../entities/region.entity';
import { RegionTypology, typologyOf } from '../entities/region-typology.type';
import { RegionsArgs } from '../inputs/regions.input';
import type { RegionsContext } from '../loaders';
import { countRegions, listRegions, regionsWhere } from '../queries/regions.query';

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
    const afterCode = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    const where = regionsWhere(args);
    const rows = first === 0 ? [] : await listRegions(em, where, afterCode, first + 1);
    return toConnection(
      RegionConnection,
      toPage(rows as Region[], first, afterCode !== null, (region) => [region.code]),
      () => countRegions(em, where),
    );
  }

  @FieldResolver(() => String, {
    description:
      'ISO 3166-1 alpha-2 code of the country the region lies in: "GR" for Greece, where NUTS codes say EL (see `country` for the country as a region). Kosovo is "XK", the user-assigned code the EU uses.',
  })
  isoCountryCode(@Root() region: Region): string {
    return isoCountryCodeOf(region.countryCode);
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

  // the most children of a NUTS region: 23 (DE21, in NUTS 2021 and 2024)
  @ListSize(25)
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

  // levels 0-2 above a NUTS 3 region
  @ListSize(3)
  @FieldResolver(() => [Region], {
    description: 'All regions above this one, from the country down to the parent.',
  })
  async ancestors(@Root() region: Region, @Ctx() { loaders }: RegionsContext): Promise<Region[]> {
    // NUTS codes are prefix-hierarchical: "FRH01" lies in "FRH0", "FRH" and "FR".
    const codes = Array.from({ length: region.level }, (_, index) => region.code.slice(0, 2 + index));
    const found = await loaders.regionByCode.loadMany(codes);
    // rows, not entities: anything but a region (null, or a loader error) is left out
    return found.filter((item): item is Region => item !== null && !(item instanceof Error));
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

  // assumed: organisations a region takes part in
  @ListSize(50)
  @FieldResolver(() => [Membership], {
    description: 'Organisations this region is a member of, with sources.',
  })
  memberships(@Root() region: Region, @Ctx() { loaders }: RegionsContext): Promise<Membership[]> {
    return loaders.membershipsByRegionCode.load(region.code);
  }
}
