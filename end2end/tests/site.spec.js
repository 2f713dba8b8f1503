// The foundation, as a resident meets it: home, list and filters (JavaScript on and
// off), a consultation's page with sanitised markdown, languages, 404, accessibility.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, watchErrors, cards } from './helpers.js';

// 16 demo consultations and one fixture with hostile markup.
const TOTAL = 17;

test('the home page shows what is open now and passes axe', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page).toHaveTitle('Kraków w Dialogu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Co dzieje się teraz w Krakowie');
  const open = page.getByRole('region', { name: 'Trwające konsultacje' });
  await expect(open.getByRole('link', { name: 'Zielony Rynek Podgórski – przebudowa placu' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Zapowiedziane konsultacje' }).getByRole('heading', { level: 3 }).first()).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Deklaracja dostępności' })).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('the first Tab reaches the skip link, which moves focus to the content', async ({ page }) => {
  await page.goto('/consultations');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Przejdź do treści' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#content')).toBeFocused();
});

test('the list filters by district, stage and topic with JavaScript on', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/consultations');
  await expect(cards(page)).toHaveCount(TOTAL);
  await expectAccessible(page);

  // Hydration must not reload the page: mark the window and check the mark survives.
  await page.evaluate(() => { window.__sameDocument = true; });
  const countCall = page.waitForResponse((r) => r.url().includes('/_sf/consultations/count') && r.ok());
  await page.getByLabel('Dzielnica').selectOption({ label: 'XIII Podgórze' });
  await countCall;
  // The island announces how many results the choice gives, without navigating.
  await expect(page.getByRole('status')).toHaveText('2 konsultacje');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  expect(new URL(page.url()).search).toBe('');

  await page.getByRole('button', { name: 'Pokaż wyniki' }).click();
  await expect(page).toHaveURL(/district=13/);
  await expect(cards(page)).toHaveCount(2);
  await expect(page.getByLabel('Dzielnica')).toHaveValue('13');
  await expectAccessible(page);

  await page.getByLabel('Etap').selectOption({ label: 'Trwają' });
  await page.getByLabel('Temat').selectOption({ label: 'Zieleń i środowisko' });
  await expect(page.getByRole('status')).toHaveText('1 konsultacja');
  await page.getByRole('button', { name: 'Pokaż wyniki' }).click();
  await expect(page).toHaveURL(/district=13&phase=open&topic=greenery/);
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText('Zielony Rynek Podgórski');

  await page.getByRole('link', { name: 'Wyczyść filtry' }).click();
  await expect(cards(page)).toHaveCount(TOTAL);
  expect(errors).toEqual([]);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the filters still work as a plain form', async ({ page }) => {
    await page.goto('/consultations');
    await page.getByLabel('Dzielnica').selectOption({ label: 'Cały Kraków (ogólnomiejskie)' });
    await page.getByLabel('Etap').selectOption({ label: 'Raport opublikowany' });
    await page.getByRole('button', { name: 'Pokaż wyniki' }).click();
    await expect(page).toHaveURL(/district=city&phase=report_published/);
    await expect(cards(page)).toHaveCount(2);
    await expect(page.getByRole('heading', { level: 2, name: '2 konsultacje' })).toBeVisible();
    await expectAccessibleWithoutJs(page);
  });

  test('the language switch works as a plain form', async ({ page }) => {
    await page.goto('/consultations?district=18');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/consultations\?district=18$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Public consultations');
    await expectAccessibleWithoutJs(page);
  });
});

test('a consultation page renders markdown and never runs injected scripts', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/consultations?district=5');
  await page.getByRole('link', { name: /Test bezpieczeństwa treści/ }).click();
  await expect(page).toHaveURL(/\/consultations\/test-bezpieczenstwo-tresci$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror=');
  const body = page.getByRole('region', { name: 'Opis' });
  await expect(body.getByRole('heading', { level: 2, name: 'Treść' })).toBeVisible();
  await expect(body.locator('strong')).toHaveText('pogrubieniem');
  await expect(body.locator('script, img, [onclick], [onerror]')).toHaveCount(0);
  await expect(body.locator('a[href^="javascript:"]')).toHaveCount(0);
  await body.getByText('kliknij').click();
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a draft act shows its facts and its numbered paragraphs', async ({ page }) => {
  await page.goto('/consultations/park-kulturowy-nowa-huta');
  const facts = page.getByRole('region', { name: 'Najważniejsze informacje' });
  await expect(facts).toContainText('Projekt aktu prawa miejscowego');
  await expect(facts).toContainText('XVIII Nowa Huta');
  await expect(page.getByRole('heading', { level: 4, name: '§ 1' })).toBeVisible();
  await expectAccessible(page);
});

test('the language switch changes every text and remembers the choice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Українська' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Що відбувається в Кракові зараз');
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Головне меню' }).getByRole('link', { name: 'Консультації' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Громадські консультації');
  await expect(page.getByRole('button', { name: 'Українська' })).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Polski' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  expect(errors).toEqual([]);
});

test('the browser language is used when no choice was made', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What is happening in Kraków now');
  await context.close();
});

test('an unknown address is a localised 404 that passes axe', async ({ page }) => {
  const response = await page.goto('/consultations/no-such-consultation');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nie znaleziono strony');
  await expectAccessible(page);
  const other = await page.goto('/this/does/not/exist');
  expect(other.status()).toBe(404);
  await expect(page.getByRole('link', { name: 'Przejdź do strony głównej' })).toBeVisible();
  await expectAccessible(page);
});

test('the accessibility statement is published and passes axe', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Deklaracja dostępności' }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deklaracja dostępności');
  await expect(page.getByText('WCAG 2.1')).toBeVisible();
  await expectAccessible(page);
});

test('a page past the end of the list says so and links back', async ({ page }) => {
  await page.goto('/consultations?page=7');
  await expect(cards(page)).toHaveCount(0);
  await page.getByRole('link', { name: /Ta strona listy jest pusta/ }).click();
  await expect(cards(page)).toHaveCount(TOTAL);
  await expectAccessible(page);
});

test('pages without an island download no WASM; the list with its island does', async ({ page }) => {
  const wasm = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname);
  });
  await page.goto('/');
  await page.goto('/consultations/zielony-rynek-podgorski');
  await page.goto('/accessibility');
  expect(wasm).toEqual([]);
  const loaded = page.waitForRequest((r) => r.url().endsWith('.wasm'));
  await page.goto('/consultations');
  await loaded;
  expect(wasm.length).toBeGreaterThan(0);
});

test('a filter chosen before the island wakes up is still announced', async ({ page }) => {
  // Hold the WASM back until the choice is made, as on a slow phone connection.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/consultations');
  await page.getByLabel('Dzielnica').selectOption({ label: 'XVIII Nowa Huta' });
  await expect(page.getByRole('status')).toHaveText('');
  release();
  await expect(page.getByRole('status')).toHaveText('1 konsultacja');
  expect(new URL(page.url()).search).toBe('');
});
