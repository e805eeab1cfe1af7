import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Where the browser tests leave their screenshots (README: Pages people read). */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * Full-page screenshots of the page at desktop and phone width, as `<name>-desktop.png` and `<name>-390.png`;
 * answers how far the page overflows horizontally at each width, in CSS pixels (0: nothing wider than it).
 */
export async function screenshotWidths(
  page: Page,
  name: string,
): Promise<Record<keyof typeof VIEWPORTS, number>> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const overflow = { desktop: 0, phone: 0 };
  for (const size of ['desktop', 'phone'] as const) {
    await page.setViewportSize(VIEWPORTS[size]);
    overflow[size] = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${size === 'phone' ? '390' : size}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  return overflow;
}

/** The WCAG 2.x A and AA violations axe finds that are serious or critical, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}
