import type { ExampleTab } from './config';

/** The examples version this browser's saved tabs were made from. */
const EXAMPLES_KEY = 'hub:playground:examples';
/** What GraphiQL keeps between visits (its StorageAPI prefixes `graphiql:`): tabs and the active editors. */
const GRAPHIQL_EDITOR_KEYS = ['tabState', 'query', 'variables', 'headers'].map((key) => `graphiql:${key}`);

export interface InitialEditors {
  initialQuery?: string;
  initialVariables?: string;
}

/**
 * GraphiQL restores a browser's saved tabs and ignores `defaultTabs` then: when the set of examples changed
 * since this browser saved them, the saved tabs are dropped so the examples open again.
 *
 * When GraphiQL starts from `defaultTabs`, it fills the editors of the first tab from `initialQuery` /
 * `initialVariables` (or the saved `graphiql:query` / `graphiql:variables`): the first tab's query falls back
 * to the tab's own, its variables do not — they come up empty and the first Run fails. So on a fresh start
 * the first example's text is passed as the initial editor contents too.
 */
export function prepareTabs(
  storage: Storage | undefined,
  examplesVersion: string,
  tabs: ExampleTab[],
): InitialEditors {
  let fresh = true;
  try {
    if (storage) {
      if (storage.getItem(EXAMPLES_KEY) !== examplesVersion) {
        for (const key of GRAPHIQL_EDITOR_KEYS) storage.removeItem(key);
        storage.setItem(EXAMPLES_KEY, examplesVersion);
      }
      fresh = storage.getItem('graphiql:tabState') === null;
    }
  } catch {
    // storage disabled: GraphiQL starts from defaultTabs
  }
  const first = tabs[0];
  if (!fresh || !first) return {};
  return { initialQuery: first.query, initialVariables: first.variables ?? '' };
}
