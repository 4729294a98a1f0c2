/** Server-side rendering of the hub's pages (region profile, dashboard), used by the gateway. */
export const WEB_PACKAGE = '@hub/web';
