// The calendar of events: DK-06's editor adds a citizens' panel (a refused form says
// every problem next to its field and keeps what was typed), then a resident without
// JavaScript finds it in /events by district and kind, as a list and as a month grid,
// and downloads it as a calendar file. axe-core on every page.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, signIn, watchErrors } from './helpers.js';

test.use({ locale: 'en-GB' });

/** `YYYY-MM` of the month two months from now (local time of the test machine). */
function monthAhead() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() + 2);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const TITLE = 'Panel on clean air: first session';

test('DK-06 adds an event and a resident finds it in the calendar without JavaScript', async ({ browser }) => {
  const month = monthAhead();
  const staff = await browser.newContext({ locale: 'en-GB' });
  const page = await staff.newPage();
  const errors = watchErrors(page);
  await signIn(page, 'redaktor@demo.krakow.pl');
  await page.goto('/');
  await page.getByRole('link', { name: 'Editorial' }).click();
  await page.getByRole('navigation', { name: "Editors' pages" }).getByRole('link', { name: "Events in the city's calendar" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Events in the city's calendar");
  await expectAccessible(page);

  // Refused: no kind, no title, the end before the start; what was typed stays.
  const form = page.locator('form[action="/editorial/events"]');
  await form.getByLabel('Starts').fill(`${month}-14T17:00`);
  await form.getByLabel('Ends').fill(`${month}-14T16:00`);
  await form.getByLabel('Place').fill('Nowohuckie Centrum Kultury, al. Jana Pawła II 232');
  await form.getByLabel('Induction loop').check();
  await form.getByRole('button', { name: 'Add the event' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page.locator('#city_event-title-error')).toHaveText('This field is required.');
  await expect(page.locator('#city_event-kind-error')).toHaveText('Choose one of the options.');
  await expect(page.locator('#city_event-ends-error')).toHaveText('The end must come after the start.');
  await expect(page.getByLabel('Place')).toHaveValue('Nowohuckie Centrum Kultury, al. Jana Pawła II 232');
  await expect(page.getByLabel('Induction loop')).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel('Kind of event').selectOption({ label: "Citizens' panel" });
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('District', { exact: true }).selectOption({ label: 'XVIII Nowa Huta' });
  await page.getByLabel('Ends').fill(`${month}-14T20:00`);
  await page.getByLabel('Polish Sign Language (PJM) interpreter').check();
  await page.getByRole('button', { name: 'Add the event' }).click();
  await expect(page.getByText('The event has been added.')).toBeVisible();
  await expect(page.locator('#upcoming-heading + ul')).toContainText(TITLE);
  // The refused form's own 422 is the only thing the browser may report.
  expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  await staff.close();

  // A resident with JavaScript off: the calendar's filters are a plain form.
  const resident = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
  const calendar = await resident.newPage();
  await calendar.goto('/');
  await calendar.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Events' }).click();
  await expect(calendar.getByRole('heading', { level: 1 })).toHaveText('Calendar of events');
  await calendar.getByLabel('District').selectOption({ label: 'XVIII Nowa Huta' });
  await calendar.getByLabel('Kind of event').selectOption({ label: "Citizens' panel" });
  await calendar.getByLabel('Month', { exact: true }).fill(month);
  await calendar.getByRole('button', { name: 'Show' }).click();
  const event = calendar.locator('li.event', { hasText: TITLE });
  await expect(event).toBeVisible();
  await expect(event).toContainText('Induction loop');
  await expect(event).toContainText('Polish Sign Language (PJM) interpreter');
  await expect(calendar.locator('li.event')).toHaveCount(1);
  await expectAccessibleWithoutJs(calendar);

  // The month grid: the day's cell links to the event's entry below.
  await calendar.getByLabel('Month grid').check();
  await calendar.getByRole('button', { name: 'Show' }).click();
  const grid = calendar.getByRole('table');
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Monday' })).toBeVisible();
  await grid.getByRole('link', { name: new RegExp(TITLE) }).click();
  await expect(calendar).toHaveURL(/#event-e\d+$/);
  await expectAccessibleWithoutJs(calendar);

  // Its calendar file and the district's feed.
  const href = await event.getByRole('link', { name: 'Add to calendar (.ics)' }).getAttribute('href');
  const file = await calendar.request.get(href);
  expect(file.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const text = await file.text();
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.replace(/\r\n /g, '')).toContain(`SUMMARY:Panel obywatelski: ${TITLE}`);
  const feed = await calendar.request.get(await calendar.getByRole('link', { name: /Subscribe to this calendar/ }).getAttribute('href'));
  expect((await feed.text()).replace(/\r\n /g, '')).toContain(TITLE);
  await resident.close();
});

test('the calendar in Polish and Ukrainian names this month and its events', async ({ browser }) => {
  for (const [locale, heading] of [['pl-PL', 'Kalendarz wydarzeń'], ['uk-UA', 'Календар подій']]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto('/events');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.locator('#month-heading')).not.toBeEmpty();
    await expectAccessible(page);
    await context.close();
  }
});
