import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode } from 'graphql';

export interface PrintedOperation {
  query: string;
  operationName: string | undefined;
  kind: 'query' | 'mutation' | 'subscription';
}

const printed = new WeakMap<DocumentNode, PrintedOperation>();

/** The text and operation name of a document (printed once per document). */
export function printOperation(document: DocumentNode | TypedDocumentNode<unknown, never>): PrintedOperation {
  let operation = printed.get(document);
  if (!operation) {
    const definition = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!definition || definition.kind !== Kind.OPERATION_DEFINITION) {
      throw new TypeError('The document holds no operation.');
    }
    operation = { query: print(document), operationName: definition.name?.value, kind: definition.operation };
    printed.set(document, operation);
  }
  return operation;
}
