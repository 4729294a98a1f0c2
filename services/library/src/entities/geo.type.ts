import { Field, Float, ObjectType } from 'type-graphql';

/** A point on the map (WGS 84). */
@ObjectType('GeoPoint', { description: 'A point in WGS 84 longitude and latitude (decimal degrees).' })
export class GeoPoint {
  @Field(() => Float, { description: 'Longitude, -180 to 180 (east positive).' })
  longitude!: number;

  @Field(() => Float, { description: 'Latitude, -90 to 90 (north positive).' })
  latitude!: number;
}
