/**
 * What the value of an error extension looks like; the gateway keeps a declared extension only when its value
 * has this shape (and drops every undeclared one).
 */
export type ErrorExtensionKind = 'string' | 'integer' | 'number' | 'boolean' | 'string[]' | 'fieldErrors';

export const ERROR_EXTENSION_KINDS: readonly ErrorExtensionKind[] = [
  'string',
  'integer',
  'number',
  'boolean',
  'string[]',
  'fieldErrors',
];

/**
 * The extensions (besides `code`) the kit's own errors carry, so every subgraph declares them implicitly:
 * `fieldErrors` on BAD_USER_INPUT (`invalidInput`, class-validator), `unknownKeys` on BAD_USER_INPUT from a
 * peer check (`peers.assertExist`), `currentVersion` on CONFLICT (`assertVersion`).
 */
export const KIT_ERROR_EXTENSIONS: Readonly<Record<string, ErrorExtensionKind>> = Object.freeze({
  currentVersion: 'integer',
  fieldErrors: 'fieldErrors',
  unknownKeys: 'string[]',
});

const EXTENSION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Every extension a subgraph's errors may carry: the kit's and the subgraph's own, sorted by name (what
 * `hub-subgraph emit-schema` writes to `error-extensions.json`). Throws on a bad name, on `code`, on an unknown
 * kind, and on a subgraph redeclaring a kit extension with another kind.
 */
export function mergeErrorExtensions(
  own: Readonly<Record<string, ErrorExtensionKind>> = {},
): Record<string, ErrorExtensionKind> {
  const merged: Record<string, ErrorExtensionKind> = { ...KIT_ERROR_EXTENSIONS };
  for (const [name, kind] of Object.entries(own)) {
    if (!EXTENSION_NAME.test(name) || name === 'code') {
      throw new Error(`"${name}" cannot be declared as an error extension`);
    }
    if (!ERROR_EXTENSION_KINDS.includes(kind)) {
      throw new Error(`Error extension "${name}": unknown kind "${String(kind)}"`);
    }
    const kit = KIT_ERROR_EXTENSIONS[name];
    if (kit && kit !== kind) {
      throw new Error(`Error extension "${name}" is the kit's, of kind "${kit}", not "${kind}"`);
    }
    merged[name] = kind;
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
