/* Starts GraphiQL on the playground page. Served by the gateway from /playground/assets/playground.js, after
 * React, ReactDOM and GraphiQL (UMD globals); the page's Content-Security-Policy forbids inline scripts.
 * Configuration comes from the page's JSON block #playground-config (written by src/playground.ts). */
/* global GraphiQL, React, ReactDOM, document, window, URL */
(function startPlayground() {
  'use strict';

  var config = JSON.parse(document.getElementById('playground-config').textContent);

  // Lets GraphiQL's modal scroll-lock add its <style> element under the page's style-src nonce.
  window.__webpack_nonce__ = config.styleNonce;

  // GraphiQL keeps tabs in localStorage and then ignores defaultTabs: open the examples again whenever the
  // set of examples differs from the one this browser last saw.
  var EXAMPLES_KEY = 'hub:playground:examples';
  try {
    if (window.localStorage.getItem(EXAMPLES_KEY) !== config.examplesVersion) {
      window.localStorage.removeItem('graphiql:tabState');
      window.localStorage.removeItem('graphiql:query');
      window.localStorage.setItem(EXAMPLES_KEY, config.examplesVersion);
    }
  } catch {
    // Storage disabled: GraphiQL then starts from defaultTabs anyway.
  }

  // Subscriptions go over graphql-ws on the same endpoint (GraphiQL bundles the client); the headers editor's
  // JSON becomes the connection params, so `{"Authorization": "Bearer …"}` signs in there too.
  var endpoint = new URL(config.endpoint, window.location.href);
  var fetcher = GraphiQL.createFetcher({
    url: endpoint.toString(),
    subscriptionUrl: endpoint.toString().replace(/^http/, 'ws'),
  });
  var props = {
    fetcher: fetcher,
    isHeadersEditorEnabled: true,
    // Authorization headers pasted by partners stay in memory, never in localStorage.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true,
    visiblePlugin: 'Documentation Explorer',
  };
  if (config.tabs.length > 0) props.defaultTabs = config.tabs;

  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();
