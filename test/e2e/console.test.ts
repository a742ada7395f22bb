/**
 * The staff console in a real Chromium against a real stack: the clerk's filing at the counter, the officer's
 * board and hearing, a refused action, and the English switch.
 */
import type { Browser, Page } from 'playwright-core';
import { dayOfJalali, isoDateOfDay, jalaliOfDay, startOfTehranDay, tehranDayOf } from '../../domain/calendar/jalali';
import { CASE_NUMBER_PATTERN, makeLegalEntityId, makeNationalId } from '../../domain/ids';
import { stateQuery } from '../../workflows/messages';
import { officer, startCase, policyWith, waitForState } from '../helpers/cases';
import { act, firstBoard, inSeconds, toHearing } from '../helpers/actions';
import { startStack, type Stack } from '../helpers/stack';
import { closePage, launchBrowser, openPage, pageAs, shownCaseNumber } from './console-browser';
import { at, call } from './helpers';

let stack: Stack;
let browser: Browser;

// Windows the test acts within are long; the officer and the refusal need the case to wait at its hearing.
const patient = policyWith({ response: 600, hearingScheduling: 600, rulingDue: 600 });

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Picks a Jalali day (and hour) in the picker with this test ID, turning its year and month lists first. */
async function pick(page: Page, testId: string, day: number, hour?: number): Promise<void> {
  const { jy, jm } = jalaliOfDay(day);
  await page.getByTestId(`${testId}-year`).selectOption(String(jy));
  await page.getByTestId(`${testId}-month`).selectOption(String(jm));
  await page.locator(`[data-testid="${testId}"] [data-date="${isoDateOfDay(day)}"]`).click();
  if (hour !== undefined) await page.getByTestId(`${testId}-hour`).selectOption(String(hour));
}

let seed = 200_000_000 + Math.floor(Math.random() * 700_000_000);

it('lets a clerk file a complaint at the counter and read back its case number', async () => {
  const page = await openPage(browser);
  await page.goto(`${stack.apiUrl}/`);
  // The development sign-in: a clerk of Tehran, as the picker offers by default.
  await page.getByTestId('dev-sign-in').click();
  await page.getByTestId('worker-name').fill('مریم احمدی');
  const workerId = makeNationalId(String(++seed));
  // A wrong check digit is caught as it is typed.
  const wrong = workerId.slice(0, 9) + String((Number(workerId[9]) + 1) % 10);
  await page.getByTestId('worker-id').fill(wrong);
  await page.locator('[data-testid="worker-id"][data-check="invalid"]').waitFor();
  await page.getByTestId('worker-id').fill(workerId);
  await page.locator('[data-testid="worker-id"][data-check="valid"]').waitFor();
  await page.getByTestId('next-step').click();

  await page.getByTestId('employer-name').fill('شرکت نساجی پارس');
  await page.getByTestId('employer-id').fill(makeLegalEntityId(`1${++seed}`));
  await page.getByTestId('next-step').click();

  await pick(page, 'started-on', dayOfJalali({ jy: 1398, jm: 1, jd: 10 }));
  await pick(page, 'ended-on', dayOfJalali({ jy: 1403, jm: 7, jd: 1 }));
  await page.getByTestId('job-title').fill('اپراتور دستگاه');
  await page.getByTestId('wage').fill('150000000');
  await page.getByTestId('next-step').click();

  await page.getByTestId('claim-kind').selectOption('unpaid_wages');
  await page.getByTestId('claim-amount').fill('450000000');
  await page.getByTestId('claim-description').fill('سه ماه مزد پرداخت نشده');
  await page.getByTestId('add-claim').click();
  await page.getByTestId('claim-kind').selectOption('wrongful_dismissal');
  await page.getByTestId('claim-description').fill('اخراج بدون علت');
  await page.getByTestId('add-claim').click();
  // The Art. 165 estimate, computed from the dates and wage entered, in Persian digits.
  await page.getByTestId('art165-estimate').filter({ hasText: /[۰-۹]/ }).waitFor();
  await page.getByTestId('next-step').click();

  await page.getByTestId('statement').fill('سه ماه مزد نگرفتم و بدون اخطار اخراج شدم.');
  await page.getByTestId('next-step').click();
  await page.getByTestId('filing-summary').waitFor();
  await page.getByTestId('file-complaint').click();

  const shown = page.getByTestId('filed-case-number');
  await shown.waitFor();
  const caseNumber = (await shown.getAttribute('data-case-number')) ?? '';
  expect(caseNumber).toMatch(CASE_NUMBER_PATTERN);
  expect(await shown.textContent()).toBe(shownCaseNumber(caseNumber));
  const clerk = await stack.token({ role: 'clerk' });
  const detail = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
  expect(detail.status).toBe(200);
  expect(at(detail.body, 'channel')).toBe('counter');
  expect(at(detail.body, 'claims', 1, 'kind')).toBe('wrongful_dismissal');
  expect(at(detail.body, 'parties', 0, 'nationalId')).toBe(workerId);
  await closePage(page);
});

it('lets an officer assign the board and schedule a hearing with the Jalali picker', async () => {
  const handle = await startCase(stack, { policy: patient });
  const caseNumber = handle.workflowId.replace(/^case-/, '');
  await toHearing(handle);
  const page = await pageAs(browser, stack, { role: 'officer', sub: 'officer-1' });
  await page.goto(`${stack.apiUrl}/cases/${caseNumber}`);

  await page.getByTestId('action-assign-board').click();
  for (const [i, id] of ['member-a', 'member-b', 'member-c'].entries()) {
    await page.getByTestId(`member-id-${i}`).fill(id);
    await page.getByTestId(`member-name-${i}`).fill(`عضو ${i + 1}`);
  }
  await page.getByTestId('submit-assign-board').click();
  await page.getByTestId('done-assign-board').waitFor();

  const tomorrow = tehranDayOf(Date.now()) + 1;
  await page.getByTestId('action-schedule-hearing').click();
  await pick(page, 'hearing-at', tomorrow, 10);
  await page.getByTestId('submit-schedule-hearing').click();
  await page.getByTestId('hearing-at-text').waitFor();

  const state = await waitForState(handle, (s) => Boolean(s.hearing?.at));
  expect(state.hearing?.at).toBe(new Date(startOfTehranDay(tomorrow) + 10 * 3_600_000).toISOString());
  expect(state.hearing?.mode).toBe('in_person');
  await closePage(page);
});

it("shows a refused action's message from the API beside its button", async () => {
  const handle = await startCase(stack, { policy: patient });
  const caseNumber = handle.workflowId.replace(/^case-/, '');
  await toHearing(handle);
  const officer = await stack.token({ role: 'officer', sub: 'officer-1' });
  const members = ['a', 'b', 'c'].map((x, i) => ({ userId: `m-${x}`, name: `M ${x}`, presiding: i === 0 }));
  const assigned = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/assign-board`, {
    token: officer,
    body: { members },
  });
  expect(assigned.status).toBe(200);
  const page = await openPage(browser, officer);
  await page.goto(`${stack.apiUrl}/cases/${caseNumber}`);

  // Yesterday: the case refuses a session in the past.
  const yesterday = tehranDayOf(Date.now()) - 1;
  await page.getByTestId('action-schedule-hearing').click();
  await pick(page, 'hearing-at', yesterday, 10);
  await page.getByTestId('submit-schedule-hearing').click();
  const refusal = page.getByTestId('refusal-schedule-hearing');
  await refusal.waitFor();

  const at10 = new Date(startOfTehranDay(yesterday) + 10 * 3_600_000).toISOString();
  const direct = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/schedule-hearing`, {
    token: officer,
    body: { at: at10, mode: 'in_person' },
  });
  expect(direct.status).toBe(422);
  const message = String(at(direct.body, 'error', 'message'));
  expect(message).toContain('in the past');
  expect(await refusal.textContent()).toContain(message);
  // Nothing was scheduled.
  expect((await handle.query(stateQuery)).hearing?.at).toBeUndefined();
  await closePage(page);
});

it('follows a case by long poll: one plain read, then each read held until the case changes', async () => {
  const handle = await startCase(stack, { policy: patient });
  const caseNumber = handle.workflowId.replace(/^case-/, '');
  const officer = await stack.token({ role: 'officer', sub: 'officer-1' });
  const page = await openPage(browser, officer);
  const reads: { url: URL; answer: Promise<{ stage?: string; version?: number }> }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname !== `/api/v1/cases/${caseNumber}`) return;
    reads.push({ url, answer: response.json().catch(() => ({})) });
  });
  const held = page.waitForRequest((request) => new URL(request.url()).searchParams.has('after'));
  await page.goto(`${stack.apiUrl}/cases/${caseNumber}`);
  const current = page.locator('[data-testid="stage-bar"] [aria-current="step"]');
  await current.filter({ hasText: 'پذیرش' }).waitFor();
  await held;

  // Moved from outside the page: only a held read's answer can show it.
  const accepted = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, {
    token: officer,
  });
  expect(accepted.status).toBe(200);
  await current.filter({ hasNotText: 'پذیرش' }).waitFor();

  const [first, ...rest] = reads;
  expect(first?.url.searchParams.has('after')).toBe(false);
  expect(rest.length).toBeGreaterThan(0);
  for (const { url } of rest) {
    expect(url.searchParams.get('after')).toMatch(/^\d+$/);
    expect(Number(url.searchParams.get('wait'))).toBeGreaterThanOrEqual(1);
  }
  const answers = await Promise.all(rest.map((read) => read.answer));
  expect(answers.some((a) => a.stage && a.stage !== 'intake')).toBe(true);
  await closePage(page);
});

it('reckons its waits on the server’s clock when the browser’s is five minutes behind', async () => {
  const handle = await startCase(stack, { policy: patient });
  const caseNumber = handle.workflowId.replace(/^case-/, '');
  await toHearing(handle);
  await act(handle, 'assignBoard', officer, { members: firstBoard });
  // 15 s ahead by the server's clock (the page has that long to make its first held read); by the browser's,
  // 5 min 15 s ahead, which would be the longest wait (20 s). Not closer to 20 s: the server's time comes from the
  // `Date` header, whole seconds, so the page may reckon the session up to a second further off than it is (a
  // session 19 s ahead read fast gave a wait of 20 once in CI, 2026-11-27).
  await act(handle, 'scheduleHearing', officer, { at: inSeconds(15), mode: 'in_person' });
  const page = await pageAs(browser, stack, { role: 'officer', sub: 'officer-1' });
  await page.clock.install({ time: Date.now() - 5 * 60_000 });
  await page.clock.resume();
  const firstHeld = page.waitForRequest((request) => {
    const url = new URL(request.url());
    return url.pathname === `/api/v1/cases/${caseNumber}` && url.searchParams.has('after');
  });
  await page.goto(`${stack.apiUrl}/cases/${caseNumber}`);
  // The first plain read's answer already gave the server's time: the first held read waits for the session.
  const wait = Number(new URL((await firstHeld).url()).searchParams.get('wait'));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(16);
  await closePage(page);
});

it('switches between Persian and English, direction and digits included', async () => {
  const page = await pageAs(browser, stack, { role: 'officer' });
  await page.goto(`${stack.apiUrl}/cases`);
  const heading = page.getByRole('heading', { level: 1 });
  await heading.filter({ hasText: 'پرونده‌ها' }).waitFor();
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  expect(await page.locator('html').getAttribute('lang')).toBe('fa');

  await page.getByTestId('language-switch').click();
  await heading.filter({ hasText: 'Cases' }).waitFor();
  expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect(await page.getByTestId('user-line').textContent()).toContain('Case officer');
  // The menu is translated too; only the switch back names its language in Persian.
  expect(await page.getByRole('navigation', { name: 'Main menu' }).textContent()).not.toMatch(/[\u0600-\u06FF]/);
  expect(await page.getByTestId('language-switch').textContent()).toBe('فارسی');

  // The choice is kept across a reload.
  await page.reload();
  await heading.filter({ hasText: 'Cases' }).waitFor();
  await page.getByTestId('language-switch').click();
  await heading.filter({ hasText: 'پرونده‌ها' }).waitFor();
  await closePage(page);
});

it('signs development tokens the API accepts, and refuses claims it would refuse', async () => {
  const signed = await call(stack, 'POST', '/api/v1/dev/token', {
    body: { role: 'officer', sub: 'officer-9', provinces: ['THR'] },
  });
  expect(signed.status).toBe(200);
  const token = String(at(signed.body, 'token'));
  expect((await call(stack, 'GET', '/api/v1/cases', { token })).status).toBe(200);
  // Only engineers may hold every province: the same rule as a presented token.
  const refused = await call(stack, 'POST', '/api/v1/dev/token', {
    body: { role: 'clerk', sub: 'clerk-9', provinces: ['*'] },
  });
  expect([refused.status, at(refused.body, 'error', 'code')]).toEqual([422, 'invalid_input']);
});
