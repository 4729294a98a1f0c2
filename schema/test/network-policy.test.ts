import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { infraFiles } from '../src/generate/infra';
import { readSubgraphList, REPO_ROOT, type SubgraphEntry } from '../src/subgraphs';

// infra/k8s/network-policy.yaml is written by hand and names no subgraph: it selects pods by label. These
// checks read the manifests kustomize applies and prove every pod the hub runs (serving pods and migration
// Jobs, also of a subgraph added later) falls under a policy, and what the migration policy lets through.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, read field by field
type Manifest = Record<string, any>;

const K8S = path.join(REPO_ROOT, 'infra', 'k8s');

function manifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/** Every manifest of the kustomization (the files `kubectl apply -k infra/k8s` applies). */
function applied(): Manifest[] {
  const [kustomization] = manifests(readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8'));
  return (kustomization!.resources as string[]).flatMap((file) =>
    manifests(readFileSync(path.join(K8S, file), 'utf8')),
  );
}

/** The labels of the pods a workload runs (Deployment, Job). */
function podLabels(workload: Manifest): Record<string, string> {
  return workload.spec.template.metadata.labels;
}

/** Does a policy's `podSelector` (matchLabels only, as the hub's policies use) select pods with `labels`? */
function selects(policy: Manifest, labels: Record<string, string>): boolean {
  const selector = policy.spec.podSelector as { matchLabels?: Record<string, string> };
  expect(Object.keys(selector).filter((key) => key !== 'matchLabels')).toEqual([]);
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

describe('network policies over the Kubernetes manifests', () => {
  const all = applied();
  const policies = all.filter((manifest) => manifest.kind === 'NetworkPolicy');
  const policy = (name: string) => policies.find((candidate) => candidate.metadata.name === name)!;

  it('puts every subgraph pod and every migration Job pod under a policy', () => {
    const workloads = all.filter(
      (manifest) =>
        (manifest.kind === 'Deployment' || manifest.kind === 'Job') &&
        podLabels(manifest)['app.kubernetes.io/name'] !== 'gateway',
    );
    const jobs = workloads.filter((workload) => workload.kind === 'Job');
    expect(jobs.map((job) => job.metadata.name).sort()).toEqual(
      readSubgraphList()
        .map((subgraph) => `${subgraph.name}-migrate`)
        .sort(),
    );
    for (const workload of workloads) {
      const matching = policies.filter((candidate) => selects(candidate, podLabels(workload)));
      expect(
        matching.map((candidate) => candidate.metadata.name),
        workload.metadata.name,
      ).toEqual([workload.kind === 'Job' ? 'migrations' : 'subgraphs']);
    }
  });

  it("selects a new subgraph's migration Job too (it selects by label, naming no subgraph)", () => {
    const subgraphs = readSubgraphList();
    const probe: SubgraphEntry = {
      ...subgraphs[0]!,
      name: 'probe',
      package: '@hub/probe',
      port: 4999,
      peers: ['regions'],
    };
    const file = infraFiles([...subgraphs, probe]).find(
      (generated) => generated.file === 'infra/k8s/probe.yaml',
    )!;
    const job = manifests(file.content).find((manifest) => manifest.kind === 'Job')!;
    expect(job.metadata.name).toBe('probe-migrate');
    expect(selects(policy('migrations'), podLabels(job))).toBe(true);
    expect(selects(policy('subgraphs'), podLabels(job))).toBe(false);
  });

  it('lets nothing reach a migration Job, and lets it reach only DNS and PostgreSQL', () => {
    const migrations = policy('migrations');
    expect(migrations.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(migrations.spec.ingress ?? []).toEqual([]);
    const ports = (migrations.spec.egress as Array<{ ports: Array<{ port: number; protocol: string }> }>).map(
      (rule) => rule.ports.map(({ protocol, port }) => `${protocol}/${port}`).sort(),
    );
    expect(ports).toEqual([['TCP/53', 'UDP/53'], ['TCP/5432']]);
    // DNS only in kube-system's DNS pods; PostgreSQL only in the database's address range, as for subgraphs
    const [dns, database] = migrations.spec.egress;
    expect(dns.to).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ]);
    const subgraphDatabase = policy('subgraphs').spec.egress.find((rule: Manifest) =>
      rule.ports.some((port: Manifest) => port.port === 5432),
    );
    expect(database.to).toEqual(subgraphDatabase.to);
  });

  it('gives each migration Job a time to live after it finished', () => {
    for (const job of all.filter((manifest) => manifest.kind === 'Job')) {
      expect(job.spec.ttlSecondsAfterFinished, job.metadata.name).toBeGreaterThan(0);
    }
  });
});
