import { Entity, PrimaryKey, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * A region a thread is about (NUTS 2024 code, checked against the regions subgraph when written). A table of
 * its own, indexed with `text_pattern_ops`, so "this region or any descendant" is an index range on the code.
 */
@Entity({ tableName: 'thread_region' })
export class ThreadRegion {
  [PrimaryKeyProp]?: ['threadId', 'regionCode'];

  @PrimaryKey({ type: 'uuid' })
  threadId!: string;

  @PrimaryKey({ type: 'text' })
  regionCode!: string;
}
