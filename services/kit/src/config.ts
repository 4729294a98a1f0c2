import { z } from 'zod';

export { z };

/** Fields every subgraph process reads from its environment. */
export const subgraphEnvSchema = z.object({
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _')
    .optional(),
  INTERNAL_TOKEN_SECRET: z
    .string()
    .min(32, 'at least 32 characters, shared only by the gateway and the subgraphs'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Parses `env` once with `schema`; on failure throws one readable error naming every bad variable,
 * so a process never starts half-configured.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
