// Final reports: DK-04 answers the remarks of a closed consultation, is refused while
// the summary is missing or remarks are unanswered, publishes; a resident reads the
// report, downloads its CSV and prints it to PDF (A4, the table on the page). The demo
// report reads without JavaScript, with its charts, tables, versions and the adopted
// act. Every page passes axe.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { expectAccessible, expectAccessibleWithoutJs, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

const GREEN = 'Zielone podwórka w Grzegórzkach';
const REPORTED = '/consultations/uchwala-krajobrazowa-szyldy';

test('DK-04 publishes a report that a resident reads, downloads as CSV and prints to PDF', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation/consultations');
  await page.getByRole('link', { name: GREEN }).click();
  const editor = page.url();
  await page.getByRole('link', { name: /^Enter a remark received/ }).click();
  const text = `Więcej ławek przy podwórkach na Grzegórzkach ${Date.now()}.`;
  await page.getByLabel('Received by').selectOption({ label: 'by post' });
  const received = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Date received').fill(received);
  await page.getByLabel('Author as given').fill('Wspólnota Mieszkaniowa Grzegórzecka 7');
  await page.getByLabel('Text of the remark').fill(text);
  await page.getByRole('button', { name: 'Save remark' }).click();
  await expect(page.getByRole('status')).toHaveText('The remark has been entered.');

  await page.goto(editor);
  await page.getByRole('link', { name: 'Final report' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Final report');
  await expect(page.locator('.progress-line')).toHaveText('Answered: 0 of 1');
  await expectAccessible(page);

  // No summary and an unanswered remark: both said, nothing published.
  await page.getByRole('button', { name: 'Publish the report' }).click();
  await expect(page.getByRole('alert')).toContainText('Write the summary of the consultation.');
  await expect(page.getByRole('alert')).toContainText('Some remarks have no answer yet');
  await expectAccessible(page);
  const summary = 'Mieszkańcy chcą **więcej ławek** i cienia na podwórkach.';
  await page.getByLabel('Summary', { exact: true }).fill(summary);
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByRole('status')).toHaveText('The draft of the report has been saved.');
  await expect(page.getByLabel('Summary', { exact: true })).toHaveValue(summary);

  // The remark answered, then the report published.
  await page.getByRole('link', { name: 'Answers to remarks' }).click();
  await page.locator('li.queue-item').filter({ hasText: text }).getByRole('checkbox').check();
  await page.getByLabel('Accepted', { exact: true }).check();
  await page.getByRole('button', { name: 'Save the answer' }).click();
  await expect(page.getByRole('status')).toHaveText('The answer has been saved.');
  await page.getByRole('link', { name: 'Final report' }).click();
  await expect(page.locator('.progress-line')).toHaveText('Answered: 1 of 1');
  await page.getByRole('button', { name: 'Publish the report' }).click();
  await expect(page.getByRole('status')).toHaveText('The report has been published.');
  await expect(page.getByRole('button', { name: 'Publish a correction' })).toBeVisible();
  const reportUrl = await page.getByRole('link', { name: 'Read the published report' }).getAttribute('href');
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);

  // A resident, not signed in.
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const resident = await context.newPage();
  const residentErrors = watchErrors(resident);
  await resident.goto(reportUrl);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(GREEN);
  await expect(resident.locator('#summary strong')).toHaveText('więcej ławek');
  const row = resident.locator('table.remarks-table tbody tr').filter({ hasText: text });
  await expect(row).toContainText('Accepted');
  await expect(row).toContainText('Wspólnota Mieszkaniowa Grzegórzecka 7');
  await expectAccessible(resident);

  const [download] = await Promise.all([
    resident.waitForEvent('download'),
    resident.getByRole('link', { name: 'Remarks and answers (CSV)' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  expect(csv.split('\n')[0]).toContain('remark_id,reply_to,received_at,channel,author');
  expect(csv).toContain(text);
  expect(csv).toContain(',accepted,');

  // Printed: no navigation, the table with its header repeated on each page, A4 pages.
  await resident.emulateMedia({ media: 'print' });
  await expect(resident.locator('.site-header')).toBeHidden();
  await expect(resident.locator('table.remarks-table')).toBeVisible();
  const headerDisplay = await resident.locator('table.remarks-table thead').evaluate((e) => getComputedStyle(e).display);
  expect(headerDisplay).toBe('table-header-group');
  const pdf = await resident.pdf({ preferCSSPageSize: true, displayHeaderFooter: false });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
  expect(pages).toBeGreaterThan(0);
  // A4 is 595 × 842 points.
  const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/);
  expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
  expect(residentErrors).toEqual([]);
  await context.close();
});

test('the demo report reads without JavaScript: charts with tables, the act side by side, the adopted text, versions', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(REPORTED);
  await page.getByRole('link', { name: 'Read the final report' }).click();
  await expect(page).toHaveURL(/\/report$/);
  await expect(page.getByText('Version 2 · Published')).toBeVisible();
  await expect(page.locator('#participation figure')).toHaveCount(4);
  await expect(page.locator('#participation svg[role="img"]').first()).toBeVisible();
  await expect(page.locator('#chart-channel-caption + .chart-box + details table')).toContainText('by email');
  await expect(page.locator('table.remarks-table tbody tr')).toHaveCount(5);
  await expect(page.locator('#act .side-by-side').filter({ hasText: '§ 3' }).first()).toContainText('Accepted');
  const changed = page.locator('#adopted li').filter({ hasText: '§ 3 – changed' });
  await expect(changed.locator('ins')).toContainText('24');
  await changed.getByRole('link').first().click();
  await expect(page.locator('table.remarks-table tr:target')).toContainText('24 miesiące');
  await expectAccessibleWithoutJs(page);

  // The first version is still there, as published.
  await page.getByRole('link', { name: /^Version 1/ }).click();
  await expect(page.getByText('You are reading an earlier version of this report.')).toBeVisible();
  await expect(page.locator('#how')).toContainText('Attendance: 43');
  await expectAccessibleWithoutJs(page);
  await context.close();
});
