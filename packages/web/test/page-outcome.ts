import type { Page } from 'playwright-core';

/** How long a browser test waits for one read: the reader is slow on a loaded two-core machine. */
export const READ_TIMEOUT = 90_000;

/**
 * Waits for the read to finish; fails at once, with the page's explanation (and `context`, such as
 * the server's log), if it did not end in a result.
 */
export async function expectResult(page: Page, context: () => string = () => ''): Promise<void> {
  const outcome = page.getByTestId('result').or(page.getByTestId('failure')).or(page.getByTestId('message'));
  await outcome.first().waitFor({ timeout: READ_TIMEOUT });
  if ((await page.getByTestId('result').count()) === 0) {
    const shown = await page.locator('.layout__main').innerText();
    const more = context();
    throw new Error(`Expected a result, but the page shows:\n${shown}${more ? `\n${more}` : ''}`);
  }
}
