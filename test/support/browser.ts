import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where browser tests keep their screenshots (kept as test artefacts). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'var', 'screenshots');

/** Debian's Chromium, found the way `infra/scripts/lib.sh` finds it. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/**
 * Headless Chromium with the flags this machine needs: no sandbox as root, and no background
 * networking (the closed network refuses Google's hosts). Throws with what to install when missing.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH.');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
