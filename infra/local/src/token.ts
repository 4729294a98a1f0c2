import { parseArgs } from 'node:util';
import { issueClientToken } from '@hub/gateway';
import { isRole, type Role } from '@hub/kit';
import { DEFAULT_DATA_DIR } from './hub';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, loadLocalSecrets } from './secrets';

const USAGE = `Issues a token for the local hub (or for JWT_SECRET when set) and prints it.

  npm run -s token -- --org <organisation id> --role <role> [--role <role>] [--name "Display name"]
                      [--sub <subject>] [--ttl <seconds | 30m | 8h | 7d>]

Roles: contributor, editor, moderator, admin. Default ttl: 8h.
Example: npm run -s token -- --org cpmr --role editor --name "CPMR editor"`;

function ttlSeconds(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new Error(`--ttl must be a number of seconds or like 30m, 8h, 7d (got "${text}")`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const roles = (values.role ?? []).flatMap((role) => role.split(','));
  const unknown = roles.filter((role) => !isRole(role));
  if (!values.org || !roles.length || unknown.length) {
    throw new Error(`${unknown.length ? `Unknown role(s): ${unknown.join(', ')}\n` : ''}${USAGE}`);
  }
  const secrets = loadLocalSecrets(process.env.HUB_DATA_DIR ?? DEFAULT_DATA_DIR);
  const token = await issueClientToken({
    secret: secrets.jwtSecret,
    issuer: process.env.JWT_ISSUER ?? LOCAL_TOKEN_ISSUER,
    audience: process.env.JWT_AUDIENCE ?? LOCAL_TOKEN_AUDIENCE,
    subject: values.sub ?? `${values.org}-${roles.join('-')}-local`,
    name: values.name ?? `${values.org} ${roles.join(' and ')} (local)`,
    organisationId: values.org,
    roles: roles as Role[],
    ttlSeconds: ttlSeconds(values.ttl),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
