// Participation statistics: DK-04 opens them from the back office, narrows the span
// with a plain GET form (JavaScript off) and downloads the same tables as CSV; a
// resident is refused. axe-core on the page in every language.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, signIn } from './helpers.js';

test('DK-04 reads participation by month, channel, district and age, and downloads it', async ({ browser }) => {
  const staff = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
  const page = await staff.newPage();
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation');
  await page.getByRole('link', { name: 'Participation statistics' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Participation statistics');
  for (const caption of ['Totals in the period', 'Month by month', 'By channel', 'By district', "Civic budget by the voters' age"]) {
    await expect(page.getByRole('table', { name: caption })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'Month by month' }).getByRole('row')).toHaveCount(13);
  await expectAccessibleWithoutJs(page);

  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  await page.getByLabel('From month').fill(month);
  await page.getByLabel('To month').fill(month);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${month}&to=${month}`));
  await expect(page.getByRole('table', { name: 'Month by month' }).getByRole('row')).toHaveCount(2);

  const href = await page.getByRole('link', { name: 'Download the tables (CSV)' }).getAttribute('href');
  const csv = await page.request.get(href);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const text = await csv.text();
  expect(text.startsWith('sekcja,wymiar,proces,liczba\r\n')).toBe(true);
  expect(text).toContain(`miesiac,${month},budget,`);
  // No count from 1 to 4 is ever written out.
  expect(text.split('\r\n').filter((row) => /,[1-4]$/.test(row))).toEqual([]);
  await staff.close();

  const resident = await browser.newContext({ locale: 'en-GB' });
  const refused = await resident.newPage();
  await signIn(refused, 'anna@demo.krakow.pl');
  const response = await refused.goto('/moderation/stats');
  expect(response.status()).toBe(403);
  await resident.close();
});

test('the statistics in Polish and Ukrainian', async ({ browser }) => {
  for (const [lang, heading] of [['pl', 'Statystyki udziału'], ['uk', 'Статистика участі']]) {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, 'redaktor@demo.krakow.pl');
    // The language switcher's cookie, as if the editor had chosen the language.
    await context.addCookies([{ name: 'lang', value: lang, url: new URL(page.url()).origin }]);
    await page.goto('/moderation/stats');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectAccessible(page);
    await context.close();
  }
});
