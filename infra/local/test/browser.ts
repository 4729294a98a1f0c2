import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (`apt install chromium`), or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests of a file can run. CI installs chromium and sets HUB_REQUIRE_BROWSER=1, so there a
 * missing browser fails the run; on a machine with only Node.js the tests are skipped and say so.
 */
export function browserAvailable(tests: string): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.HUB_REQUIRE_BROWSER) throw new Error(`No browser at ${CHROMIUM}`);
  if (!available) console.warn(`${tests} skipped: no browser at ${CHROMIUM} (apt install chromium)`);
  return available;
}

/** Headless chromium without the background traffic this machine's closed network refuses. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Share of pixels of two PNGs (data URLs) differing by more than 32 in any channel, computed in the page. */
export function differingPixels(tab: Page, actual: Buffer, reference: Buffer): Promise<number> {
  const toUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  return tab.evaluate(
    async ([a, b]) => {
      const load = (src: string) =>
        new Promise<HTMLImageElement>((resolve, reject) => {
          const image = new Image();
          image.onload = () => resolve(image);
          image.onerror = reject;
          image.src = src;
        });
      const [x, y] = await Promise.all([load(a!), load(b!)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      const pixels = (image: HTMLImageElement) => {
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
      };
      const [p, q] = [pixels(x), pixels(y)];
      let differing = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (Math.max(...[0, 1, 2, 3].map((c) => Math.abs(p[i + c]! - q[i + c]!))) > 32) differing += 1;
      }
      return differing / (x.width * x.height);
    },
    [toUrl(actual), toUrl(reference)],
  );
}
