/**
 * What the console's browser tests share: Debian's Chromium driven by playwright-core, pages signed in as a given
 * user (the token put where the console keeps it), and an axe-core check of the page as it stands.
 */
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { persianDigits } from '../../domain/calendar/jalali';
import type { Stack, TokenClaims } from '../helpers/stack';

export const CHROMIUM = process.env.DAVAR_CHROMIUM ?? '/usr/bin/chromium';

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export interface PageOptions {
  lang?: 'fa' | 'en';
  viewport?: { width: number; height: number };
}

/** A fresh context (its own storage), in the language asked, signed in with `token` when one is given. */
export async function openPage(browser: Browser, token?: string, options: PageOptions = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport: options.viewport ?? desktop });
  await context.addInitScript(
    ({ token, lang }) => {
      if (token && !sessionStorage.getItem('davar.token')) sessionStorage.setItem('davar.token', token);
      if (!localStorage.getItem('davar.lang')) localStorage.setItem('davar.lang', lang);
    },
    { token, lang: options.lang ?? 'fa' },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

export async function pageAs(
  browser: Browser,
  stack: Stack,
  claims: TokenClaims,
  options: PageOptions = {},
): Promise<Page> {
  return openPage(browser, await stack.token(claims), options);
}

/** The case number as the Persian console writes it. */
export const shownCaseNumber = (caseNumber: string, lang: 'fa' | 'en' = 'fa'): string =>
  lang === 'fa' ? persianDigits(caseNumber) : caseNumber;

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (its source injected, nothing fetched) and returns the serious and critical findings. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol: the console's Content-Security-Policy (rightly) refuses inline scripts.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const runner = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } })
      .axe;
    const results = await runner.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? ''}`),
      }));
  });
}

/** Closes the page's context too: each page in these tests has its own. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}
