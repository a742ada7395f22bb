/**
 * Waits for cases to reach conditions by asking their workflows (the `state` query), a few at a time in one loop:
 * a hundred cases each polling on its own would load two cores more than the faults do.
 */
import type { Client } from '@temporalio/client';
import type { CaseStateView } from '../domain/case';
import { stateQuery } from '../workflows/messages';

interface Wait {
  caseNumber: string;
  predicate: (state: CaseStateView) => boolean;
  resolve: (state: CaseStateView) => void;
  reject: (error: Error) => void;
  deadline: number;
  what: string;
  last?: CaseStateView;
}

export class Watcher {
  private readonly waits = new Set<Wait>();
  private loop?: Promise<void>;
  private stopped = false;
  queries = 0;
  queryErrors = 0;

  constructor(
    private readonly client: Client,
    private readonly parallel = 4,
  ) {}

  /** The live state; a query nobody answers (Temporal or every worker away) gives up after 10 s. */
  state(caseNumber: string): Promise<CaseStateView> {
    const handle = this.client.workflow.getHandle(`case-${caseNumber}`);
    return this.client.withDeadline(Date.now() + 10_000, () => handle.query(stateQuery));
  }

  /** Resolves with the case's state once `predicate` holds; fails after `timeoutMs` with the last state seen. */
  until(
    caseNumber: string,
    what: string,
    predicate: (state: CaseStateView) => boolean,
    timeoutMs = 300_000,
  ): Promise<CaseStateView> {
    return new Promise((resolve, reject) => {
      this.waits.add({ caseNumber, predicate, resolve, reject, what, deadline: Date.now() + timeoutMs });
      this.loop ??= this.run();
    });
  }

  private async check(wait: Wait): Promise<void> {
    this.queries += 1;
    try {
      wait.last = await this.state(wait.caseNumber);
      if (wait.predicate(wait.last)) {
        this.waits.delete(wait);
        wait.resolve(wait.last);
        return;
      }
    } catch {
      this.queryErrors += 1; // Temporal or the worker away: ask again on the next round
    }
    if (Date.now() > wait.deadline) {
      this.waits.delete(wait);
      const last = wait.last && {
        stage: wait.last.stage,
        notices: wait.last.notices.map((n) => `${n.key}:${n.status}`),
        escalations: wait.last.escalations.map((e) => `${e.kind}@${e.level}${e.resolvedAt ? ' resolved' : ''}`),
      };
      wait.reject(new Error(`${wait.caseNumber} did not reach "${wait.what}" in time; last: ${JSON.stringify(last)}`));
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const round = [...this.waits];
      for (let i = 0; i < round.length; i += this.parallel) {
        await Promise.all(round.slice(i, i + this.parallel).map((wait) => this.check(wait)));
      }
      // A round of a hundred cases already takes a while; a short pause keeps a handful of cases from spinning.
      await new Promise((resolve) => setTimeout(resolve, this.waits.size ? 500 : 200));
      if (this.waits.size === 0) break;
    }
    this.loop = undefined;
  }

  stop(): void {
    this.stopped = true;
  }
}
