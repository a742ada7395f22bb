/** What every part of a running case shares: its state, the activities, the clock, the audit trail and its tasks. */
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import type { AuditEntry, CaseState } from '../../domain/case';
import { caseFlags } from '../../domain/case';
import type { DurationRule } from '../../domain/policy';
import { CaseStage, Channel, EscalationLevel, NextDeadline, Overdue, Province } from '../search-attributes';
import type { CaseCalls } from './calls';
import { caseCalls } from './calls';
import { TaskGroup } from './tasks';

export class CaseContext {
  readonly calls: CaseCalls;
  /** Work that outlives a stage (the projector, escalation ladders); cancelled when the run ends. */
  readonly tasks = new TaskGroup();
  /** Set once this run is ending (closed, or continuing as new): waits that would outlive it give way. */
  ending = false;
  private lastAttributes = '';

  constructor(readonly state: CaseState) {
    this.calls = caseCalls(state.policy);
  }

  now(): string {
    return new Date(Date.now()).toISOString();
  }

  /** Appends to the audit trail (projected to the read model in order) and keeps the search attributes current. */
  audit(entry: Omit<AuditEntry, 'seq' | 'at'>): number {
    const state = this.state;
    state.auditSeq += 1;
    state.audit.push({ ...entry, seq: state.auditSeq, at: this.now() });
    this.syncSearchAttributes();
    return state.auditSeq;
  }

  /** Upserts only when a value a list filters on changed: each upsert is a command and an event. */
  syncSearchAttributes(): void {
    const { stage, province, channel } = this.state;
    const { overdue, escalationLevel, nextDeadline } = caseFlags(this.state);
    const key = JSON.stringify([stage, overdue, escalationLevel, nextDeadline]);
    if (key === this.lastAttributes) return;
    this.lastAttributes = key;
    upsertSearchAttributes({
      [CaseStage.name]: [stage],
      [Province.name]: [province],
      [Channel.name]: [channel],
      [Overdue.name]: [overdue],
      [EscalationLevel.name]: [escalationLevel],
      [NextDeadline.name]: nextDeadline ? [new Date(nextDeadline)] : [],
    });
  }

  /** Waits for `done`, until `untilIso` if given; true when done, false when the time ran out first. */
  async until(done: () => boolean, untilIso?: string): Promise<boolean> {
    if (untilIso === undefined) {
      await condition(done);
      return true;
    }
    const left = Date.parse(untilIso) - Date.now();
    if (left <= 0) return done();
    return condition(done, left);
  }

  /** When a rule's window, opened now, ends: a calendar activity, recorded in history (calls.ts says why not local). */
  async dueFrom(fromIso: string, rule: DurationRule) {
    const { secondsPerDay, weekendDays } = this.state.policy;
    return this.calls.calendar.computeDeadline({ from: fromIso, rule, policy: { secondsPerDay, weekendDays } });
  }
}
