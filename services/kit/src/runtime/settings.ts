import { z } from 'zod';

/**
 * A subgraph's own environment variables (besides the kit's PORT, DATABASE_URL, …), e.g. forum's
 * `FORUM_POSTS_PER_MINUTE`: `hub-subgraph start` reads them from the environment, `startSubgraph` /
 * `startTestSubgraph` / the in-process hub take `config.settings` over them, and resolvers read the parsed
 * value as `context.settings` (also the second argument of `loaders(em, settings)`).
 */
export interface SubgraphSettings<TSettings> {
  /**
   * A zod object of the variables, with their defaults and bounds (`z.coerce.number().int().min(1)…`), optionally
   * `.transform()`ed into the shape the code uses:
   * `z.object({ FORUM_POSTS_PER_MINUTE: … }).transform((env) => ({ postsPerMinute: env.FORUM_POSTS_PER_MINUTE }))`.
   */
  schema: z.ZodType<TSettings>;
}

interface ZodInternals {
  _zod?: { def?: { type?: string; shape?: Record<string, unknown>; in?: unknown } };
}

/** The variable names of a settings schema: the keys of its zod object (through `.transform()`/`.pipe()`). */
export function settingsVariables(schema: z.ZodType): string[] | undefined {
  let current = schema as unknown as ZodInternals;
  for (let depth = 0; depth < 10; depth += 1) {
    const def = current?._zod?.def;
    if (def?.type === 'object' && def.shape) return Object.keys(def.shape);
    if (def?.type !== 'pipe') return undefined;
    current = def.in as ZodInternals;
  }
  return undefined;
}

/** Throws unless the definition's settings schema is a zod object (possibly transformed). */
export function checkSettingsDefinition(name: string, settings: SubgraphSettings<unknown> | undefined): void {
  if (settings && !settingsVariables(settings.schema)) {
    throw new Error(
      `Subgraph "${name}": settings.schema must be a zod object of environment variables (z.object({ … }), optionally .transform(…))`,
    );
  }
}

/** Of `env`, the variables the definition's settings read (what `hub-subgraph start` passes as `config.settings`). */
export function settingsFromEnv(
  definition: { settings?: SubgraphSettings<unknown> },
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const variables = definition.settings ? (settingsVariables(definition.settings.schema) ?? []) : [];
  return Object.fromEntries(
    variables.flatMap((variable) => (env[variable] === undefined ? [] : [[variable, env[variable]!]])),
  );
}

/**
 * The parsed settings of a subgraph: `values` (by variable name, e.g. `{ FORUM_POSTS_PER_MINUTE: 3 }`; strings
 * or already typed values) over the same variables of `env`, checked by `definition.settings.schema`. A value for
 * a variable the schema does not name, or one it rejects, throws one error naming every bad variable. A
 * definition without settings has `{}`.
 */
export function parseSubgraphSettings<TSettings>(
  definition: { name: string; settings?: SubgraphSettings<TSettings> },
  values: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = process.env,
): TSettings {
  const schema = definition.settings?.schema;
  const variables = schema ? (settingsVariables(schema) ?? []) : [];
  const unknown = Object.keys(values).filter((key) => !variables.includes(key));
  if (unknown.length) {
    throw new Error(
      `Unknown setting${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `"${key}"`).join(', ')} for the ${definition.name} subgraph (${
        variables.length ? `it reads ${variables.join(', ')}` : 'it has no settings'
      })`,
    );
  }
  if (!schema) return {} as TSettings;
  const input: Record<string, unknown> = {};
  for (const variable of variables) {
    const value = variable in values ? values[variable] : env[variable];
    if (value !== undefined) input[variable] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(settings)'}: ${issue.message}`,
    );
    throw new Error(`Invalid settings of the ${definition.name} subgraph:\n${lines.join('\n')}`);
  }
  return result.data;
}
