// News: DK-06's editor writes a post (a refused form says every problem next to its
// field and keeps what was typed; the preview follows the text as it is typed) and
// runs it as the site's banner; a resident without JavaScript sees the banner on the
// home page, follows it to the post and finds the post on /news. axe-core on every page.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

const TITLE = 'Voting points open on Saturday too';
const BANNER = 'Voting points are open on Saturday as well';

/** A `datetime-local` value `hours` from now (the server reads it as Warsaw time). */
function local(hours) {
  const d = new Date(Date.now() + hours * 3_600_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test('DK-06 publishes a post as a banner and a resident follows it without JavaScript', async ({ browser }) => {
  const staff = await browser.newContext({ locale: 'en-GB' });
  const page = await staff.newPage();
  const errors = watchErrors(page);
  await signIn(page, 'redaktor@demo.krakow.pl');
  await page.goto('/');
  await page.getByRole('link', { name: 'Editorial' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News: editors');
  await expect(page.getByRole('table')).toContainText('Draft');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'New post' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New post');

  // The preview follows the text as it is typed. Typing before the island has woken up
  // changes nothing, so type again until it follows (bounded by toPass's timeout).
  const preview = page.getByRole('region', { name: 'Preview of the text' });
  await expect(async () => {
    await page.getByLabel('Text', { exact: true }).fill('## Where to vote\n\nIn every district office.');
    await expect(preview.locator('.prose')).toContainText('Where to vote', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.locator('.readability')).not.toBeEmpty();

  // Refused: no title, a banner without an end; what was typed stays.
  await page.getByLabel('Lead').fill('Residents may vote on paper on Saturday as well.');
  await page.getByLabel('Publication date').fill(local(-2));
  await page.getByLabel('Banner text').fill(BANNER);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page.locator('#news-title-error')).toHaveText('This field is required.');
  await expect(page.locator('#news-banner_until-error')).not.toBeEmpty();
  await expect(page.getByLabel('Banner text')).toHaveValue(BANNER);
  await expect(page.getByLabel('Lead')).toHaveValue('Residents may vote on paper on Saturday as well.');
  await expectAccessible(page);

  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('Banner shown until').fill(local(24 * 5));
  await page.getByLabel('District').selectOption({ label: 'XVIII Nowa Huta' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Post saved.')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(TITLE);
  await expectAccessible(page);

  // A cover picture with its text alternative.
  const cover = await page.screenshot({ type: 'jpeg', quality: 80 });
  await page.locator('#media-editor').getByLabel('File', { exact: true }).setInputFiles({ name: 'punkt.jpg', mimeType: 'image/jpeg', buffer: cover });
  await page.getByLabel('Alternative text in Polish').fill('Punkt do głosowania w urzędzie dzielnicy');
  await page.getByLabel('Alternative text in English').fill('A voting point in a district office');
  await page.locator('#media-editor').getByRole('button', { name: 'Add the file' }).click();
  await expect(page.getByText('File added.')).toBeVisible();
  await expectAccessible(page);
  // The refused form's own 422 is the only thing the browser may report.
  expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  await staff.close();

  // A resident with JavaScript off: the banner above the home page leads to the post.
  const resident = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
  const home = await resident.newPage();
  await home.goto('/');
  const banner = home.getByRole('complementary', { name: 'Important notice' });
  await expect(banner).toContainText(BANNER);
  await expectAccessibleWithoutJs(home);
  await banner.getByRole('link', { name: 'More about this' }).click();
  await expect(home.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(home.locator('.prose h2')).toHaveText('Where to vote');
  await expect(home.getByRole('img', { name: 'A voting point in a district office' })).toBeVisible();
  await expect(home.getByRole('region', { name: 'Concerns' })).toContainText('XVIII Nowa Huta');
  await expectAccessibleWithoutJs(home);

  await home.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'News' }).click();
  await expect(home.getByRole('heading', { level: 1 })).toHaveText('News');
  await expect(home.getByRole('heading', { level: 2 }).first()).toHaveText(TITLE);
  await expectAccessibleWithoutJs(home);
  const feed = await home.request.get('/news.atom');
  expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  expect(await feed.text()).toContain(`<title>${TITLE}</title>`);
  await resident.close();
});

test('the news in Polish and Ukrainian', async ({ browser }) => {
  for (const [locale, heading] of [['pl-PL', 'Aktualności'], ['uk-UA', 'Новини']]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto('/news');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectAccessible(page);
    await context.close();
  }
});
