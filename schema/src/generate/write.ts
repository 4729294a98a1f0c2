import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { REPO_ROOT } from '../subgraphs';
import type { GeneratedFile } from './infra';

/**
 * Writes generated files (relative to the repository root), formatted as `npm run format` would, and only
 * those whose content changed. Returns the files written.
 */
export async function writeGeneratedFiles(files: GeneratedFile[], root = REPO_ROOT): Promise<string[]> {
  const written: string[] = [];
  for (const generated of files) {
    const target = path.join(root, generated.file);
    let content = generated.content;
    if (generated.format) {
      const options = (await resolveConfig(target)) ?? {};
      content = await format(content, { ...options, filepath: target });
    }
    if (existsSync(target) && readFileSync(target, 'utf8') === content) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content, 'utf8');
    written.push(generated.file);
  }
  return written;
}
