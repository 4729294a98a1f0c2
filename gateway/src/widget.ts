import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';

/** Where partner pages load the embeddable widgets from (`<script src="https://<hub>/widget.js">`). */
export const WIDGET_PATH = '/widget.js';

/** The widget sources, served as one script: `<hub-events>` and `<hub-indicator>`, then `<hub-map>`. */
export const WIDGET_FILES = ['hub-widget.js', 'hub-map.js'];

/**
 * Serves the widget script (custom elements `<hub-events>`, `<hub-indicator>` and `<hub-map>`, plain
 * JavaScript, no dependencies). Any page may load the script itself; its requests to the API then go through CORS, so only
 * the gateway's allowed origins get data.
 */
export function createWidgetRouter(): Router {
  const script = Buffer.concat(
    WIDGET_FILES.map((file) => readFileSync(path.join(__dirname, 'widget', file))),
  );
  const router = Router();
  router.get(WIDGET_PATH, (_req, res) => {
    res
      .set({
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=300',
        // Loaded by <script> from other sites: allowed under Cross-Origin-Resource-Policy and COEP pages.
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      })
      .send(script);
  });
  return router;
}
