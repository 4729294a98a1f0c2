/** What the gateway writes into the page's `<script type="application/json" id="playground-config">` block. */
export interface PlaygroundConfig {
  /** Path of the GraphQL endpoint (same origin): HTTP for queries and mutations, graphql-ws for subscriptions. */
  endpoint: string;
  /** The example operations, one tab each, in order. */
  tabs: ExampleTab[];
  /** Changes whenever the set of examples changes: the browser's saved tabs are then replaced by them. */
  examplesVersion: string;
  /** This response's style nonce (Content-Security-Policy `style-src-elem`), for the `<style>` elements scripts add. */
  styleNonce: string;
}

export interface ExampleTab {
  query: string;
  /** JSON text for the variables editor. */
  variables?: string;
}

function isExampleTab(value: unknown): value is ExampleTab {
  if (!value || typeof value !== 'object') return false;
  const { query, variables } = value as Record<string, unknown>;
  return typeof query === 'string' && (variables === undefined || typeof variables === 'string');
}

/** Reads and checks the configuration block the gateway wrote into the page. */
export function readPlaygroundConfig(document: Document): PlaygroundConfig {
  const block = document.getElementById('playground-config');
  if (!block?.textContent) throw new Error('The page has no #playground-config block.');
  const parsed = JSON.parse(block.textContent) as Partial<PlaygroundConfig>;
  if (
    typeof parsed.endpoint !== 'string' ||
    !Array.isArray(parsed.tabs) ||
    !parsed.tabs.every(isExampleTab) ||
    typeof parsed.examplesVersion !== 'string' ||
    typeof parsed.styleNonce !== 'string'
  ) {
    throw new Error('The #playground-config block is malformed.');
  }
  return parsed as PlaygroundConfig;
}
