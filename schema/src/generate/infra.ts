import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, type SubgraphEntry } from '../subgraphs';
import { databaseRolesScript } from './database-roles';
import {
  fillListTemplate,
  fillSubgraphTemplate,
  fillText,
  GENERATED_NOTE,
  stripTemplateNotes,
} from './template';

/** The templates the deployment files are made from. */
export const TEMPLATES_DIR = path.join(REPO_ROOT, 'infra', 'templates');

export interface GeneratedFile {
  /** Relative to the repository root. */
  file: string;
  content: string;
  /** Formatted with prettier (by its file name) before writing: the repository's format check covers it. */
  format?: boolean;
}

function template(name: string): string {
  return readFileSync(path.join(TEMPLATES_DIR, name), 'utf8');
}

function yamlHeader(templateName: string): string {
  return `# ${GENERATED_NOTE} (template: infra/templates/${templateName})\n`;
}

/** The Dockerfile: one subgraph target chosen with `--build-arg SUBGRAPH`, and the gateway target. */
export function dockerfile(subgraphs: SubgraphEntry[]): string {
  const table = subgraphs
    .map((s) => `#   ${s.name.padEnd(14)} ${String(s.port).padEnd(6)} ${s.peers.join(', ') || '-'}`)
    .join('\n');
  const text = fillText(stripTemplateNotes(template('Dockerfile')), {
    '{{SUBGRAPH_TABLE}}': table,
    '{{SUBGRAPH_NAMES}}': subgraphs.map((s) => s.name).join('|'),
  });
  // A parser directive (`# syntax=…`) must stay the file's first line.
  const [first, ...rest] = text.split('\n');
  const note = `# ${GENERATED_NOTE} (template: infra/templates/Dockerfile)`;
  return first!.startsWith('# syntax=') ? [first, note, ...rest].join('\n') : `${note}\n${text}`;
}

/** Every deployment file that names the subgraphs, from the templates in infra/templates/. */
export function infraFiles(subgraphs: SubgraphEntry[]): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { file: 'infra/docker/Dockerfile', content: dockerfile(subgraphs) },
    {
      file: 'infra/compose.yaml',
      content: yamlHeader('compose.yaml') + fillListTemplate(template('compose.yaml'), subgraphs),
      format: true,
    },
    // The database roles, for compose's db-roles service and the Kubernetes administrator alike.
    { file: 'infra/db/roles.sql', content: databaseRolesScript(subgraphs) },
    {
      file: 'infra/k8s/kustomization.yaml',
      content: yamlHeader('kustomization.yaml') + fillListTemplate(template('kustomization.yaml'), subgraphs),
      format: true,
    },
    {
      file: 'infra/k8s/gateway.yaml',
      content: yamlHeader('k8s-gateway.yaml') + fillListTemplate(template('k8s-gateway.yaml'), subgraphs),
      format: true,
    },
  ];
  for (const subgraph of subgraphs) {
    files.push({
      file: `infra/k8s/${subgraph.name}.yaml`,
      content:
        yamlHeader('k8s-subgraph.yaml') +
        fillSubgraphTemplate(template('k8s-subgraph.yaml'), subgraph, subgraphs),
      format: true,
    });
  }
  return files;
}
