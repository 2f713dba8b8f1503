// Local initiatives: a resident applies step by step (the browser checks a field as
// soon as it changes, with the same rules as the server; the server refuses a zero
// cost and keeps what was typed), submits and gets a number and a receipt by mail,
// prints the support list; DK-04 summons to remedy, the resident amends and resubmits,
// DK-04 finds it formally correct and the public register shows it without names. A
// district council applies with JavaScript off, for its own district only. Every page
// passes axe.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, mailsTo, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

function tomorrow() {
  // Warsaw is at most two hours ahead of UTC: two days ahead is tomorrow or later there.
  return new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Every item of the formal checklist passed, except those named (with a note). */
async function fillChecklist(page, failed = {}) {
  for (const item of await page.locator('fieldset.check-item').all()) {
    const name = (await item.locator('legend').textContent()).trim();
    if (failed[name]) {
      await item.getByLabel('Failed').check();
      await item.getByLabel('Note').fill(failed[name]);
    } else {
      await item.getByLabel('Passed').check();
    }
  }
}

test('a resident applies, is summoned to remedy, resubmits and is found formally correct', async ({ page, browser }) => {
  // The whole procedure in one story (two people, eleven pages, axe on each): longer
  // than the default bound of a single test.
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await signIn(page, 'olena@demo.krakow.pl');
  await page.goto('/initiatives');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Apply for a local initiative' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apply for a local initiative');
  await expectAccessible(page);
  await expect(page.getByLabel('Applicant 1')).not.toHaveValue('');
  await page.getByLabel('Applicant 2').fill('Iryna Kowal');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // The task: the browser says the description is too short as soon as it changes.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Local initiative application');
  const title = `Skrzynki na zioła przy Rynku Podgórskim ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  const description = page.getByLabel('Description of the task');
  // Typing before the island has woken up changes nothing: type again (a new value, so
  // the browser fires a change) until the message follows, bounded by toPass.
  let attempt = 0;
  await expect(async () => {
    attempt += 1;
    await description.fill(`Za krótko ${attempt}.`);
    await description.press('Tab');
    await expect(page.locator('#il-description-error')).toHaveText('Too short: write at least 50 characters.', {
      timeout: 1_000,
    });
  }).toPass({ timeout: 15_000 });
  await expect(description).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await description.fill('Sąsiedzi stawiają drewniane skrzynki z ziołami przy ławkach i dbają o nie przez cały sezon.');
  await description.press('Tab');
  await expect(page.locator('#il-description-error')).toBeHidden();
  await page.getByLabel('The need it meets').fill('Przy rynku brakuje zieleni, a sąsiedzi chcą się spotykać.');
  await page.getByLabel('Area of the task').selectOption('nature');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await page.getByLabel('Place', { exact: true }).fill('Rynek Podgórski, przy ławkach');
  await page.getByLabel('District').selectOption('13');
  await page.getByLabel('Start date').fill(tomorrow());
  await page.getByLabel('End date').fill(tomorrow());
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // A zero cost is refused by the server; what was typed stays.
  await page.getByLabel('Estimated cost of the task (zł)').fill('0');
  await page.getByLabel('Number of people working').fill('8');
  await page.getByLabel('Hours of work each').fill('6');
  await page.getByLabel('What the city is asked to provide').fill('Skrzynki, ziemia i sadzonki ziół.');
  await page.getByRole('button', { name: 'Save and review' }).click();
  await expect(page.getByRole('alert')).toContainText('The cost must be more than zero.');
  await expect(page.getByLabel('Number of people working')).toHaveValue('8');
  await expectAccessible(page);
  await page.getByLabel('Estimated cost of the task (zł)').fill('2 400,50');
  await page.getByRole('button', { name: 'Save and review' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check and submit');
  await expect(page.getByText('The application is complete.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Submit the application' }).click();
  await expect(page.getByRole('status')).toHaveText('Application submitted and registered.');
  const receipt = page.getByRole('region', { name: 'Confirmation of submission' });
  const number = (await receipt.locator('dd').first().textContent()).trim();
  expect(number).toMatch(/^IL\/\d{4}\/\d+$/);
  await expect.poll(() => mailsTo('olena@demo.krakow.pl').some((m) => m.subject.includes(number)),
    { timeout: 10_000 }).toBe(true);
  await expectAccessible(page);
  const application = page.url().split('?')[0];

  // The support list prints on A4 with the number and title, without the site's menus.
  await page.getByRole('link', { name: 'Print the support list' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  await expect(page.getByText(title)).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.main-nav')).toBeHidden();
  await expect(page.locator('table.support')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // DK-04 summons to remedy: the support list is missing.
  const staff = await browser.newContext({ locale: 'en-GB' });
  const dk04 = await staff.newPage();
  await signIn(dk04, 'moderator@demo.krakow.pl');
  await dk04.goto('/moderation/initiatives');
  await expectAccessible(dk04);
  await dk04.getByRole('link', { name: number, exact: true }).click();
  await expectAccessible(dk04);
  await dk04.getByRole('button', { name: 'Summon to remedy defects' }).click();
  await expect(dk04.getByRole('alert')).toContainText('Assess every item of the checklist first.');
  await expectAccessible(dk04);
  await fillChecklist(dk04, { 'Support list delivered': 'Brak listy poparcia z podpisami mieszkańców.' });
  await dk04.getByRole('button', { name: 'Summon to remedy defects' }).click();
  await expect(dk04.getByRole('status')).toHaveText('Outcome recorded and shown to the applicant.');

  // The resident sees the defects and the deadline, amends and resubmits.
  await page.goto(application);
  const summons = page.getByRole('region', { name: 'Summons to remedy defects' });
  await expect(summons).toContainText('Brak listy poparcia z podpisami mieszkańców.');
  await expect(summons).toContainText('Deadline');
  await expectAccessible(page);
  await summons.getByRole('link', { name: 'Amend and resubmit' }).click();
  await page.getByRole('navigation', { name: 'Steps of the application' }).getByRole('link', { name: 'The task' }).click();
  await page.getByLabel('Title').fill(`${title} (z listą poparcia)`);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('navigation', { name: 'Steps of the application' })
    .getByRole('link', { name: 'Check and submit' }).click();
  await page.getByRole('button', { name: 'Resubmit the application' }).click();
  await expect(page.getByRole('status')).toHaveText('Amended application resubmitted.');

  // DK-04: signatures recorded, every item passed: formally correct.
  await dk04.reload();
  await dk04.getByLabel('Valid signatures').fill('17');
  await dk04.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dk04.getByRole('status')).toHaveText('Valid signatures recorded.');
  await fillChecklist(dk04);
  await dk04.getByRole('button', { name: 'Formally correct' }).click();
  await expect(dk04.getByRole('status')).toHaveText('Outcome recorded and shown to the applicant.');
  await staff.close();

  // The public page: the status, the timeline with the summons, no names.
  const [, year, seq] = number.split('/');
  await page.goto(`/initiatives/${year}/${seq}`);
  await expect(page.locator('.badge').first()).toHaveText('Formally correct');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Summoned to remedy defects');
  await expect(page.locator('main')).not.toContainText('Iryna Kowal');
  await expectAccessible(page);
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test('a district council applies with JavaScript off, for its own district only', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'rada@demo.krakow.pl');
  await page.goto('/initiatives/new');
  const council = await page.getByLabel('Applying as').locator('option', { hasText: 'District council' })
    .getAttribute('value');
  await page.getByLabel('Applying as').selectOption(council);
  await page.getByLabel('Applicant 1').fill('Rada Dzielnicy XIII Podgórze');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByLabel('Title').fill('Stojaki rowerowe przy Szkole Podstawowej nr 26');
  await page.getByLabel('Description of the task')
    .fill('Montaż dziesięciu stojaków rowerowych przy szkole; rodzice i uczniowie przygotowują teren.');
  await page.getByLabel('The need it meets').fill('Uczniowie nie mają gdzie zostawić rowerów.');
  await page.getByLabel('Area of the task').selectOption('infrastructure');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // District XII is not the council's, and infrastructure needs city property.
  await page.getByLabel('Place', { exact: true }).fill('ul. Malborska 98');
  await page.getByLabel('District').selectOption('12');
  await page.getByLabel('Start date').fill(tomorrow());
  await page.getByLabel('End date').fill(tomorrow());
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('A district council applies for its own district only.');
  await expect(page.getByRole('alert')).toContainText('confirm the place is city property');
  await expect(page.getByLabel('Place', { exact: true })).toHaveValue('ul. Malborska 98');
  await expectAccessibleWithoutJs(page);
  await page.getByLabel('District').selectOption('13');
  await page.getByLabel('The place is city property').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await page.getByLabel('Estimated cost of the task (zł)').fill('7 000');
  await page.getByLabel('Number of people working').fill('15');
  await page.getByLabel('Hours of work each').fill('5');
  await page.getByLabel('What the city is asked to provide').fill('Stojaki, fundamenty i montaż.');
  await page.getByRole('button', { name: 'Save and review' }).click();
  await expect(page.getByText('Rada Dzielnicy XIII Podgórze').first()).toBeVisible();
  await page.getByRole('button', { name: 'Submit the application' }).click();
  await expect(page.getByRole('status')).toHaveText('Application submitted and registered.');
  await expect(page.getByRole('region', { name: 'Confirmation of submission' })).toContainText(/IL\/\d{4}\/\d+/);
  await expectAccessibleWithoutJs(page);

  // The register lists it under the council's name.
  await page.goto('/initiatives?status=submitted');
  await expect(page.getByRole('link', { name: /IL\// }).first()).toBeVisible();
  await expect(page.getByText('Stojaki rowerowe przy Szkole Podstawowej nr 26')).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await context.close();
});

test('the demo register reads without JavaScript: pool, statuses, decisions and open data', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/initiatives');
  const pool = page.getByRole('region', { name: /Local initiative pool/ });
  await expect(pool).toContainText('195 000,00 zł');
  await expect(pool).toContainText('Remaining');
  await expectAccessibleWithoutJs(page);
  const rejected = page.locator('tr').filter({ hasText: 'Rejected' }).getByRole('link');
  await rejected.click();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('art. 19b');
  await expectAccessibleWithoutJs(page);
  const json = await (await page.request.get('/api/v1/initiatives')).json();
  const statuses = new Set(json.items.map((i) => i.status));
  for (const status of ['submitted', 'remedy', 'formally_correct', 'rejected', 'accepted', 'completed']) {
    expect(statuses.has(status), status).toBe(true);
  }
  expect(json.pool.remaining_grosze).toBeLessThan(json.pool.pool_grosze);
  const csv = await (await page.request.get('/api/v1/initiatives.csv')).text();
  expect(csv.split('\n')[0]).toContain('number,title,status');

  // The district council is asked for its opinion and gives it on the platform.
  await signIn(page, 'rada@demo.krakow.pl');
  await page.goto('/initiatives/mine');
  await page.getByRole('link', { name: 'Opinions asked of your district council' }).click();
  const asked = page.locator('li.card').filter({ hasText: 'Sobotnie zajęcia sportowe' });
  await expect(asked).toContainText('requested, not given yet');
  await expectAccessibleWithoutJs(page);
  await asked.getByRole('button', { name: 'Give the opinion' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose positive or negative');
  await expectAccessibleWithoutJs(page);
  await asked.getByLabel('positive').check();
  await asked.getByLabel('Opinion', { exact: true }).fill('Rada Dzielnicy XIII popiera zajęcia dla dzieci.');
  await asked.getByRole('button', { name: 'Give the opinion' }).click();
  await expect(page.getByRole('status')).toHaveText('Opinion recorded.');
  await expect(asked).toContainText('Rada Dzielnicy XIII popiera zajęcia dla dzieci.');
  await context.close();
});
