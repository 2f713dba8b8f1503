// The civic-budget vote on the demo: a resident votes (a refused ballot first, which
// keeps the choices, then the review, the cast and the receipt, which finds the ballot);
// a second vote with the same PESEL is refused; the ballot checks itself and reorders by
// keyboard and touch, and its arrows work without JavaScript too; a resident signed in
// with the city account votes without typing an identifier, and that PESEL typed on
// another account is refused; a resident votes with JavaScript off; a
// poll officer enters a batch of paper cards (one invalid, two of one person), DK-04 approves it and settles the conflict by the edition's rule; the past
// edition's published results, their open data and the integrity report. Every page
// passes axe.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

const YEAR = new Date().getUTCFullYear();
const PAST = YEAR - 1;
const ANNA_PESEL = '44051401359';
// The PESEL the test OIDC provider vouches for (end2end/support/oidc-server.mjs).
const SSO_PESEL = '75031201289';

/** The numbers of the projects on the ballot in a pool (`city` or 1–18). */
async function numbers(request, pool) {
  const response = await request.get(`/api/v1/budget/${YEAR}/projects?pool=${pool}&status=on_ballot`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()).items.map((p) => p.number);
}

/** Gives 3, 2, 1 points to the first projects of a group (or fewer). */
async function rank(page, group, count = 3) {
  const selects = page.locator(`#vote-${group}_group select`);
  const points = ['3', '2', '1'];
  for (let i = 0; i < count; i += 1) await selects.nth(i).selectOption(points[i]);
}

test('a resident votes once: a refused ballot keeps the choices, the review, the receipt', async ({ browser }) => {
  // Two residents and every step of the ballot, with axe on every page.
  test.setTimeout(90_000);
  const anna = await (await browser.newContext()).newPage();
  const olena = await (await browser.newContext()).newPage();
  const errors = [anna, olena].map(watchErrors);

  await signIn(anna, 'anna@demo.krakow.pl');
  await anna.goto(`/budget/${YEAR}`);
  await anna.getByRole('link', { name: 'Vote', exact: true }).click();
  await expect(anna.getByRole('heading', { level: 1 })).toHaveText(`Vote in the civic budget ${YEAR}`);
  await expectAccessible(anna);
  // Anna's profile district (I Stare Miasto) is chosen already.
  await anna.getByRole('button', { name: "Show my district's projects" }).click();
  await expectAccessible(anna);
  await anna.getByLabel('PESEL number').fill(ANNA_PESEL);
  await rank(anna, 'district', 2);
  await rank(anna, 'city');
  await anna.getByRole('button', { name: 'Review my vote' }).click();
  await expect(anna.getByRole('alert')).toContainText('Choose exactly 3 projects in this group.');
  await expect(anna.locator('#vote-district_group select').first()).toHaveValue('3');
  await expect(anna.getByLabel('PESEL number')).toHaveValue(ANNA_PESEL);
  await expectAccessible(anna);

  await rank(anna, 'district');
  await anna.getByRole('button', { name: 'Review my vote' }).click();
  await expect(anna.getByRole('heading', { name: 'Check your vote before casting it' })).toBeVisible();
  await expect(anna.getByRole('cell', { name: '3 points' })).toHaveCount(2);
  await expectAccessible(anna);
  await anna.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(anna.getByRole('heading', { name: 'Your vote has been cast' })).toBeVisible();
  const receipt = (await anna.locator('.receipt-code').textContent()).trim();
  expect(receipt).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expectAccessible(anna);

  // The receipt finds the ballot in the set.
  await anna.goto(`/budget/${YEAR}/results`);
  await anna.getByLabel('Receipt code').fill(receipt.toLowerCase());
  await anna.getByRole('button', { name: 'Check' }).click();
  await expect(anna.getByRole('status')).toHaveText('This ballot is in the set and is counted.');
  await expectAccessible(anna);

  // Another account with Anna's PESEL: refused, the choices kept.
  await signIn(olena, 'olena@demo.krakow.pl');
  await olena.goto(`/budget/${YEAR}/vote?district=18`);
  await olena.getByLabel('PESEL number').fill(ANNA_PESEL);
  await rank(olena, 'district');
  await rank(olena, 'city');
  await olena.getByRole('button', { name: 'Review my vote' }).click();
  await olena.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(olena.getByRole('alert')).toContainText('This person has already voted in this edition.');
  await expect(olena.locator('#vote-city_group select').first()).toHaveValue('3');
  await expectAccessible(olena);
  for (const e of errors) expect(e.filter((m) => !m.includes('status of 409') && !m.includes('status of 422'))).toEqual([]);
});

test('the ballot checks itself as it is filled in and reorders by keyboard and touch', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'piotr@demo.krakow.pl');
  await page.goto(`/budget/${YEAR}/vote?district=13`);
  const group = page.locator('#vote-district_group');
  const selects = group.locator('select');
  const message = page.locator('#vote-district_group-error');
  // The server's rules run in the browser as a choice changes: a change before the
  // island has woken up shows nothing, so change again until the message follows.
  let attempt = 0;
  await expect(async () => {
    attempt += 1;
    await selects.nth(0).selectOption(attempt % 2 ? '3' : '2');
    await expect(message).toHaveText('Choose exactly 3 projects in this group.', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await selects.nth(0).selectOption('');
  const up = group.getByRole('button', { name: /^Move up: / });
  const down = group.getByRole('button', { name: /^Move down: / });
  // By keyboard: the second project's arrow puts it first, and says so.
  await up.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(selects.nth(1)).toHaveValue('3');
  await expect(page.locator('#vote-status')).toHaveText(/: 3 points$/);
  await expect(up.nth(1)).toBeFocused();
  // By touch (a tap is a click): the next projects join in the next places.
  await up.nth(0).click();
  await up.nth(2).click();
  await expect(selects.nth(0)).toHaveValue('2');
  await expect(selects.nth(2)).toHaveValue('1');
  await expect(message).toBeHidden();
  // The third moves above the first; the favourite moves one place down.
  await up.nth(2).click();
  await expect(selects.nth(0)).toHaveValue('1');
  await expect(selects.nth(2)).toHaveValue('2');
  await down.nth(1).focus();
  await page.keyboard.press('Space');
  await expect(selects.nth(1)).toHaveValue('2');
  await expect(selects.nth(2)).toHaveValue('3');
  // A value given twice is named at once, next to the group.
  await selects.nth(0).selectOption('3');
  await expect(message).toHaveText('Give each value of points once: the points are not a ranking.');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a resident signed in with the city account votes without typing an identifier, once', async ({ browser }) => {
  test.setTimeout(60_000);
  const sso = await (await browser.newContext()).newPage();
  const other = await (await browser.newContext()).newPage();
  const errors = [sso, other].map(watchErrors);
  await sso.goto('/signin');
  await sso.getByRole('button', { name: 'Sign in with Konto Krakowianina (test)' }).click();
  await expect(sso).toHaveURL(/\/account/);
  await sso.goto(`/budget/${YEAR}/vote?district=13`);
  await expect(sso.getByText('Your identity is confirmed by the city account you signed in with')).toBeVisible();
  await expect(sso.getByLabel('PESEL number')).toHaveCount(0);
  await expectAccessible(sso);
  await rank(sso, 'district');
  await rank(sso, 'city');
  await sso.getByRole('button', { name: 'Review my vote' }).click();
  await sso.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(sso.getByRole('heading', { name: 'Your vote has been cast' })).toBeVisible();

  // The same person typing that PESEL on another account is the same voter.
  await signIn(other, 'olena@demo.krakow.pl');
  await other.goto(`/budget/${YEAR}/vote?district=13`);
  await other.getByLabel('PESEL number').fill(SSO_PESEL);
  await rank(other, 'district');
  await rank(other, 'city');
  await other.getByRole('button', { name: 'Review my vote' }).click();
  await other.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(other.getByRole('alert')).toContainText('This person has already voted in this edition.');
  for (const e of errors) expect(e.filter((m) => !m.includes('status of 409'))).toEqual([]);
});

test('a poll officer enters paper cards; DK-04 approves them and settles a conflict by the rule', async ({ browser, request }) => {
  // Two people, three cards, an approval and the queue, with axe on every page.
  test.setTimeout(90_000);
  const officer = await (await browser.newContext()).newPage();
  const dk04 = await (await browser.newContext()).newPage();
  const errors = [officer, dk04].map(watchErrors);
  const district = await numbers(request, 13);
  const city = await numbers(request, 'city');

  await signIn(officer, 'komisja@demo.krakow.pl');
  await officer.goto(`/budget/${YEAR}/cards`);
  await expectAccessible(officer);
  await officer.getByLabel('Voting point').fill('Dom Kultury Podgórze, ul. Krakusa 7');
  await officer.getByLabel('Day the cards were cast').fill(new Date().toISOString().slice(0, 10));
  await officer.getByRole('button', { name: 'Open the batch' }).click();
  await expect(officer.getByRole('status')).toHaveText('The batch is open.');
  await expectAccessible(officer);

  const enter = async (pesel, districtNumbers) => {
    await officer.getByLabel('PESEL number').fill(pesel);
    await officer.getByLabel('District on the card').selectOption('13');
    const d = officer.getByRole('group', { name: 'District projects, favourite first' });
    for (let i = 0; i < 3; i += 1) await d.getByLabel(String(i + 1), { exact: true }).fill(districtNumbers[i] ?? '');
    const c = officer.getByRole('group', { name: 'City-wide projects, favourite first' });
    for (let i = 0; i < 3; i += 1) await c.getByLabel(String(i + 1), { exact: true }).fill(city[i]);
    await officer.getByRole('button', { name: 'Enter a card' }).click();
    await expect(officer.getByRole('status')).toHaveText('The card is entered.');
  };
  // A voter, the same voter again on another card, and a card with two district
  // projects only.
  await enter('85010112345', district);
  await enter('85010112345', district.slice().reverse());
  await enter('02270803624', district.slice(0, 2));
  const rows = officer.getByRole('table', { name: 'Cards' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3)).toContainText('Invalid');
  await expect(rows.nth(3)).toContainText('Choose exactly 3 projects in this group.');
  // The officer who entered the batch cannot approve it.
  await expect(officer.getByRole('button', { name: 'Approve the batch' })).toHaveCount(0);
  await expectAccessible(officer);

  await signIn(dk04, 'moderator@demo.krakow.pl');
  await dk04.goto(officer.url());
  await dk04.getByRole('button', { name: 'Approve the batch' }).click();
  await expect(dk04.getByRole('status')).toHaveText('The batch is approved and counted.');
  await expect(dk04.getByRole('table', { name: 'Cards' })).toContainText('Conflict');
  await expect(dk04.getByRole('table', { name: 'Cards' })).toContainText('Counted');
  await expectAccessible(dk04);

  await dk04.goto(`/moderation/budget/${YEAR}/integrity`);
  const queue = dk04.getByRole('table', { name: 'Conflict queue' });
  await expect(queue).toContainText('the counted vote stands');
  await expectAccessible(dk04);
  await queue.getByRole('button', { name: 'Apply the rule' }).click();
  await expect(dk04.getByRole('status')).toHaveText('The conflict is settled by the rule.');
  await expect(dk04.getByText('The queue is empty.')).toBeVisible();
  await expectAccessible(dk04);
  for (const e of errors) expect(e).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the arrows reorder the ballot by posting it, and Enter in a field reviews', async ({ page }) => {
    await signIn(page, 'olena@demo.krakow.pl');
    await page.goto(`/budget/${YEAR}/vote?district=13`);
    const group = page.locator('#vote-district_group');
    const selects = group.locator('select');
    await group.getByRole('button', { name: /^Move up: / }).nth(1).click();
    await expect(selects.nth(1)).toHaveValue('3');
    await group.getByRole('button', { name: /^Move up: / }).nth(0).click();
    await expect(selects.nth(0)).toHaveValue('2');
    await group.getByRole('button', { name: /^Move down: / }).nth(1).click();
    await expect(selects.nth(0)).toHaveValue('3');
    await expect(selects.nth(1)).toHaveValue('2');
    await expectAccessibleWithoutJs(page);
    // Enter in a text field presses the review, not a project's arrow.
    await page.getByLabel('PESEL number').fill('12345678901');
    await page.getByLabel('PESEL number').press('Enter');
    await expect(page.getByRole('alert')).toContainText('This is not a valid PESEL number');
    await expect(selects.nth(0)).toHaveValue('3');
    await expect(page.getByLabel('PESEL number')).toHaveValue('12345678901');
  });

  test('a resident votes with plain forms', async ({ page }) => {
    await signIn(page, 'piotr@demo.krakow.pl');
    await page.goto(`/budget/${YEAR}/vote`);
    await page.getByLabel('District where you live').selectOption('14');
    await page.getByRole('button', { name: "Show my district's projects" }).click();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel('PESEL number').fill('12345678901');
    await rank(page, 'district');
    await rank(page, 'city');
    await page.getByRole('button', { name: 'Review my vote' }).click();
    await expect(page.getByRole('alert')).toContainText('This is not a valid PESEL number');
    await page.getByLabel('PESEL number').fill('90010112349');
    await page.getByRole('button', { name: 'Review my vote' }).click();
    await page.getByRole('button', { name: 'Cast my vote' }).click();
    await expect(page.getByRole('heading', { name: 'Your vote has been cast' })).toBeVisible();
  });

  test("the past edition's results, open data and integrity report", async ({ page, request }) => {
    await page.goto(`/budget/${PAST}/results`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results of the civic budget ${PAST}`);
    await expect(page.getByText('Digest of the ballot set (SHA-256)')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Results · City-wide' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Points per project: City-wide' })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel('Receipt code').fill('AAAA-BBBB-CCCC');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByRole('status')).toHaveText('No ballot of this edition has this receipt code.');

    const json = await (await request.get(`/api/v1/budget/${PAST}/results`)).json();
    expect(json.pools.length).toBeGreaterThan(1);
    expect(json.turnout.total).toBeGreaterThan(400);
    const pb = await request.get(`/api/v1/budget/${PAST}/ballots/city.pb`);
    expect(pb.ok()).toBeTruthy();
    expect(await pb.text()).toContain('tie_break_seed;');

    await signIn(page, 'moderator@demo.krakow.pl');
    await page.goto(`/moderation/budget/${PAST}/integrity`);
    await expect(page.getByRole('heading', { name: /Votes from one address or device \(Address \(keyed hash\)\): 30/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /The same ballot on one day: 30/ })).toBeVisible();
    await expectAccessibleWithoutJs(page);
  });
});
