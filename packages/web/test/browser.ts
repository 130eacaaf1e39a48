import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a headless Chromium on a machine without network, possibly as root. */
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/**
 * @sparticuz/chromium's flags are tuned for AWS Lambda. Dropped here: --single-process (closing one
 * browser context then takes the whole browser down), its own headless mode (Playwright sets it), and
 * the flags that weaken web security, which the tests should not need.
 */
const DROPPED_SPARTICUZ_ARGS = [
  /^--single-process$/,
  /^--headless/,
  /^--disable-web-security$/,
  /^--allow-running-insecure-content$/,
  /^--disable-site-isolation-trials$/,
];

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Launches headless Chromium: the build that ships inside the npm package @sparticuz/chromium by default
 * (so `npm ci && npm test` needs nothing else), or Debian's chromium when CHROMIUM_PATH names it or
 * the npm build cannot start. `extraArgs` adds flags (a fake camera).
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const common = [...COMMON_ARGS, ...extraArgs];
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return chromium.launch({ executablePath: explicit, headless: true, args: common });
  let firstError: unknown;
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    const executablePath = await sparticuz.executablePath();
    return await chromium.launch({
      executablePath,
      headless: true,
      args: [...sparticuz.args.filter((a) => !DROPPED_SPARTICUZ_ARGS.some((re) => re.test(a))), ...common],
    });
  } catch (error) {
    firstError = error;
  }
  const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
  if (!system) throw firstError;
  return chromium.launch({ executablePath: system, headless: true, args: common });
}
