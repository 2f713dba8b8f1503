// Shared checks: every page a test visits must pass axe-core with zero violations, and
// the browser must report no errors (a CSP refusal or a failed hydration shows up there).
import { expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
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

export const DEMO_PASSWORD = 'spacer po plantach';

/** Messages the SMTP sink received for `to`, oldest first. */
export function mailsTo(to) {
  const dir = process.env.MAIL_DIR;
  if (!dir || !fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((m) => m.to.includes(to));
}

/** The first link in a mail to `to` whose path starts with `pathPrefix`, once it came. */
export async function linkFromMail(to, pathPrefix) {
  let body = '';
  await expect.poll(() => { body = mailsTo(to).map((m) => m.body).join('\n'); return body.includes(pathPrefix); },
    { message: `a mail to ${to} with ${pathPrefix}`, timeout: 10_000 }).toBe(true);
  const start = body.lastIndexOf('http', body.indexOf(pathPrefix));
  return body.slice(start).split(/\s/)[0];
}

/** Signs in with a password (English labels). */
export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Fails the test if any page script ever opens a dialog (an XSS would). */
export function forbidDialogs(page) {
  page.on('dialog', async (dialog) => {
    await dialog.dismiss();
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
}
