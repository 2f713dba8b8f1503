// The civic budget before the vote: DK-04 opens an edition; the browser checks a
// project's field as it changes with the server's rules; a resident's refused
// submission keeps what was typed, then the project is submitted with a number and a
// receipt; DK-04 records the signatures and assigns it to the greenery board, whose
// verifier rejects it with a published reason; the resident protests in time, DK-04
// schedules the hearing and upholds the protest, closes the list, and the project is on
// the ballot. The catalogue filters and searches with JavaScript off, at a shareable
// address. Every page passes axe.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, mailsTo, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

const YEAR = '2035';

/** A calendar date `days` from today (UTC), as a date field takes it. */
function day(days) {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** DK-04 saves the edition with its phases starting `days` from today. */
async function saveEdition(page, days) {
  await page.goto(`/moderation/budget?year=${YEAR}`);
  const phases = ['submission_starts', 'verification_starts', 'protests_start', 'final_list_starts', 'voting_starts', 'results_start'];
  for (const [i, name] of phases.entries()) await page.locator(`#edition-${name}`).fill(day(days[i]));
  await page.locator('#edition-city_pool').fill('18 000 000');
  for (let d = 1; d <= 18; d += 1) await page.locator(`#edition-pool_${d}`).fill('1 000 000');
  await page.getByRole('button', { name: 'Save the edition' }).click();
  await expect(page.getByRole('status')).toHaveText('Edition saved.');
}

test('a project is submitted, rejected by its unit, protested, reinstated and put on the ballot', async ({ browser }) => {
  // A whole edition's story by three people, with axe on every page: longer than the
  // default 30 s on a 2-core machine.
  test.setTimeout(90_000);
  const dk04 = await (await browser.newContext()).newPage();
  const anna = await (await browser.newContext()).newPage();
  const verifier = await (await browser.newContext()).newPage();
  const errors = [dk04, anna, verifier].map(watchErrors);

  // DK-04 opens the edition: dates out of order are refused next to the field.
  await signIn(dk04, 'moderator@demo.krakow.pl');
  await dk04.goto(`/moderation/budget?year=${YEAR}`);
  await expectAccessible(dk04);
  await dk04.locator('#edition-verification_starts').fill(day(10));
  await dk04.locator('#edition-protests_start').fill(day(5));
  await dk04.getByRole('button', { name: 'Save the edition' }).click();
  await expect(dk04.getByRole('alert')).toBeVisible();
  await expectAccessible(dk04);
  await saveEdition(dk04, [-10, 10, 20, 30, 40, 50]);

  // The resident: a refused submission keeps everything typed.
  await signIn(anna, 'anna@demo.krakow.pl');
  await anna.goto(`/budget/${YEAR}`);
  await expectAccessible(anna);
  await anna.getByRole('link', { name: 'Submit a project' }).click();
  await expect(anna.getByRole('heading', { level: 1 })).toHaveText(`Submit a project ${YEAR}`);
  await expectAccessible(anna);
  const title = `Łąka kwietna na Plantach Nowohuckich ${Date.now()}`;
  await anna.getByLabel('Title', { exact: true }).fill(title);
  // The browser applies the server's rules as a field changes: typing before the island
  // has woken up changes nothing, so type again (a new value) until the message follows.
  const summary = anna.getByLabel('Short description');
  let attempt = 0;
  await expect(async () => {
    attempt += 1;
    await summary.fill(`Krótko ${attempt}`);
    await summary.press('Tab');
    await expect(anna.locator('#project-summary-error')).toHaveText('Too short: at least 20 characters.', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(summary).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(anna);
  await summary.fill('Łąka kwietna zamiast trawnika, z ławkami i tablicą o owadach zapylających.');
  await summary.press('Tab');
  await expect(anna.locator('#project-summary-error')).toBeHidden();
  await anna.getByLabel('Full description').fill('Projekt obejmuje **łąkę kwietną** na 2000 m², sześć ławek i tablicę edukacyjną o pszczołach.');
  await anna.getByLabel('One district (district pool)').check();
  await anna.getByLabel('Topic').selectOption('greenery');
  await anna.getByLabel('Location').fill('Planty Nowohuckie, od al. Róż');
  await anna.getByLabel('Estimated cost (zł)').fill('80 000');
  await anna.getByLabel('Item 1').fill('Łąka kwietna');
  await anna.getByLabel('Amount 1').fill('50 000');
  await anna.getByLabel('Who benefits').fill('Mieszkańcy Nowej Huty i przedszkolaki.');
  await anna.getByRole('button', { name: 'Submit the project' }).click();
  const alert = anna.getByRole('alert');
  await expect(alert).toContainText('Choose the district of a district project.');
  await expect(alert).toContainText('The breakdown does not add up to the estimated cost.');
  await expect(anna.getByLabel('Title', { exact: true })).toHaveValue(title);
  await expect(anna.getByLabel('Amount 1')).toHaveValue('50 000');
  await expectAccessible(anna);
  await anna.getByLabel('District', { exact: true }).selectOption('18');
  await anna.getByLabel('Item 2').fill('Ławki i tablica');
  await anna.getByLabel('Amount 2').fill('30 000');
  await anna.getByRole('button', { name: 'Submit the project' }).click();
  await expect(anna.getByRole('status')).toContainText('Project submitted.');
  const heading = await anna.getByRole('heading', { level: 1 }).textContent();
  const number = heading.match(/BO\/\d+\/\d+/)[0];
  const projectUrl = anna.url().split('?')[0];
  await expect(anna.getByText('Submitted', { exact: true }).first()).toBeVisible();
  await expectAccessible(anna);
  await expect.poll(() => mailsTo('anna@demo.krakow.pl').some((m) => m.subject.includes(number)), { timeout: 10_000 }).toBe(true);

  // DK-04 records the signatures and assigns it to the greenery board.
  await dk04.goto(`/moderation/budget/${YEAR}/projects`);
  await expectAccessible(dk04);
  await dk04.getByRole('link', { name: number }).click();
  await dk04.getByLabel('Valid signatures').fill('16');
  await dk04.getByRole('button', { name: 'Record the signatures' }).click();
  await expect(dk04.getByRole('status')).toHaveText('Signatures recorded.');
  await dk04.getByLabel('Verifying unit').selectOption({ label: 'Zarząd Zieleni Miejskiej' });
  await dk04.getByRole('button', { name: 'Assign for verification' }).click();
  await expect(dk04.getByText('Only the verifiers of the assigned unit record its assessment.')).toBeVisible();
  await expectAccessible(dk04);
  const staffUrl = dk04.url().split('?')[0];

  // The unit's verifier rejects it: a reason is required, and it is published.
  await signIn(verifier, 'zielen@demo.krakow.pl');
  await verifier.goto('/verification');
  await expectAccessible(verifier);
  await verifier.getByRole('link', { name: number }).click();
  await verifier.getByRole('button', { name: 'Reject' }).click();
  await expect(verifier.getByRole('alert')).toContainText('Give the reason in at least 10 characters');
  await expectAccessible(verifier);
  const reason = 'Teren jest w zarządzie spółdzielni mieszkaniowej, nie Gminy Miejskiej Kraków.';
  await verifier.getByLabel('Reason (published)').fill(reason);
  await verifier.getByRole('button', { name: 'Reject' }).click();
  await expect(verifier.getByRole('status')).toContainText('Done');

  // The resident reads the reason and protests in time.
  await anna.goto(projectUrl);
  await expect(anna.getByText(reason).first()).toBeVisible();
  await expectAccessible(anna);
  await anna.getByLabel('Your protest').fill('Działka 17/3 należy do Gminy od 2021 r., co potwierdza księga wieczysta.');
  await anna.getByRole('button', { name: 'File the protest' }).click();
  await expect(anna.getByRole('status')).toContainText('Protest filed.');

  // DK-04 schedules the hearing and upholds the protest.
  await dk04.goto(staffUrl);
  await dk04.getByLabel('Hearing').fill(day(3));
  await dk04.getByRole('button', { name: 'Schedule the hearing' }).click();
  await expect(dk04.getByRole('status')).toHaveText('Hearing scheduled.');
  await dk04.getByRole('button', { name: 'Uphold the protest' }).click();
  await expect(dk04.getByText('Accepted', { exact: true }).first()).toBeVisible();
  await expectAccessible(dk04);

  // The final list: closed in its phase; the ballot holds the project.
  await saveEdition(dk04, [-40, -30, -20, -1, 10, 20]);
  await dk04.goto(`/moderation/budget/${YEAR}/projects`);
  await dk04.getByRole('button', { name: 'Close the list of projects on the ballot' }).click();
  await expect(dk04.getByRole('status')).toHaveText('The list is closed.');
  await anna.goto(`/budget/${YEAR}/projects?status=on_ballot`);
  await expect(anna.getByRole('link', { name: title })).toBeVisible();
  await anna.goto(projectUrl);
  await expect(anna.getByText('On the ballot', { exact: true }).first()).toBeVisible();
  await expect(anna.getByText('Protest upheld')).toBeVisible();
  await expectAccessible(anna);
  // A refused form answers 422, which the browser logs: anything else is an error.
  expect(errors.flat().filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the catalogue filters and searches at a shareable address; a project shows its verification', async ({ page }) => {
    // The demo's edition in its protest phase is next year's.
    const year = new Date().getUTCFullYear() + 1;
    await page.goto('/budget');
    await page.getByRole('link', { name: `Edition ${year}` }).click();
    await expect(page.getByText('Now: Protests')).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel('Search').fill('silownia');
    await page.getByLabel('Pool').selectOption('13');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(page.url()).toContain('q=silownia');
    expect(page.url()).toContain('pool=13');
    await expect(page.getByText('1 project found')).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByRole('link', { name: 'Siłownia plenerowa w Parku Lotników Polskich' }).click();
    await expect(page.getByText('Merger proposed', { exact: true }).first()).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.goBack();
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Pool').selectOption('');
    await page.getByLabel('Status').selectOption('rejected');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('link', { name: 'Warsztaty językowe dla dzieci z Ukrainy' }).click();
    await expect(page.getByRole('heading', { name: 'Reason for the rejection' })).toBeVisible();
    await expect(page.getByText('A protest may be filed until')).toBeVisible();
    const csv = await page.request.get(page.url().replace(/\/budget\/(\d+)\/projects\/\d+.*/, '/api/v1/budget/$1/projects.csv'));
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n')[0]).toContain('number,title,summary,status');
  });

  test('DK-04 and a verifier find their pages', async ({ page }) => {
    await signIn(page, 'moderator@demo.krakow.pl');
    await page.goto('/moderation/budget');
    await expect(page.getByRole('heading', { name: 'Verifying units' })).toBeVisible();
    await expect(page.getByText('zielen@demo.krakow.pl')).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel('Name of the unit').fill('');
    await page.getByRole('button', { name: 'Add the unit' }).click();
    await expect(page.getByRole('alert')).toContainText('Give the unit\'s name');
    await expectAccessibleWithoutJs(page);
  });
});
