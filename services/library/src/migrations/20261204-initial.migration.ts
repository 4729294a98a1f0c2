import { Migration } from '@mikro-orm/migrations';
import { TEXT_SEARCH_CONFIGURATIONS } from '../entities/languages';

/** `CASE` arms mapping an ISO 639-1 code to its PostgreSQL text search configuration. */
const configurationCases = Object.entries(TEXT_SEARCH_CONFIGURATIONS)
  .map(([code, configuration]) => `WHEN '${code}' THEN '${configuration}'::regconfig`)
  .join(' ');

/** One `to_tsquery` per configuration: a prefix term matches whatever the resource's language. */
const queryPerConfiguration = [...new Set(['simple', ...Object.values(TEXT_SEARCH_CONFIGURATIONS)])]
  .map((configuration) => `to_tsquery('${configuration}', term || ':*')`)
  .join(', ');

/**
 * Resources with their search columns. `search_vector`, `search_text`, `region_keys`, `country_codes` and
 * `published_year` are derived by a trigger from the row itself (title, summary, body and language versions,
 * each in its own language's configuration, accents removed; territories and every region above them), so the
 * GraphQL writes and the bulk import index alike.
 */
export class InitialLibraryMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`
      create function library_ts_config(language text) returns regconfig language sql immutable parallel safe as $$
        SELECT CASE language ${configurationCases} ELSE 'simple'::regconfig END
      $$;`);
    this.addSql(`
      create function library_unaccent(value text) returns text language sql immutable parallel safe as $$
        SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, '')))
      $$;`);
    this.addSql(`
      create function library_tsquery(term text) returns tsquery language sql immutable parallel safe as $$
        SELECT string_agg(DISTINCT query::text, ' | ')::tsquery
        FROM unnest(ARRAY[${queryPerConfiguration}]) AS query WHERE query::text <> ''
      $$;`);
    this.addSql(`
      create function library_document(language text, title text, summary text, body text) returns tsvector
      language sql immutable parallel safe as $$
        SELECT setweight(to_tsvector(library_ts_config(language), library_unaccent(title)), 'A')
            || setweight(to_tsvector(library_ts_config(language), library_unaccent(summary)), 'B')
            || setweight(to_tsvector(library_ts_config(language), library_unaccent(body)), 'C')
      $$;`);
    this.addSql(`
      create table "resource" (
        "id" uuid not null primary key,
        "kind" text not null,
        "status" text not null,
        "language" text not null,
        "title" text not null,
        "summary" text not null,
        "body" text not null default '',
        "versions" jsonb not null default '[]',
        "organisation_id" text not null,
        "authors" text[] not null default '{}',
        "published_on" date not null,
        "link" text null,
        "licence" text null,
        "strand" text null,
        "policy_areas" text[] not null default '{}',
        "target_groups" text[] not null default '{}',
        "territory_codes" text[] not null default '{}',
        "longitude" double precision null check ("longitude" between -180 and 180),
        "latitude" double precision null check ("latitude" between -90 and 90),
        "event_id" uuid null,
        "thread_ids" uuid[] not null default '{}',
        "import_key" text null,
        "published_at" timestamptz(3) null,
        "archived_at" timestamptz(3) null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now(),
        "search_vector" tsvector not null default ''::tsvector,
        "search_text" text not null default '',
        "region_keys" text[] not null default '{}',
        "country_codes" text[] not null default '{}',
        "published_year" int not null default 0,
        check (("longitude" is null) = ("latitude" is null))
      );`);
    this.addSql(`
      create function library_resource_derive() returns trigger language plpgsql as $$
      DECLARE
        translation jsonb;
      BEGIN
        NEW.search_vector := library_document(NEW.language, NEW.title, NEW.summary, NEW.body);
        FOR translation IN SELECT value FROM jsonb_array_elements(NEW.versions) LOOP
          NEW.search_vector := NEW.search_vector || library_document(translation->>'language',
            translation->>'title', translation->>'summary', translation->>'body');
        END LOOP;
        NEW.search_text := library_unaccent(concat_ws(' ', NEW.title, NEW.summary,
          (SELECT string_agg(concat_ws(' ', v->>'title', v->>'summary'), ' ') FROM jsonb_array_elements(NEW.versions) v)));
        NEW.region_keys := coalesce((SELECT array_agg(DISTINCT left(code, n) ORDER BY left(code, n))
          FROM unnest(NEW.territory_codes) code, generate_series(2, length(code)) n), '{}');
        NEW.country_codes := coalesce((SELECT array_agg(DISTINCT left(code, 2) ORDER BY left(code, 2))
          FROM unnest(NEW.territory_codes) code), '{}');
        NEW.published_year := extract(year FROM NEW.published_on)::int;
        RETURN NEW;
      END $$;`);
    this.addSql(`
      create trigger "resource_derive" before insert or update of
        "language", "title", "summary", "body", "versions", "territory_codes", "published_on"
      on "resource" for each row execute function library_resource_derive();`);
    this.addSql(`create index "resource_search_index" on "resource" using gin ("search_vector");`);
    this.addSql(
      `create index "resource_search_text_index" on "resource" using gin ("search_text" gin_trgm_ops);`,
    );
    this.addSql(`create index "resource_region_keys_index" on "resource" using gin ("region_keys");`);
    // Facets and maps of lists without a text query read only this index (an index-only scan).
    this.addSql(`create index "resource_facets_index" on "resource"
      ("status", "kind", "language", "published_year")
      include ("organisation_id", "policy_areas", "target_groups", "country_codes", "region_keys");`);
    this.addSql(`create index "resource_policy_areas_index" on "resource" using gin ("policy_areas");`);
    this.addSql(`create index "resource_thread_ids_index" on "resource" using gin ("thread_ids");`);
    this.addSql(
      `create index "resource_organisation_index" on "resource" ("organisation_id", "published_on", "id");`,
    );
    this.addSql(
      `create index "resource_event_index" on "resource" ("event_id") where "event_id" is not null;`,
    );
    // both date orders (published_on, id) ascending and descending, forwards and backwards
    this.addSql(`create index "resource_published_index" on "resource" ("published_on", "id");`);
    this.addSql(
      `create index "resource_location_index" on "resource" ("latitude", "longitude") where "latitude" is not null;`,
    );
    this.addSql(
      `create unique index "resource_import_key_index" on "resource" ("organisation_id", "import_key") where "import_key" is not null;`,
    );
  }
}
