import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
  visit,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import type { SubgraphEntry } from '../subgraphs';

// YAML templates of infra/templates/ filled in from schema/subgraphs.json through the YAML library (so every
// value is a YAML scalar, quoted where it must be, and comments stay where the template has them):
//   __NAME__ / __NAME_UPPER__ / __PORT__         a subgraph's name, its name in capitals, its default port
//   __PEER__ / __PEER_UPPER__ / __PEER_PORT__    the same of one of that subgraph's peers
// A map entry or list item holding a subgraph token is repeated for each subgraph, one holding a peer token for
// each peer of the subgraph it belongs to (in a per-subgraph document: of that subgraph). A scalar that is
// exactly `__PORT__` or `__PEER_PORT__` becomes a number. Template lines starting with `#!` describe the
// template and are left out.

/** The note at the top of every generated file. */
export const GENERATED_NOTE = 'generated from schema/subgraphs.json by npm run generate; do not edit';

type Values = Record<string, string | number>;

const SUBGRAPH_TOKEN = /__(NAME|NAME_UPPER|PORT)__/;
const PEER_TOKEN = /__(PEER|PEER_UPPER|PEER_PORT)__/;

/** Removes the `#!` lines that describe a template. */
export function stripTemplateNotes(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#!'))
    .join('\n');
}

function subgraphValues(subgraph: Pick<SubgraphEntry, 'name' | 'port'>): Values {
  return { __NAME__: subgraph.name, __NAME_UPPER__: subgraph.name.toUpperCase(), __PORT__: subgraph.port };
}

function peerValues(peer: Pick<SubgraphEntry, 'name' | 'port'>): Values {
  return { __PEER__: peer.name, __PEER_UPPER__: peer.name.toUpperCase(), __PEER_PORT__: peer.port };
}

/** Replaces every token of `values` in a text. */
export function fillText(text: string, values: Values): string {
  let filled = text;
  for (const [token, value] of Object.entries(values)) filled = filled.split(token).join(String(value));
  return filled;
}

/**
 * Is `item` (of a map or list) a repeated one: a map entry whose key holds a token, a list item that is such a
 * scalar, or a list item that is a map with a token in one of its own keys or scalar values?
 */
function repeats(item: unknown, pattern: RegExp): boolean {
  const scalarHolds = (node: unknown) =>
    isScalar(node) && typeof node.value === 'string' && pattern.test(node.value);
  if (isPair(item)) return scalarHolds(item.key);
  if (scalarHolds(item)) return true;
  return isMap(item) && item.items.some((pair) => scalarHolds(pair.key) || scalarHolds(pair.value));
}

/** Fills the tokens of `values` into every scalar and comment under `node` (in place). */
function fillNode(node: unknown, values: Values): void {
  const fillComments = (item: unknown) => {
    const commented = item as { commentBefore?: string | null; comment?: string | null };
    if (commented?.commentBefore) commented.commentBefore = fillText(commented.commentBefore, values);
    if (commented?.comment) commented.comment = fillText(commented.comment, values);
  };
  const fillScalar = (scalar: Scalar) => {
    fillComments(scalar);
    if (typeof scalar.value !== 'string') return;
    const whole = values[scalar.value];
    if (typeof whole === 'number' && (scalar.type === Scalar.PLAIN || !scalar.type)) scalar.value = whole;
    else scalar.value = fillText(scalar.value, values);
  };
  const root = isPair(node) ? [node.key, node.value] : [node];
  for (const item of root) {
    if (isScalar(item)) fillScalar(item);
    else if (isCollection(item)) {
      fillComments(item);
      visit(item as Node, {
        Scalar: (_key, scalar) => fillScalar(scalar),
        Map: (_key, map) => fillComments(map),
        Seq: (_key, seq) => fillComments(seq),
      });
    }
  }
}

/**
 * Repeats the items of every map and list under `node` that hold a token of `pattern`, once per value set
 * (the first copy keeps the comment above the item), then fills the tokens. `inner` runs on each copy before
 * filling (the peer expansion inside a subgraph's copy).
 */
function expand(
  node: unknown,
  pattern: RegExp,
  copies: Values[],
  inner?: (copy: unknown, values: Values) => void,
): void {
  if (!isMap(node) && !isSeq(node)) {
    if (isPair(node)) expand(node.value, pattern, copies, inner);
    return;
  }
  const items: unknown[] = [];
  for (const item of node.items as unknown[]) {
    if (!repeats(item, pattern)) {
      expand(item, pattern, copies, inner);
      items.push(item);
      continue;
    }
    copies.forEach((values, index) => {
      const copy = (item as Pair | Node).clone() as Pair | Node;
      if (index > 0) {
        // The comment above a repeated item is said once; later copies keep only the blank line before it.
        const head = (isPair(copy) ? copy.key : copy) as {
          commentBefore?: string | null;
          spaceBefore?: boolean;
        };
        if (head) head.commentBefore = undefined;
      }
      inner?.(copy, values);
      fillNode(copy, values);
      items.push(copy);
    });
  }
  node.items = items as typeof node.items;
}

/** Expands the peer items under `node` for `subgraph` (its peers in the order it lists them). */
function expandPeers(node: unknown, subgraph: SubgraphEntry, all: SubgraphEntry[]): void {
  const peers = subgraph.peers.map((name) => all.find((entry) => entry.name === name)!);
  expand(node, PEER_TOKEN, peers.map(peerValues));
}

function render(documents: Document[]): string {
  return documents.map((document) => document.toString({ lineWidth: 0 })).join('');
}

function parseTemplate(text: string): Document[] {
  const documents = parseAllDocuments(stripTemplateNotes(text));
  for (const document of documents) {
    if (!('contents' in document) || document.errors.length) {
      throw new Error(`template does not parse: ${document.errors.map((error) => error.message).join('; ')}`);
    }
  }
  return documents as Document[];
}

/** A template whose subgraph items repeat once per subgraph (compose.yaml, kustomization.yaml, gateway.yaml). */
export function fillListTemplate(text: string, subgraphs: SubgraphEntry[]): string {
  const documents = parseTemplate(text);
  for (const document of documents) {
    expand(document.contents, SUBGRAPH_TOKEN, subgraphs.map(subgraphValues), (copy, values) => {
      const subgraph = subgraphs.find((entry) => entry.name === values.__NAME__)!;
      expandPeers(copy, subgraph, subgraphs);
    });
  }
  return render(documents);
}

/** A template that describes one subgraph (k8s/<name>.yaml). */
export function fillSubgraphTemplate(
  text: string,
  subgraph: SubgraphEntry,
  subgraphs: SubgraphEntry[],
): string {
  const documents = parseTemplate(text);
  for (const document of documents) {
    expandPeers(document.contents, subgraph, subgraphs);
    fillNode(document.contents, subgraphValues(subgraph));
    if (document.commentBefore)
      document.commentBefore = fillText(document.commentBefore, subgraphValues(subgraph));
    if (document.comment) document.comment = fillText(document.comment, subgraphValues(subgraph));
  }
  return render(documents);
}
