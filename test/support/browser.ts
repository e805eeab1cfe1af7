import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the browser tests write their screenshots, to be looked at (ignored by git; README: Pages people read). */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
/** The widths every page is looked at: a desktop, and a 390-px phone. */
export const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** Serious and critical accessibility violations on the page as it is now (none is the bar), as "rule: target". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/**
 * The page whole at desktop and phone width, into SCREENSHOTS as `<name>-desktop.png` and `<name>-390.png`;
 * answers how far the page overflows horizontally at each width, in CSS pixels (0: nothing wider than it).
 */
export async function screenshots(page: Page, name: string): Promise<Record<keyof typeof WIDTHS, number>> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const overflow = { desktop: 0, phone: 0 };
  for (const size of ['desktop', 'phone'] as const) {
    await page.setViewportSize(WIDTHS[size]);
    overflow[size] = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${size === 'phone' ? '390' : size}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(WIDTHS.desktop);
  return overflow;
}

/** Debian's Chromium, headless; never a downloaded browser, no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
