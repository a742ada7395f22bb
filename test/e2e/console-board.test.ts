/**
 * The board and the supervisor in the console, in a real Chromium against a real stack: three members vote from
 * their inboxes and the ruling appears; an escalation appears on the supervisor's board when a window passes.
 */
import type { Browser } from 'playwright-core';
import { stateQuery } from '../../workflows/messages';
import { act, holdHearing, toHearing } from '../helpers/actions';
import { clerk, policyWith, startCase, waitForState } from '../helpers/cases';
import { startStack, type Stack } from '../helpers/stack';
import { closePage, launchBrowser, pageAs, shownCaseNumber } from './console-browser';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const board = [
  { userId: 'member-a', name: 'نماینده وزارت کار', presiding: true },
  { userId: 'member-b', name: 'نماینده کارگران' },
  { userId: 'member-c', name: 'نماینده کارفرمایان' },
];

it('lets three board members vote from their inboxes, and the ruling appears', async () => {
  // The ruling window is long: the test, not a timer, decides when the votes are in.
  const handle = await startCase(stack, {
    policy: policyWith({ response: 600, hearingScheduling: 600, rulingDue: 600 }),
  });
  const caseNumber = handle.workflowId.replace(/^case-/, '');
  await toHearing(handle);
  await holdHearing(handle, board);

  for (const [i, member] of board.entries()) {
    const page = await pageAs(browser, stack, { role: 'board_member', sub: member.userId });
    await page.goto(`${stack.apiUrl}/`);
    // Signed in, a board member lands on the inbox, where the case waits for the vote.
    await page.getByRole('link', { name: shownCaseNumber(caseNumber) }).click();
    await page.getByTestId('action-cast-vote').click();
    await page
      .getByTestId('vote-tally')
      .filter({ hasText: `${shownCaseNumber(String(i))} رأی از ۳` })
      .waitFor();
    await page.getByTestId('vote-reason').fill('ادعای کارگر با مدارک ثابت است.');
    await page.getByTestId('submit-cast-vote').click();
    await page.getByTestId('done-cast-vote').waitFor();
    if (i === board.length - 1) {
      // The third vote is the majority's: the ruling is sealed and the page shows it without a reload.
      await page.getByTestId('ruling').first().waitFor();
      expect(await page.getByTestId('ruling').first().textContent()).toContain('پذیرش خواسته‌ها');
    }
    await closePage(page);
  }
  const state = await waitForState(handle, (s) => s.rulings.length === 1);
  expect(state.rulings[0]?.decision).toBe('uphold');
  expect((await handle.query(stateQuery)).rulings[0]?.votes).toHaveLength(3);
});

it('shows a supervisor an escalation that appears on its own when a window passes', async () => {
  const page = await pageAs(browser, stack, { role: 'supervisor', sub: 'supervisor-1' });
  await page.goto(`${stack.apiUrl}/escalations`);
  await page.getByRole('heading', { level: 1, name: 'ارجاع‌های تأخیر' }).waitFor();

  // The fast policy's response window (three fast business days) passes with no answer from the employer.
  const handle = await startCase(stack);
  const caseNumber = handle.workflowId.replace(/^case-/, '');
  await act(handle, 'acceptComplaint', clerk, {});

  // No reload: the board refreshes itself.
  const raised = page.getByTestId('escalation').filter({ hasText: shownCaseNumber(caseNumber) });
  await raised.first().waitFor({ timeout: 60_000 });
  expect(await raised.first().textContent()).toContain('تأخیر در پاسخ');
  await closePage(page);
});
