// The newsletter: a resident without JavaScript subscribes (a refused form keeps what
// was typed, the message next to the field), confirms by the mailed link (a second
// click says it was done), and leaves by the unsubscribe link; DK-06's editor previews
// this week's digest. axe-core on every page.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, linkFromMail, signIn } from './helpers.js';

test.use({ locale: 'en-GB' });

test('a resident subscribes, confirms once and unsubscribes, all without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const page = await context.newPage();
  const email = `newsletter.${Date.now()}@example.pl`;
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Newsletter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Newsletter');
  await expectAccessibleWithoutJs(page);

  // Refused: an address without @ and no area; what was typed stays.
  await page.getByLabel('Email address').fill('not-an-address');
  await page.getByRole('checkbox', { name: 'Greenery' }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose at least one district or the whole of Kraków.');
  await expect(page.getByLabel('Email address')).toHaveValue('not-an-address');
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('checkbox', { name: 'Greenery' })).toBeChecked();
  await expectAccessibleWithoutJs(page);

  await page.getByLabel('Email address').fill(email);
  await page.getByRole('checkbox', { name: 'XIII Podgórze', exact: true }).check();
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toContainText('Check your inbox');

  // The mailed link opens a page with a button; the second click changes nothing.
  const confirm = await linkFromMail(email, '/newsletter/confirm/');
  await page.goto(confirm);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your newsletter subscription');
  await expectAccessibleWithoutJs(page);
  await page.getByRole('button', { name: 'Confirm subscription' }).click();
  await expect(page.getByRole('status')).toContainText('Subscription confirmed.');
  await page.goto(confirm);
  await expect(page.getByRole('status')).toContainText('This subscription is confirmed already.');

  // A tampered link is refused with a message.
  const tampered = confirm.slice(0, -1) + (confirm.endsWith('0') ? '1' : '0');
  const refused = await page.goto(tampered);
  expect(refused.status()).toBe(404);
  await expect(page.getByRole('main')).toContainText('This link is not valid');

  // Subscribing again sends the way out; it ends the subscription in one press.
  await page.goto('/newsletter');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('checkbox', { name: 'All of Kraków' }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  const leave = await linkFromMail(email, '/newsletter/unsubscribe/');
  await page.goto(leave);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribe from the newsletter');
  await expectAccessibleWithoutJs(page);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('status')).toContainText('Unsubscribed.');
  const gone = await page.goto(leave);
  expect(gone.status()).toBe(404);
  await context.close();
});

test('the newsletter speaks Polish and Ukrainian', async ({ browser }) => {
  for (const [lang, heading, button] of [['pl', 'Newsletter', 'Zapisz mnie'], ['uk', 'Розсилка', 'Підписатися']]) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: 'lang', value: lang, url: test.info().project.use.baseURL }]);
    const page = await context.newPage();
    await page.goto('/newsletter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('button', { name: button })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectAccessibleWithoutJs(page);
    await context.close();
  }
});

test('DK-06 previews this week\'s digest for a district', async ({ page }) => {
  await signIn(page, 'redaktor@demo.krakow.pl');
  await page.goto('/editorial/digest');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly digest: preview');
  await expectAccessible(page);
  await page.getByLabel('Area').selectOption({ label: 'XIII Podgórze' });
  await page.getByRole('button', { name: 'Show preview' }).click();
  await expect(page).toHaveURL(/district=13/);
  await expect(page.getByRole('table', { name: 'Subscriptions and this week\'s sending' })).toBeVisible();
  await expectAccessible(page);
});
