/**
 * Every main page of the console, in Persian and English, checked with axe-core (no serious or critical
 * violations). With DAVAR_SCREENSHOTS_DIR set (`npm run console:screenshots`), each is also photographed at desktop
 * and phone width for docs/console.md.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { act, holdHearing, inSeconds, toHearing } from '../helpers/actions';
import { clerk, officer, policyWith, startCase } from '../helpers/cases';
import { startStack, type Stack, type TokenClaims } from '../helpers/stack';
import {
  closePage,
  desktop,
  launchBrowser,
  openPage,
  phone,
  seriousViolations,
  shownCaseNumber,
  type AxeFinding,
} from './console-browser';
import { at, call, eventually } from './helpers';

let stack: Stack;
let browser: Browser;
const patient = policyWith({ response: 600, hearingScheduling: 600, rulingDue: 600 });
const board = [
  { userId: 'member-a', name: 'نماینده وزارت کار', presiding: true },
  { userId: 'member-b', name: 'نماینده کارگران' },
  { userId: 'member-c', name: 'نماینده کارفرمایان' },
];
const shots = process.env.DAVAR_SCREENSHOTS_DIR;

interface PageSpec {
  name: string;
  claims?: TokenClaims;
  path: () => string;
  /** What shows the page is ready: data loaded, not a spinner. */
  ready(page: Page): Promise<void>;
}

let hearingCase = '';
let votingCase = '';
let overdueCase = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  // A case at its hearing with a board and a session set, one whose session was held (votes open), one overdue.
  const [hearing, voting, overdue] = await Promise.all([
    startCase(stack, { policy: patient }),
    startCase(stack, { policy: patient }),
    startCase(stack),
  ]);
  const numberOf = (h: typeof hearing) => h.workflowId.replace(/^case-/, '');
  [hearingCase, votingCase, overdueCase] = [numberOf(hearing), numberOf(voting), numberOf(overdue)];
  await act(overdue, 'acceptComplaint', clerk, {});
  await Promise.all([
    (async () => {
      await toHearing(hearing);
      await act(hearing, 'assignBoard', officer, { members: board });
      await act(hearing, 'scheduleHearing', officer, { at: inSeconds(86_400), mode: 'remote' });
    })(),
    (async () => {
      await toHearing(voting);
      await holdHearing(voting, board);
    })(),
  ]);
  // The escalation the supervisor's board shows is in the read model.
  const supervisor = await stack.token({ role: 'supervisor' });
  await eventually(async () => {
    const list = await call(stack, 'GET', '/api/v1/escalations', { token: supervisor });
    const items = at(list.body, 'items');
    return Array.isArray(items) && items.length > 0 ? true : undefined;
  }, 60_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().waitFor();

const pages: PageSpec[] = [
  { name: 'sign-in', path: () => '/sign-in', ready: (page) => page.getByTestId('dev-sign-in').waitFor() },
  {
    name: 'cases',
    claims: { role: 'officer' },
    path: () => '/cases',
    // The overdue case's escalation badge is on the page, so its colours are checked too.
    ready: (page) => page.getByTestId('level-badge').first().waitFor(),
  },
  {
    name: 'case',
    claims: { role: 'officer' },
    path: () => `/cases/${hearingCase}`,
    ready: async (page) => {
      await page.getByTestId('hearing-at-text').waitFor();
      await page.getByTestId('timeline').locator('.mantine-Timeline-item').first().waitFor();
    },
  },
  {
    name: 'schedule',
    claims: { role: 'officer' },
    path: () => `/cases/${hearingCase}`,
    ready: async (page) => {
      await page.getByTestId('action-adjourn-hearing').click();
      await page.getByTestId('adjourn-at').waitFor();
    },
  },
  {
    name: 'file',
    claims: { role: 'clerk' },
    path: () => '/file',
    ready: async (page) => {
      await page.getByTestId('worker-name').fill('مریم احمدی');
      await page.getByTestId('worker-id').fill('0013542419');
    },
  },
  {
    name: 'inbox',
    claims: { role: 'board_member', sub: 'member-a' },
    path: () => '/inbox',
    ready: (page) => page.getByTestId('case-row').first().waitFor(),
  },
  {
    name: 'vote',
    claims: { role: 'board_member', sub: 'member-a' },
    path: () => `/cases/${votingCase}`,
    ready: async (page) => {
      await page.getByTestId('action-cast-vote').click();
      await page.getByTestId('decision-partial').check();
      await page.getByTestId('vote-tally').waitFor();
    },
  },
  {
    name: 'escalations',
    claims: { role: 'supervisor' },
    path: () => '/escalations',
    ready: (page) => page.getByTestId('escalation').first().waitFor(),
  },
  {
    name: 'stats',
    claims: { role: 'supervisor' },
    path: () => '/stats',
    ready: (page) => page.getByTestId('overdue-total').waitFor(),
  },
  {
    name: 'engineer',
    claims: { role: 'engineer' },
    path: () => `/cases/${overdueCase}`,
    ready: (page) => page.getByTestId('history-lines').filter({ hasText: 'WorkflowExecutionStarted' }).waitFor(),
  },
];

async function visit(spec: PageSpec, lang: 'fa' | 'en', viewport = desktop): Promise<Page> {
  const token = spec.claims && (await stack.token(spec.claims));
  const page = await openPage(browser, token, { lang, viewport });
  await page.goto(`${stack.apiUrl}${spec.path()}`);
  await heading(page);
  await spec.ready(page);
  return page;
}

describe.each(['fa', 'en'] as const)('in %s', (lang) => {
  it.each(pages.map((p) => [p.name, p] as const))(
    'the %s page has no serious or critical accessibility violations',
    async (_name, spec) => {
      const page = await visit(spec, lang);
      const findings: AxeFinding[] = await seriousViolations(page);
      expect(findings).toEqual([]);
      if (shots) {
        mkdirSync(shots, { recursive: true });
        const file = (width: string) => path.join(shots, `${spec.name}-${lang}-${width}.jpg`);
        await page.screenshot({ path: file('desktop'), fullPage: true, type: 'jpeg', quality: 70 });
        const small = await visit(spec, lang, phone);
        await small.screenshot({ path: file('phone'), fullPage: true, type: 'jpeg', quality: 70 });
        await closePage(small);
      }
      await closePage(page);
    },
  );
});

it('writes case numbers in Persian digits on the Persian pages', async () => {
  const page = await visit(pages[1] as PageSpec, 'fa');
  await page.getByRole('link', { name: shownCaseNumber(hearingCase) }).waitFor();
  await closePage(page);
});
