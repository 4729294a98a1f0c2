import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { builtAsset, sendBuiltAsset } from './built-assets';

/** Where partner pages load the embeddable widgets from (`<script src="https://<hub>/widget.js">`). */
export const WIDGET_PATH = '/widget.js';

/** @hub/web's bundle of the widgets (built before the gateway: `turbo run build`). */
export function widgetScriptFile(): string {
  return path.join(path.dirname(require.resolve('@hub/web/package.json')), 'dist', 'widgets', 'widget.js');
}

function loadWidgetScript(): Buffer {
  const file = widgetScriptFile();
  if (!existsSync(file)) {
    throw new Error(
      `The widgets are not built (no ${file}): run \`npx turbo run build --filter=@hub/gateway...\`.`,
    );
  }
  return readFileSync(file);
}

/**
 * Serves the widget script (custom elements `<hub-events>`, `<hub-indicator>`, `<hub-map>` and `<hub-profile>`,
 * written in @hub/web and bundled by Vite into one classic script without runtime dependencies). Any page may load
 * the script itself; its requests to the API then go through CORS, so only the gateway's allowed origins get data.
 */
export function createWidgetRouter(): Router {
  const script = builtAsset(loadWidgetScript(), 'text/javascript; charset=utf-8', false);
  const router = Router();
  router.get(WIDGET_PATH, (req, res) => {
    sendBuiltAsset(req, res, script, {
      // a stable URL that partner pages hard-code: cached briefly, then revalidated with the ETag
      'cache-control': 'public, max-age=300',
      // Loaded by <script> from other sites: allowed under Cross-Origin-Resource-Policy and COEP pages.
      'cross-origin-resource-policy': 'cross-origin',
    });
  });
  return router;
}
