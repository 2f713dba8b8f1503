// Accounts as people meet them: sign-up with a confirmed address, sign-in with a
// password and with the city's provider (a real OIDC server), sign-out, role-gated
// pages, "My data", administration and the audit log. Every page passes axe-core.
// English, so the assertions read like the issue; the Polish texts are tested elsewhere.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { DEMO_PASSWORD, expectAccessible, forbidDialogs, linkFromMail, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

const XSS_NAME = '<img src=x onerror=alert(1)>';

test('a resident signs up, confirms the address by mail and sees their name as text', async ({ page }) => {
  const errors = watchErrors(page);
  forbidDialogs(page);
  await page.goto('/signup');
  await expectAccessible(page);

  // Everything wrong at once: a summary, messages next to the fields, input kept.
  await page.getByLabel('Name shown with your contributions').fill('A');
  await page.getByLabel('Email address').fill('not-an-address');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Please correct the following');
  await expect(summary).toContainText('at least 12 characters');
  await expect(summary).toContainText('privacy notice');
  await expect(page.getByLabel('Email address')).toHaveValue('not-an-address');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  const email = `nowa.${Date.now()}@example.pl`;
  await page.getByLabel('Name shown with your contributions').fill(XSS_NAME);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('zielony tramwaj nad wisłą');
  await page.getByLabel('I have read the').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('Check your inbox');

  const link = await linkFromMail(email, '/signup/confirm/');
  await page.goto(link);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
  // The name is shown as typed, never as markup.
  await expect(page.locator('.user-name')).toHaveText(XSS_NAME);
  await expect(page.getByLabel('Name shown with your contributions')).toHaveValue(XSS_NAME);
  expect(await page.locator('main img, header img').count()).toBe(0);
  await expectAccessible(page);
  // The refused first try answered 422, which the browser logs; nothing else may show up.
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test('wrong passwords are refused with one message and sign-out ends the session', async ({ page }) => {
  await signIn(page, 'anna@demo.krakow.pl', 'not the right one');
  await expect(page.getByRole('alert')).toContainText('The email address or the password is wrong.');
  await expect(page.getByLabel('Email address')).toHaveValue('anna@demo.krakow.pl');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expectAccessible(page);

  await signIn(page, 'anna@demo.krakow.pl');
  await expect(page).toHaveURL(/\/account/);
  await expect(page.locator('.user-name')).toHaveText('Anna Nowak');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toHaveText('You have signed out.');
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?next=\/account&reason=required/);
  await expect(page.getByText('Sign in to see this page.')).toBeVisible();
});

test('the demo accounts are listed on the sign-in page in demo mode', async ({ page }) => {
  await page.goto('/signin');
  const table = page.getByRole('region', { name: 'Demo accounts' });
  await expect(table).toContainText(DEMO_PASSWORD);
  for (const email of ['anna@demo.krakow.pl', 'ngo@demo.krakow.pl', 'rada@demo.krakow.pl', 'moderator@demo.krakow.pl',
    'redaktor@demo.krakow.pl', 'admin@demo.krakow.pl']) {
    await expect(table).toContainText(email);
  }
  await expectAccessible(page);
});

test('sign-in works with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const page = await context.newPage();
  await signIn(page, 'piotr@demo.krakow.pl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
  await page.getByLabel('Name shown with your contributions').fill('Piotr K.');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Your profile has been saved.');
  await expect(page.locator('.user-name')).toHaveText('Piotr K.');
  await context.close();
});

test('staff pages are gated by role', async ({ page }) => {
  await signIn(page, 'moderator@demo.krakow.pl');
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  const response = await page.goto('/admin/users');
  expect(response.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot open this page');
  await expectAccessible(page);
});

test('an admin finds a person, grants a role, and the audit log shows it', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'admin@demo.krakow.pl');
  await page.getByRole('link', { name: 'Administration' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Users and roles' }).click();
  await page.getByLabel('Find a person by name or email').fill('olena');
  await page.getByRole('button', { name: 'Search' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Olena Szewczenko' }).click();
  await page.getByLabel('Editor (DK-06)').check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await expect(page.getByRole('status')).toHaveText('The roles have been saved.');
  await expect(page.getByLabel('Editor (DK-06)')).toBeChecked();
  await expectAccessible(page);

  await page.goto('/admin/audit?action=role.grant');
  await expect(page.getByRole('status')).toContainText('The audit log is intact');
  await expect(page.locator('table.audit tbody tr').first()).toContainText('role.grant');
  await expect(page.locator('table.audit tbody tr').first()).toContainText('Administrator');
  await expectAccessible(page);

  await page.goto('/admin/organisations');
  await expect(page.getByRole('link', { name: 'Rada Dzielnicy XIII Podgórze' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Fundacja Testowa');
  await page.getByLabel('KRS number').fill('12ab');
  await page.getByRole('button', { name: 'Register the organisation' }).click();
  await expect(page.getByRole('alert')).toContainText('A KRS number has 10 digits.');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Fundacja Testowa');
  await expectAccessible(page);
  // The refused form answers 422, which the browser logs; nothing else may show up.
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test('an NGO admin manages the members of their organisation', async ({ page }) => {
  await signIn(page, 'ngo@demo.krakow.pl');
  await page.getByRole('link', { name: 'Stowarzyszenie Zielony Kraków' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stowarzyszenie Zielony Kraków');
  await page.getByLabel("Member's email address").fill('piotr@demo.krakow.pl');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('status')).toHaveText('The member has been added.');
  await expect(page.getByRole('table')).toContainText(/Piotr/);
  await expectAccessible(page);
});

test('"My data" downloads everything held about me', async ({ page }) => {
  await signIn(page, 'olena@demo.krakow.pl');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data (JSON)' }).click();
  const file = await (await download).path();
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(data.account.email).toBe('olena@demo.krakow.pl');
  expect(data.account.district).toBe(18);
  expect(data.audit_log.some((e) => e.action === 'signin')).toBe(true);
  await page.goto('/privacy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('privacy notice');
  await expectAccessible(page);
});

test('sign-in with the city account goes to the OIDC provider and comes back signed in', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with Konto Krakowianina (test)' }).click();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.locator('.user-name')).toHaveText('Olena Miejska (SSO)');
  await expect(page.getByText('olena.sso@example.pl')).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a tampered OIDC state is refused', async ({ page, baseURL }) => {
  // Playwright does not intercept requests that follow redirects, so the round trip is
  // walked by hand with the browser context's cookies, and the browser itself opens
  // the callback with a state it was never given.
  const start = await page.request.post('/signin/oidc', {
    form: { next: '/account' }, headers: { Origin: baseURL }, maxRedirects: 0,
  });
  expect(start.status()).toBe(303);
  const authorize = await page.request.get(start.headers().location, { maxRedirects: 0 });
  const callback = new URL(authorize.headers().location);
  expect(callback.pathname).toBe('/signin/oidc/callback');
  callback.searchParams.set('state', 'tampered' + callback.searchParams.get('state'));
  const response = await page.goto(callback.toString());
  expect(response.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('its security check failed');
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);
});

test('a forgotten password is reset through a mailed link that works once', async ({ page }) => {
  await page.goto('/password-reset');
  await expectAccessible(page);
  await page.getByLabel('Email address').fill('admin@demo.krakow.pl');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account has this address');
  const link = await linkFromMail('admin@demo.krakow.pl', '/password-reset/');
  await page.goto(link);
  await expectAccessible(page);
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 12 characters');
  await expectAccessible(page);
  await page.getByLabel('New password').fill('plac wolnica o świcie');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your new password is set. Sign in with it.');
  await signIn(page, 'admin@demo.krakow.pl', 'plac wolnica o świcie');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
  // The link is spent: it says so, with 410 Gone.
  const again = await page.goto(link);
  expect(again.status()).toBe(410);
  await expect(page.getByRole('alert')).toContainText('already been used');
  await expectAccessible(page);
});

test('the demo outbox page is there in demo mode', async ({ page }) => {
  await page.goto('/dev/outbox');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outbox (demo)');
  await expectAccessible(page);
});
