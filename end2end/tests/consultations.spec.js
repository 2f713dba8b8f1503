// Consultations as residents, NGOs and DK-04 meet them: remarks on a draft act unit by
// unit (JavaScript on and off), signing for an NGO, support, edit and withdraw, flags
// and moderation, remarks entered by staff from paper, the back-office editor with its
// statutory minimums, and hostile input that must never run. Every page passes axe.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, forbidDialogs, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

const ACT = '/consultations/park-kulturowy-nowa-huta';
const CLOSED = '/consultations/statut-dzielnicy-xi';

/** What residents type that must stay text: scripts, handlers, links with scripts. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[click me](javascript:alert(3))',
  '<svg onload=alert(4)>',
  '</textarea><script>alert(5)</script>',
  '"><iframe src="javascript:alert(6)"></iframe>',
];

/** A remark's own article (without its replies), found by its text. */
function remarkWith(page, text) {
  return page.locator('li.remark > article').filter({ hasText: text });
}

test('a resident comments on one provision of a draft act with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const page = await context.newPage();
  await signIn(page, 'piotr@demo.krakow.pl');
  await page.goto(ACT);
  await expectAccessibleWithoutJs(page);

  // Each provision has its own link and count: no text selection needed.
  const point = page.locator('#par-2-pkt-1');
  await expect(point.locator('.unit-count')).toHaveText('1 remark');
  await point.getByRole('link', { name: 'Comment on § 2 pkt 1' }).click();
  await expect(page).toHaveURL(/unit=par-2-pkt-1/);
  await expect(page.getByRole('heading', { level: 2, name: 'Remarks on § 2 pkt 1' })).toBeVisible();

  // An empty remark is refused next to the field; the page says why.
  const field = page.getByLabel('Your remark on § 2 pkt 1');
  await field.fill('   ');
  await page.getByRole('button', { name: 'Submit remark' }).click();
  await expect(page.locator('#remark-body-error')).toHaveText('Write your remark before sending it.');
  await expect(page.getByLabel('Your remark on § 2 pkt 1')).toHaveAttribute('aria-invalid', 'true');

  const text = `Okres przejściowy ${Date.now()}: sześć miesięcy wystarczy.`;
  await page.getByLabel('Your remark on § 2 pkt 1').fill(text);
  await page.getByRole('button', { name: 'Submit remark' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you: your remark has been published.');
  const mine = remarkWith(page, text);
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole('link', { name: 'Edit' })).toBeVisible();

  // The author edits within 15 minutes, then withdraws: a placeholder stays.
  await mine.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Edit your remark').fill(`${text} Poprawione.`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Your changes have been saved.');
  const edited = remarkWith(page, 'Poprawione.');
  await expect(edited).toContainText('edited');
  await edited.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.getByRole('status')).toHaveText('Your remark has been withdrawn.');
  await expect(page.getByText(text)).toHaveCount(0);
  await expect(page.locator('li.remark .placeholder', { hasText: 'The author withdrew this remark.' }).first()).toBeVisible();
  await context.close();
});

test('a double-clicked submit makes one remark, and support counts once', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'olena@demo.krakow.pl');
  await page.goto(`${ACT}?unit=par-3#remarks`);
  const text = `Raz na kwartał to za rzadko ${Date.now()}.`;
  await page.getByLabel('Your remark on § 3').fill(text);
  await page.getByRole('button', { name: 'Submit remark' }).dblclick();
  await expect(page.getByRole('status')).toHaveText('Thank you: your remark has been published.');
  await page.goto(`${ACT}?unit=par-3&sort=newest#remarks`);
  await expect(remarkWith(page, text)).toHaveCount(1);

  // The same form sent twice at once (what a double click on a slow line does), with
  // the page's own one-time key and this browser's session: one remark.
  const again = `Druga uwaga wysłana dwa razy ${Date.now()}.`;
  const key = await page.locator('#remark-form input[name="key"]').inputValue();
  const form = { key, unit: 'par-3', body: again };
  const headers = { Origin: new URL(page.url()).origin };
  const answers = await Promise.all([1, 2].map(() => page.request.post(`${ACT}/remarks`, { form, headers, maxRedirects: 0 })));
  const [first, second] = answers.map((a) => a.headers().location);
  expect(first).toMatch(/done=remark_posted#remark-\d+$/);
  expect(second).toBe(first);
  // Not the same address as now: a change of the fragment alone would not reload.
  await page.goto(`${ACT}?unit=par-3&sort=oldest`);
  await expect(remarkWith(page, again)).toHaveCount(1);

  // A letter on § 3 that staff entered: Olena supports it, once; pressing again
  // withdraws the support.
  await page.goto(`${ACT}?unit=par-3#remarks`);
  const letter = () => remarkWith(page, 'kontroli przestrzegania uchwały');
  await letter().getByRole('button', { name: 'I support this (0)' }).click();
  await expect(page.getByRole('status')).toHaveText('You support this remark.');
  const pressed = letter().getByRole('button', { name: 'Withdraw my support (1)' });
  await expect(pressed).toHaveAttribute('aria-pressed', 'true');
  await pressed.click();
  await expect(page.getByRole('status')).toHaveText('Your support has been withdrawn.');
  await expect(letter().getByRole('button', { name: 'I support this (0)' })).toHaveAttribute('aria-pressed', 'false');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('an NGO member signs a remark on behalf of the NGO', async ({ page }) => {
  await signIn(page, 'ngo@demo.krakow.pl');
  await page.goto(`${ACT}#remarks`);
  const signAs = page.getByRole('group', { name: 'Sign as' });
  await expect(signAs.getByLabel('Myself')).toBeChecked();
  await signAs.getByLabel(/\(NGO\)$/).check();
  const text = `Stowarzyszenie prosi o konsultacje wzorów szyldów ${Date.now()}.`;
  await page.getByLabel('Your remark', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Submit remark' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you: your remark has been published.');
  const remark = remarkWith(page, text);
  await expect(remark.locator('.badge-ngo')).toHaveText('NGO');
  await expect(remark.locator('.signed-by')).toContainText('signed by');
  await expectAccessible(page);
});

test('hostile remarks stay text, on the page, in the form and in the moderation queue', async ({ page }) => {
  forbidDialogs(page);
  const errors = watchErrors(page);
  await signIn(page, 'anna@demo.krakow.pl');
  const marker = `hostile-${Date.now()}`;
  await page.goto(`${ACT}#remarks`);
  await page.getByLabel('Your remark', { exact: true }).fill(`${marker}\n\n${HOSTILE.join('\n\n')}`);
  await page.getByRole('button', { name: 'Submit remark' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you: your remark has been published.');
  const remark = remarkWith(page, marker);
  for (const payload of HOSTILE.filter((p) => !p.startsWith('['))) {
    await expect(remark.locator('.prose')).toContainText(payload);
  }
  await expect(remark.locator('script, img, svg, iframe')).toHaveCount(0);
  await expect(remark.locator('a[href^="javascript:"]')).toHaveCount(0);

  // Refused input comes back into a text area as typed, and still runs nothing.
  await remark.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Edit your remark').fill(HOSTILE[4]);
  await page.getByLabel('Edit your remark').evaluate((el) => { el.form.noValidate = true; el.removeAttribute('maxlength'); el.value = `${'x'.repeat(5001)}${el.value}`; });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('#edit-body-error')).toHaveText('A remark can be up to 5,000 characters long. Please shorten it.');
  await expect(page.getByLabel('Edit your remark')).toHaveValue(`${'x'.repeat(5001)}${HOSTILE[4]}`);
  expect(await page.evaluate(() => document.querySelectorAll('main script').length)).toBe(0);
  await expectAccessible(page);

  // Flagged, it reaches the moderators' queue as text too.
  await page.context().clearCookies();
  await signIn(page, 'piotr@demo.krakow.pl');
  await page.goto(`${ACT}?sort=newest#remarks`);
  await remarkWith(page, marker).getByRole('link', { name: 'Report to the moderators' }).click();
  await page.getByLabel('Offensive or hateful').check();
  await page.getByLabel('Anything the moderators should know (optional)').fill(HOSTILE[1]);
  await page.getByRole('button', { name: 'Send to the moderators' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you: the moderators will look at this remark.');

  await page.context().clearCookies();
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation/remarks');
  const item = page.locator('li.queue-item').filter({ hasText: marker });
  await expect(item.getByRole('list', { name: 'Flags' })).toContainText(`Offensive or hateful: ${HOSTILE[1]}`);
  await expect(item.locator('img, script, svg, iframe')).toHaveCount(0);
  await expectAccessible(page);

  // The moderator hides it with a public reason, then restores it.
  await item.getByLabel('Reason shown to the public').fill('Treść techniczna, nie uwaga do projektu.');
  await item.getByRole('button', { name: 'Hide' }).click();
  await expect(page.getByRole('status')).toHaveText('The remark is hidden.');
  await page.goto(`${ACT}?sort=newest#remarks`);
  await expect(page.locator('li.remark .placeholder', { hasText: 'Treść techniczna, nie uwaga do projektu.' })).toBeVisible();
  await page.goto('/moderation/remarks');
  const hidden = page.getByRole('region', { name: /^Hidden/ }).locator('li.queue-item').filter({ hasText: marker });
  await hidden.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status')).toHaveText('The remark is visible.');
  await page.goto(`${ACT}?sort=newest#remarks`);
  await expect(remarkWith(page, marker).locator('.prose').first()).toContainText(HOSTILE[0]);
  // The refused edit answered 422, which the browser logs; nothing else may show up.
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test('a closed consultation shows no form and says why', async ({ page }) => {
  await signIn(page, 'anna@demo.krakow.pl');
  await page.goto(CLOSED);
  await expect(page.getByText('The consultation is closed: remarks are no longer accepted.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit remark' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 4, name: '§ 1' })).toBeVisible();
  await expectAccessible(page);
});

test('staff enter a remark received by post, and it shows with its channel', async ({ page }) => {
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation');
  await expectAccessible(page);
  await page.goto('/moderation/consultations');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Projekt uchwały w sprawie Parku Kulturowego Nowa Huta' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit consultation');
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Enter a remark received/ }).click();
  await expectAccessible(page);

  // Missing parts are named next to their fields; what was typed stays.
  const text = `Pismo z dnia ${Date.now()}: proszę o ławki przy alei Róż.`;
  await page.getByLabel('Text of the remark').fill(text);
  await page.getByRole('button', { name: 'Save remark' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.locator('.field-error', { has: page.locator('#paper-channel') })).toContainText('Choose one of the options.');
  await expect(page.getByLabel('Text of the remark')).toHaveValue(text);
  await expectAccessible(page);

  await page.getByLabel('Received by').selectOption({ label: 'by post' });
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Date received').fill(yesterday);
  await page.getByLabel('Author as given').fill('Maria Nowak, os. Centrum B');
  await page.getByLabel('Provision of the draft act').selectOption('par-1');
  await page.getByRole('button', { name: 'Save remark' }).click();
  await expect(page.getByRole('status')).toHaveText('The remark has been entered.');

  await page.goto(`${ACT}?unit=par-1#remarks`);
  const remark = remarkWith(page, text);
  await expect(remark.locator('.author')).toHaveText('Maria Nowak, os. Centrum B');
  await expect(remark.locator('.badge-channel')).toHaveText('by post');
});

test('the editor previews with the public renderer and holds back a consultation below the statutory minimums', async ({ page }) => {
  forbidDialogs(page);
  const errors = watchErrors(page);
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation/consultations/new');
  await expectAccessible(page);

  // Nothing filled in: every problem by its field.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  const slug = `e2e-${Date.now()}`;
  await page.getByLabel('Title').fill('Ławki na Plantach <b>teraz</b>');
  await page.getByLabel('Address (slug)').fill(slug);
  await page.getByLabel('Summary').fill('Gdzie postawić nowe ławki.');
  const body = '## Cel\n\nNowe **ławki**.\n\n<script>alert(1)</script>';
  // The live preview (JavaScript on) asks the server, which renders with the public
  // renderer. Typing before the island has woken up changes nothing, so type again
  // until the preview follows (bounded by toPass's timeout, not a fixed wait).
  const preview = page.getByRole('region', { name: 'Preview as residents will see it' });
  await expect(async () => {
    await page.getByLabel('Description (markdown)').fill(body);
    await expect(preview.locator('strong')).toHaveText('ławki', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(preview.locator('script')).toHaveCount(0);
  await page.getByLabel('Kind').selectOption('general');
  await page.getByLabel('All of Kraków', { exact: true }).check();
  await page.getByLabel('Topic').selectOption({ index: 1 });
  await page.getByLabel('Organising unit').selectOption({ index: 1 });
  // Ten days of consultation, two days of notice: below the resolution's minimums.
  await page.getByLabel('Announced from').fill('2027-03-01T09:00');
  await page.getByLabel('Consultation starts').fill('2027-03-03T09:00');
  await page.getByLabel('Consultation ends').fill('2027-03-13T16:00');
  await page.getByLabel('Remarks on this platform').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The consultation has been created as a draft.' })).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('Ławki na Plantach <b>teraz</b>');
  await expect(page.locator('main b')).toHaveCount(0);
  await expect(page.getByText('Less than 7 days of information before the start.')).toBeVisible();
  await expect(page.getByText('Less than 21 days of consultation.')).toBeVisible();
  await expectAccessible(page);

  // Publishing is refused without a reason; the draft stays a draft.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('alert')).toContainText('does not meet the statutory minimums');
  await expect(page.getByText('This consultation is a draft: residents do not see it.')).toBeVisible();
  const response = await page.request.get(`/consultations/${slug}`);
  expect(response.status()).toBe(404);

  // Events: an open meeting with accessibility notes, downloadable as iCalendar.
  await page.getByLabel('Kind of event').selectOption({ label: 'Open meeting' });
  await page.getByLabel('Starts', { exact: true }).fill('2027-03-05T17:00');
  await page.getByLabel('Ends', { exact: true }).fill('2027-03-05T19:00');
  await page.getByLabel('Place', { exact: true }).fill('Pałac Krzysztofory, sala obrad');
  await page.getByLabel('Accessibility', { exact: true }).fill('Wejście bez schodów, pętla indukcyjna.');
  await page.getByRole('button', { name: 'Add an event' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The event has been added.' })).toBeVisible();
  await expect(page.getByText('Pałac Krzysztofory, sala obrad')).toBeVisible();
  await expectAccessible(page);
  // The refused save and publish answered 422, which the browser logs; nothing else may.
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test('the unsubscribe page works with an old link and the public calendar file is valid', async ({ page, request }) => {
  await page.goto('/unsubscribe/not-a-real-token-0000000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop these emails');
  await expectAccessible(page);

  const ics = await request.get(`${ACT}/events.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const text = await ics.text();
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text).toContain('BEGIN:VEVENT');
});

test('DK-04 answers a remark of a closed consultation, with every refusal said next to its field', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'moderator@demo.krakow.pl');
  await page.goto('/moderation/consultations');
  await page.getByRole('link', { name: 'Projekt zmian w statucie Dzielnicy XI Podgórze Duchackie' }).click();
  // A letter that arrived before the close, entered afterwards.
  await page.getByRole('link', { name: /^Enter a remark received/ }).click();
  const text = `Transmisje obrad także z komisji ${Date.now()}.`;
  await page.getByLabel('Received by').selectOption({ label: 'by email' });
  const received = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Date received').fill(received);
  await page.getByLabel('Author as given').fill('Rada Osiedla Kurdwanów');
  await page.getByLabel('Text of the remark').fill(text);
  await page.getByRole('button', { name: 'Save remark' }).click();
  await expect(page.getByRole('status')).toHaveText('The remark has been entered.');

  await page.getByRole('link', { name: 'Projekt zmian w statucie Dzielnicy XI Podgórze Duchackie' }).click();
  await page.getByRole('link', { name: 'Answers to remarks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Answers to remarks');
  // The demo has three remarks here, one answered; the letter makes four.
  await expect(page.locator('.progress-line')).toHaveText('Answered: 1 of 4');
  await expectAccessible(page);

  // Nothing chosen, no decision: both said, next to their fields.
  await page.getByRole('button', { name: 'Save the answer' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose at least one remark to answer.');
  await expect(page.getByRole('alert')).toContainText('Choose a decision.');
  await expectAccessible(page);

  // A rejection needs its reason; what was typed stays.
  const item = page.locator('li.queue-item').filter({ hasText: text });
  await item.getByRole('checkbox').check();
  await page.getByLabel('Not accepted').check();
  await page.getByRole('button', { name: 'Save the answer' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the justification');
  await expect(page.getByLabel('Not accepted')).toBeChecked();
  await expect(page.locator('li.queue-item').filter({ hasText: text }).getByRole('checkbox')).toBeChecked();

  await page.getByLabel('Justification').fill('Transmisje z komisji reguluje odrębny regulamin rady dzielnicy.');
  await page.getByRole('button', { name: 'Save the answer' }).click();
  await expect(page.getByRole('status')).toHaveText('The answer has been saved.');
  await expect(page.locator('.progress-line')).toHaveText('Answered: 2 of 4');
  await expect(page.locator('li.queue-item').filter({ hasText: text }).locator('.answer')).toContainText('Answer: Not accepted');
  await page.getByLabel('Answer', { exact: true }).selectOption({ label: 'Not answered yet' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('li.queue-item').filter({ hasText: text })).toHaveCount(0);
  await expectAccessible(page);
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});
