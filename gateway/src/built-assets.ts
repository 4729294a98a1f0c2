import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/**
 * The files of a Vite build the gateway serves itself (the playground, the pages' stylesheets and scripts):
 * read once, kept in memory, sent with a strong ETag, gzip when the client takes it, and cached for a year
 * when Vite's content hash is in the name.
 */

/** What a file name ends with → its content type; other files in a build are not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Vite names every emitted file `<name>-<content hash>.<ext>`: such a URL never changes its bytes. */
const HASHED_NAME = /-[\w-]{8,}\.[a-z0-9]+$/;

/** One served file of a build. */
export interface BuiltAsset {
  contentType: string;
  body: Buffer;
  /** Computed on the first request that accepts gzip. */
  gzipped?: Buffer;
  etag: string;
  immutable: boolean;
}

/** A chunk of Vite's `.vite/manifest.json`. */
export interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** Vite's manifest of the build in `dir`, or undefined when the build is not there (not built yet). */
export function readViteManifest(dir: string): Record<string, ManifestChunk> | undefined {
  const manifestFile = path.join(dir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  return JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
}

/** The servable files of `dir`'s `assets/` folder by name (none when it does not exist). */
export function readBuiltAssets(dir: string): Map<string, BuiltAsset> {
  const assets = new Map<string, BuiltAsset>();
  const assetsDir = path.join(dir, 'assets');
  for (const name of existsSync(assetsDir) ? readdirSync(assetsDir) : []) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType) continue;
    assets.set(
      name,
      builtAsset(readFileSync(path.join(assetsDir, name)), contentType, HASHED_NAME.test(name)),
    );
  }
  return assets;
}

/** A file to serve: its bytes, its content type, and whether its URL names its content (cached for a year). */
export function builtAsset(body: Buffer, contentType: string, immutable: boolean): BuiltAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { contentType, body, etag, immutable };
}

/** Sends one file of a build (`headers`: what the caller adds, e.g. a policy), or 304 for a matching ETag. */
export function sendBuiltAsset(
  req: Request,
  res: Response,
  asset: BuiltAsset,
  headers: Record<string, string> = {},
): void {
  res.set({
    'content-type': asset.contentType,
    'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag: asset.etag,
    'x-content-type-options': 'nosniff',
    vary: 'Accept-Encoding',
    ...headers,
  });
  if (req.headers['if-none-match'] === asset.etag) {
    res.status(304).end();
    return;
  }
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    asset.gzipped ??= gzipSync(asset.body);
    res.set('content-encoding', 'gzip').send(asset.gzipped);
    return;
  }
  res.send(asset.body);
}
