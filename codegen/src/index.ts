export * from './generated/graphql';
export { OPERATIONS_DIR } from './operations';
