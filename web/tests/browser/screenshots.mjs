// Writes one PNG per dashboard view (1440x900) to docs/screenshots/, against a generated
// workspace served by `supportlens serve`. Run with `npm run screenshots` after `npm run build`.

import fs from 'node:fs';
import path from 'node:path';
import { REPO_DIR, launchBrowser, startServer, waitForView } from './harness.mjs';

const OUT = path.join(REPO_DIR, 'docs', 'screenshots');
const VIEWS = ['overview', 'satisfaction', 'speed', 'volume', 'agents', 'contact'];

const server = await startServer();
const browser = await launchBrowser();
try {
  fs.mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/#key=${server.analystKey}`);
  await waitForView(page, 'overview');
  await page.waitForSelector('[data-testid=live-indicator][data-state=live]', { timeout: 15000 }).catch(() => {});
  for (const view of VIEWS) {
    await page.click(`[data-testid=nav-${view}]`);
    await waitForView(page, view);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(900); // chart animations
    const file = path.join(OUT, `${view}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(REPO_DIR, file)}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
