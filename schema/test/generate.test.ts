import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { infraFiles } from '../src/generate/infra';
import { packageFiles } from '../src/generate/packages';
import { GENERATED_NOTE } from '../src/generate/template';
import { readSubgraphList, REPO_ROOT, type SubgraphEntry } from '../src/subgraphs';

const subgraphs = readSubgraphList();
/** The list with one more subgraph, `probe` (peers regions and forum), on the next free port. */
const port = Math.max(...subgraphs.map((subgraph) => subgraph.port)) + 1;
const withProbe: SubgraphEntry[] = [
  ...subgraphs,
  {
    name: 'probe',
    package: '@hub/probe',
    port,
    peers: ['regions', 'forum'],
    url: `http://localhost:${port}/graphql`,
    schema: '../services/probe/schema.graphql',
    schemaFile: '/nowhere/schema.graphql',
    directory: '/nowhere',
  },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, read field by field
function yamlOf(file: string, list = withProbe): Array<Record<string, any>> {
  const generated = infraFiles(list).find((candidate) => candidate.file === file);
  if (!generated) throw new Error(`${file} is not generated`);
  return parseAllDocuments(generated.content, { merge: true }).map((document) => document.toJS());
}

describe('files generated from schema/subgraphs.json', () => {
  it('marks every generated file as generated', () => {
    for (const file of [...infraFiles(subgraphs), ...packageFiles(subgraphs)]) {
      if (file.file.endsWith('.json')) continue; // JSON has no comments: package lists are drift-checked instead
      expect(file.content, file.file).toContain(GENERATED_NOTE);
    }
  });

  it('a new entry gets its compose service, with its peers as URLs and start dependencies, and a gateway URL', () => {
    const [compose] = yamlOf('infra/compose.yaml');
    const probe = compose!.services.probe;
    expect(probe.build).toMatchObject({ target: 'subgraph', args: { SUBGRAPH: 'probe' } });
    expect(probe.environment).toMatchObject({
      PORT: String(port),
      DATABASE_NAME: 'hub_probe',
      REGIONS_SUBGRAPH_URL: 'http://regions:4001/graphql',
      FORUM_SUBGRAPH_URL: 'http://forum:4003/graphql',
      // its own keys from the env file, the gateway's public key only (no shared secret)
      INTERNAL_VERIFY_KEYS: expect.stringMatching(/^\$\{HUB_GATEWAY_PUBLIC_KEY:\?/),
      INTERNAL_SIGNING_KEY: expect.stringMatching(/^\$\{HUB_PROBE_SIGNING_KEY:\?/),
      PEER_KEYS: expect.stringMatching(/^\$\{HUB_PROBE_PEER_KEYS:\?/),
    });
    expect(compose!.services.gateway.environment.INTERNAL_SIGNING_KEY).toMatch(
      /^\$\{HUB_GATEWAY_SIGNING_KEY:\?/,
    );
    // after its role exists (db-roles), then after its peers
    expect(Object.keys(probe.depends_on)).toEqual(['postgres', 'db-roles', 'regions', 'forum']);
    expect(probe.depends_on['db-roles']).toEqual({ condition: 'service_completed_successfully' });
    expect(probe.read_only).toBe(true); // from the shared x-subgraph settings
    expect(compose!.services.gateway.environment.SUBGRAPH_URL_PROBE).toBe(`http://probe:${port}/graphql`);
    expect(Object.keys(compose!.services.gateway.depends_on)).toEqual(
      withProbe.map((subgraph) => subgraph.name),
    );
    expect(compose!.services.regions.environment).not.toHaveProperty('REGIONS_SUBGRAPH_URL');
  });

  it('a new entry gets its own database role in compose, its password from the env file only', () => {
    const [compose] = yamlOf('infra/compose.yaml');
    const password = '${HUB_PROBE_DATABASE_PASSWORD:?';
    const url = compose!.services.probe.environment.DATABASE_URL as string;
    expect(url.startsWith(`postgres://hub_probe:${password}`)).toBe(true);
    expect(url.endsWith('@postgres:5432/hub_probe')).toBe(true);
    const roles = compose!.services['db-roles'];
    expect(roles.command).toEqual(['psql', '--no-psqlrc', '--quiet', '--file', '/hub/roles.sql']);
    expect(roles.volumes).toEqual(['./db/roles.sql:/hub/roles.sql:ro']);
    expect(roles.environment.HUB_PROBE_DATABASE_PASSWORD.startsWith(password)).toBe(true);
    expect(Object.keys(roles.environment).filter((name) => name.endsWith('_DATABASE_PASSWORD'))).toEqual(
      withProbe.map((subgraph) => `HUB_${subgraph.name.toUpperCase()}_DATABASE_PASSWORD`),
    );
    // the superuser's password from the env file too, known to db-roles and PostgreSQL only
    expect(compose!.services.postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{HUB_POSTGRES_PASSWORD:\?/);
    for (const [name, service] of Object.entries(compose!.services)) {
      const environment = JSON.stringify((service as { environment?: unknown }).environment ?? {});
      expect(environment.includes('HUB_POSTGRES_PASSWORD'), name).toBe(
        ['postgres', 'db-roles'].includes(name),
      );
    }

    const script = infraFiles(withProbe).find((file) => file.file === 'infra/db/roles.sql')!.content;
    expect(script).toContain(GENERATED_NOTE);
    expect(script).toContain(
      "ALTER ROLE hub_probe WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'probe_password';",
    );
    expect(script).toContain('\\getenv probe_password HUB_PROBE_DATABASE_PASSWORD');
    expect(script).toContain('REVOKE ALL ON DATABASE hub_probe FROM PUBLIC;');
  });

  it('a new entry gets its Kubernetes manifest, a place in the kustomization and a gateway URL', () => {
    const [configMap, migration, deployment, service] = yamlOf('infra/k8s/probe.yaml');
    expect(configMap).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'probe' },
      data: {
        PORT: String(port),
        DATABASE_NAME: 'hub_probe',
        MIGRATE_ON_START: 'false',
        FORUM_SUBGRAPH_URL: 'http://forum:4003/graphql',
      },
    });
    // migrations as a Job of its own, with the subgraph's own database role (Secret hub-database-probe)
    expect(migration).toMatchObject({ kind: 'Job', metadata: { name: 'probe-migrate' } });
    const migrate = migration!.spec.template.spec.containers[0];
    expect(migrate.image).toBe('ghcr.io/example/hub-probe:0.1.0');
    expect(migrate.command).toEqual(['node', '/app/services/kit/dist/runtime/cli.js', 'migrate']);
    const secretOf = (env: Array<{ name: string; valueFrom?: { secretKeyRef: unknown } }>, name: string) =>
      env.find((variable) => variable.name === name)?.valueFrom?.secretKeyRef;
    expect(secretOf(migrate.env, 'DATABASE_URL')).toEqual({ name: 'hub-database-probe', key: 'url' });
    expect(deployment!.kind).toBe('Deployment');
    const container = deployment!.spec.template.spec.containers[0];
    expect(container).toMatchObject({ name: 'probe', image: 'ghcr.io/example/hub-probe:0.1.0' });
    // the gateway's public key only, and the subgraph's own key pair: never a shared or gateway private key
    expect(secretOf(container.env, 'DATABASE_URL')).toEqual({ name: 'hub-database-probe', key: 'url' });
    expect(secretOf(container.env, 'INTERNAL_VERIFY_KEYS')).toEqual({
      name: 'hub-internal-keys',
      key: 'gateway-public',
    });
    expect(secretOf(container.env, 'INTERNAL_SIGNING_KEY')).toEqual({
      name: 'hub-internal-probe',
      key: 'signing-key',
    });
    expect(secretOf(container.env, 'PEER_KEYS')).toEqual({ name: 'hub-internal-probe', key: 'peer-keys' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(deployment!.spec.template.metadata.labels['app.kubernetes.io/component']).toBe('subgraph');
    expect(service!.spec.ports[0].port).toBe(port);

    const [kustomization] = yamlOf('infra/k8s/kustomization.yaml');
    expect(kustomization!.resources).toContain('probe.yaml');
    expect(kustomization!.images.map((image: { name: string }) => image.name)).toContain(
      'ghcr.io/example/hub-probe',
    );
    const [gatewayConfig] = yamlOf('infra/k8s/gateway.yaml');
    expect(gatewayConfig!.data.SUBGRAPH_URL_PROBE).toBe(`http://probe:${port}/graphql`);
  });

  it('the Dockerfile accepts exactly the listed subgraphs as SUBGRAPH and keeps its syntax line first', () => {
    const dockerfile = infraFiles(withProbe)[0]!;
    expect(dockerfile.file).toBe('infra/docker/Dockerfile');
    expect(dockerfile.content.split('\n')[0]).toBe('# syntax=docker/dockerfile:1');
    expect(dockerfile.content).toContain(`${withProbe.map((subgraph) => subgraph.name).join('|')}) ;;`);
    expect(dockerfile.content).toContain(
      'COPY --from=build /app/schema/subgraphs.json ./schema/subgraphs.json',
    );
    expect(dockerfile.content).toContain('CMD ["node", "/app/services/kit/dist/runtime/cli.js", "start"]');
  });

  it('the committed deployment files are what the list generates (run npm run generate otherwise)', () => {
    for (const file of infraFiles(subgraphs)) {
      const committed = readFileSync(path.join(REPO_ROOT, file.file), 'utf8');
      // The committed files went through prettier; compare what YAML/Dockerfile say, not spacing.
      if (file.file.endsWith('.yaml')) {
        const documents = (text: string) => parseAllDocuments(text).map((document) => document.toJS());
        expect(documents(committed), file.file).toEqual(documents(file.content));
      } else {
        expect(committed, file.file).toBe(file.content);
      }
    }
  });
});
