import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';

/** Where partner pages load the embeddable widgets from (`<script src="https://<hub>/widget.js">`). */
export const WIDGET_PATH = '/widget.js';

/**
 * Serves the widget script (custom elements `<hub-events>` and `<hub-indicator>`, plain JavaScript, no
 * dependencies). Any page may load the script itself; its requests to the API then go through CORS, so only
 * the gateway's allowed origins get data.
 */
export function createWidgetRouter(): Router {
  const script = readFileSync(path.join(__dirname, 'widget', 'hub-widget.js'));
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
