// Shared checks: every page a test visits must pass axe-core with zero violations, and
// the browser must report no errors (a CSP refusal or a failed hydration shows up there).
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export async function expectAccessible(page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe-core violations on ${page.url()}`).toEqual([]);
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Cards on a consultation list. */
export function cards(page) {
  return page.locator('article.card');
}

/**
 * axe-core runs as JavaScript, so it cannot check a page whose JavaScript is off. The
 * server sends the same HTML either way: check the same address, with the same cookies,
 * in a context where JavaScript runs.
 */
export async function expectAccessibleWithoutJs(page) {
  const cookies = await page.context().cookies();
  const context = await page.context().browser().newContext({ javaScriptEnabled: true });
  await context.addCookies(cookies);
  const checked = await context.newPage();
  await checked.goto(page.url());
  await expectAccessible(checked);
  await context.close();
}
