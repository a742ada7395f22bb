/**
 * The chaos run's HTTP caller: files cases and takes actions through Davar's API the way a careful client does,
 * retrying a 503, a 202 `action_pending` or a dropped connection with the same Idempotency-Key until it is done.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '../api/auth';
import type { ActionBody, ActionName } from '../domain/actions';
import { toKebab } from '../domain/actions';
import type { Filing } from '../domain/case';
import { makeLegalEntityId, makeNationalId } from '../domain/ids';
import { JWT_SECRET } from './stack';

/** What the API answered while a piece was away: the suite asserts these are 503s and 202s, never 500s. */
export interface HttpCounts {
  requests: number;
  ok: number;
  unavailable503: number;
  pending202: number;
  connectionErrors: number;
  /** Anything else that was not a success: a 500, a 409 on a retry… each one is a finding. */
  unexpected: number;
  unexpectedSamples: string[];
}

export const emptyHttpCounts = (): HttpCounts => ({
  requests: 0,
  ok: 0,
  unavailable503: 0,
  pending202: 0,
  connectionErrors: 0,
  unexpected: 0,
  unexpectedSamples: [],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiCaller {
  readonly counts = emptyHttpCounts();
  private tokens?: { clerk: string; officer: string };
  private seed = 100_000_000 + Math.floor(Math.random() * 800_000_000);

  constructor(
    private readonly baseUrl: string,
    /** How long one call may keep retrying before the run gives up on it. */
    private readonly giveUpMs = 240_000,
  ) {}

  private async token(role: 'clerk' | 'officer'): Promise<string> {
    this.tokens ??= {
      clerk: await signDevToken({ sub: 'chaos-clerk', role: 'clerk', provinces: ['THR'] }, JWT_SECRET, 6 * 3600),
      officer: await signDevToken({ sub: 'chaos-officer', role: 'officer', provinces: ['THR'] }, JWT_SECRET, 6 * 3600),
    };
    return this.tokens[role];
  }

  /** POSTs until a final answer; `done` statuses end it, 503/202/connection errors are retried with the same key. */
  private async post(role: 'clerk' | 'officer', urlPath: string, body: unknown, done: number[]): Promise<unknown> {
    const key = randomUUID();
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      this.counts.requests += 1;
      let status = 0;
      let text = '';
      try {
        const response = await fetch(`${this.baseUrl}${urlPath}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await this.token(role)}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        text = await response.text();
      } catch {
        this.counts.connectionErrors += 1;
      }
      if (done.includes(status)) {
        this.counts.ok += 1;
        return text ? (JSON.parse(text) as unknown) : undefined;
      }
      if (status === 503) this.counts.unavailable503 += 1;
      else if (status === 202) this.counts.pending202 += 1;
      else if (status !== 0) {
        this.counts.unexpected += 1;
        if (this.counts.unexpectedSamples.length < 10) {
          this.counts.unexpectedSamples.push(`${status} POST ${urlPath}: ${text.slice(0, 200)}`);
        }
        throw new Error(`POST ${urlPath} answered ${status}: ${text.slice(0, 300)}`);
      }
      if (Date.now() - started > this.giveUpMs)
        throw new Error(`POST ${urlPath}: no final answer after ${attempt + 1} tries`);
      await sleep(Math.min(4000, 500 * 2 ** Math.min(attempt, 3)));
    }
  }

  /** A valid filing with fresh IDs (check digits computed; never a real person's number). */
  filing(): Filing {
    this.seed += 1;
    return {
      channel: 'counter',
      province: 'THR',
      complainant: { nationalId: makeNationalId(String(this.seed)), name: 'Chaos Worker', phone: '+989121234567' },
      respondent: { legalEntityId: makeLegalEntityId(`1${String(this.seed)}`), name: 'Chaos Employer Co.' },
      employment: {
        startedOn: '2022-03-21',
        endedOn: '2025-06-01',
        jobTitle: 'Operator',
        monthlyWageRials: 150_000_000,
      },
      claims: [{ kind: 'unpaid_wages', amountRials: 450_000_000, description: 'Three months of unpaid wages' }],
      statement: 'I was not paid for the last three months of my employment.',
    };
  }

  async file(): Promise<string> {
    const answer = await this.post('clerk', '/api/v1/cases', this.filing(), [200, 201]);
    const caseNumber = (answer as { caseNumber?: unknown } | undefined)?.caseNumber;
    if (typeof caseNumber !== 'string') throw new Error(`filing answered without a case number`);
    return caseNumber;
  }

  async act<A extends ActionName>(
    role: 'clerk' | 'officer',
    caseNumber: string,
    action: A,
    body: ActionBody<A>,
  ): Promise<void> {
    await this.post(role, `/api/v1/cases/${caseNumber}/actions/${toKebab(action)}`, body, [200]);
  }
}
