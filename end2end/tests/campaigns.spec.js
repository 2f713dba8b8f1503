// Campaigns: DK-06's editor groups pages under a campaign with milestones (a refused
// form keeps what was typed), then sees its reach; a resident without JavaScript reads
// the demo campaign's page and follows it. axe-core on every page.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, signIn } from './helpers.js';

test.use({ locale: 'en-GB' });

/** `YYYY-MM-DD`, `days` from today. */
function day(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('DK-06 creates a campaign and sees its reach', async ({ page }) => {
  await signIn(page, 'redaktor@demo.krakow.pl');
  await page.goto('/editorial/campaigns');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campaigns: editors');
  await expect(page.getByRole('table')).toContainText('Głosuj w budżecie obywatelskim');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'New campaign' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New campaign');

  // Refused: no name, a milestone outside the dates; what was typed stays.
  await page.getByLabel('Description').fill('Residents choose the new benches.');
  await page.getByLabel('First day').fill(day(-1));
  await page.getByLabel('Last day').fill(day(30));
  await page.getByLabel('Milestones').fill(`${day(60)} Long after`);
  const consultations = page.getByRole('group', { name: 'Consultations' });
  await consultations.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Save campaign' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('A milestone\'s date falls outside the campaign\'s dates.');
  await expect(page.getByLabel('Description')).toHaveValue('Residents choose the new benches.');
  await expect(consultations.getByRole('checkbox').first()).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel('Campaign name').fill('Benches for the Planty');
  await page.getByLabel('Milestones').fill(`${day(5)} Benches chosen`);
  await page.getByRole('button', { name: 'Save campaign' }).click();
  await expect(page.getByRole('status')).toContainText('Campaign saved.');
  await expect(page.getByRole('heading', { name: /^Reach: \d+ · Running$/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'View the campaign\'s page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Benches for the Planty');
  await expect(page.getByRole('region', { name: 'Schedule' })).toContainText('Benches chosen');
  await expectAccessible(page);
});

test('a resident without JavaScript reads a campaign in three languages', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/campaigns/glosuj-w-budzecie-obywatelskim');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Głosuj w budżecie obywatelskim');
  await expect(page.getByRole('region', { name: 'Schedule' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'Part of the campaign' })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.getByRole('region', { name: 'Part of the campaign' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const [lang, label] of [['pl', 'Harmonogram'], ['uk', 'Графік']]) {
    await context.addCookies([{ name: 'lang', value: lang, url: new URL(page.url()).origin }]);
    await page.goto('/campaigns/glosuj-w-budzecie-obywatelskim');
    await expect(page.getByRole('region', { name: label })).toBeVisible();
    await expectAccessibleWithoutJs(page);
  }
  await context.close();
});
