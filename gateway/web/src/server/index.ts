/** Server-side rendering of the hub's pages (region profile, dashboard), used by the gateway. */
export const WEB_PACKAGE = '@hub/web';
export * from './html';
export * from './format';
export * from './outline';
export * from './profile';
export * from './dashboard';
