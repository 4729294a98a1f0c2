/**
 * The page's Content-Security-Policy admits `<style>` elements only with this response's nonce. Monaco writes
 * its theme (the syntax colours) and decorations into `<style>` elements it creates itself, and Radix's dialogs
 * add one through react-style-singleton: both get the nonce here, before they are attached. Stylesheets from
 * the gateway's own files need none.
 */
export function stampStyleNonce(nonce: string): void {
  // react-style-singleton (Radix dialogs' scroll lock) reads webpack's global through get-nonce
  (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function createElementWithNonce(
    this: Document,
    tagName: string,
    options?: ElementCreationOptions,
  ): HTMLElement {
    const element = createElement.call(this, tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as typeof Document.prototype.createElement;
}
