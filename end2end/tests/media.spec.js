// Pictures and documents: DK-04 adds a photo to a consultation (refused without its
// text alternative, the file kept so it is not chosen again), then residents see it on
// the public page as a responsive picture: WebP and JPEG at several widths, the size
// the phone needs, width and height set, no layout shift. JavaScript off for the
// upload (plain forms), on for the checks that need the browser's own choice.
import { test, expect } from '@playwright/test';
import { expectAccessible, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

const TITLE = 'Program „Senior w Krakowie” na lata 2027–2030';
const PUBLIC = '/consultations/program-senior-w-krakowie';

/** A 1600 × 900 JPEG photo: a screenshot of a page drawn for it. */
async function photo(browser) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  await page.setContent('<body style="margin:0;background:linear-gradient(135deg,#3a7,#fd5)"><h1 style="font:120px serif;color:#fff;padding:200px">Senior</h1></body>');
  const buffer = await page.screenshot({ type: 'jpeg', quality: 85 });
  await context.close();
  return buffer;
}

/** The width of the rendition the browser loaded, from the `srcset` entry it chose. */
function chosenWidth(img) {
  return img.evaluate((el) => {
    if (!el.complete || !el.currentSrc) return 0;
    const path = new URL(el.currentSrc).pathname;
    const sources = [...el.parentElement.querySelectorAll('source'), el].map((s) => s.getAttribute('srcset')).join(', ');
    const entry = sources.split(', ').find((candidate) => candidate.startsWith(`${path} `));
    return entry ? Number.parseInt(entry.split(' ')[1], 10) : -1;
  });
}

test('DK-04 adds a photo with its text alternative and residents see it responsive', async ({ browser }) => {
  const buffer = await photo(browser);
  const staff = await browser.newContext({ locale: 'en-GB' });
  const page = await staff.newPage();
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation/consultations');
  await page.getByRole('link', { name: TITLE }).click();
  const editor = page.locator('#media-editor');
  await expect(editor.getByRole('heading', { name: 'Pictures and documents' })).toBeVisible();

  // Without the Polish alternative: refused next to its field, the file kept.
  await editor.getByLabel('Alternative text in English').fill('Seniors at a city workshop');
  await editor.getByLabel('File', { exact: true }).setInputFiles({ name: 'warsztaty.jpg', mimeType: 'image/jpeg', buffer });
  await editor.getByRole('button', { name: 'Add the file' }).click();
  await expect(page.locator('#media-alt_pl-error')).toContainText('Describe what the picture shows');
  await expect(page.getByLabel('Alternative text in English')).toHaveValue('Seniors at a city workshop');
  await expect(page.locator('#media-editor .notice')).toContainText('warsztaty.jpg');
  await expectAccessible(page);

  // Now with it, and no file chosen again.
  await page.getByLabel('Alternative text in Polish').fill('Seniorzy na warsztatach w centrum aktywności');
  await page.locator('#media-editor').getByRole('button', { name: 'Add the file' }).click();
  await expect(page.getByText('File added.')).toBeVisible();
  await expect(page.locator('#media-editor .media-list li')).toHaveCount(1);
  await expectAccessible(page);
  await staff.close();

  // A resident on a phone: the picture the browser chose is a small one, in WebP, with
  // the alternative in English and the layout reserved before it loads.
  const phone = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  const resident = await phone.newPage();
  const errors = watchErrors(resident);
  await resident.goto(PUBLIC);
  const img = resident.locator('article.consultation picture img').first();
  await expect(img).toHaveAttribute('alt', 'Seniors at a city workshop');
  await expect(img).toHaveAttribute('width', '1280');
  await expect(img).toHaveAttribute('height', '720');
  const webp = resident.locator('article.consultation picture source[type="image/webp"]').first();
  await expect(webp).toHaveAttribute('srcset', /320w, .* 640w, .* 1280w$/);
  await expect.poll(() => chosenWidth(img)).toBe(1280);
  const chosen = await img.evaluate((el) => el.currentSrc);
  const response = await resident.request.get(chosen);
  expect(response.headers()['content-type']).toBe('image/webp');
  expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  // 360 CSS px at scale 2 are 720 device pixels, so that phone takes the 1280 px
  // rendition; at scale 1 the 640 px one is enough.
  const small = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  const smallPage = await small.newPage();
  await smallPage.goto(PUBLIC);
  const smallImg = smallPage.locator('article.consultation picture img').first();
  await expect.poll(() => chosenWidth(smallImg)).toBe(640);
  await small.close();
  const box = await img.boundingBox();
  expect(box.width).toBeLessThanOrEqual(360);
  expect(Math.abs(box.height - (box.width * 720) / 1280)).toBeLessThan(2);
  await expectAccessible(resident);
  expect(errors).toEqual([]);
  await phone.close();
});

test('a file that is not a picture or a PDF is refused with the form kept', async ({ page }) => {
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation/consultations');
  await page.getByRole('link', { name: TITLE }).click();
  const editor = page.locator('#media-editor');
  await editor.getByLabel('Alternative text in Polish').fill('Mapa obszaru');
  await editor.getByLabel('File', { exact: true }).setInputFiles({
    name: 'mapa.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await editor.getByRole('button', { name: 'Add the file' }).click();
  await expect(page.locator('#media-file-error')).toContainText('We do not accept this kind of file');
  await expect(page.getByLabel('Alternative text in Polish')).toHaveValue('Mapa obszaru');
  await expectAccessible(page);
});
