/** Windows of a case: opened from a computed due time, followed through extensions, closed when met or passed. */
import type { Deadline, DeadlineKind, EscalationKind, NoticeRecord, Side } from '../../domain/case';
import type { DeadlineId } from '../../domain/deadlines';
import type { DurationRule } from '../../domain/policy';
import type { CaseContext } from './context';
import type { Escalations } from './escalations';
import { AUDIT_DEADLINE_CLOSE } from './revision';

export interface WindowSpec {
  id: DeadlineId;
  kind: DeadlineKind;
  from: string;
  rule: DurationRule;
  party?: Side;
  /** The notice whose service opened it. */
  basis?: string;
}

/** How a wait on a deadline ended. */
export type Met = 'done' | 'passed' | 'interrupted';

export class Deadlines {
  constructor(
    private readonly c: CaseContext,
    private readonly escalations: Escalations,
  ) {}

  find(id: string): Deadline | undefined {
    return this.c.state.deadlines.find((d) => d.id === id);
  }

  get(id: string): Deadline {
    const deadline = this.find(id);
    if (!deadline) throw new Error(`no deadline ${id} in case ${this.c.state.caseNumber}`);
    return deadline;
  }

  /** Opens a window once: a stage re-entered after continue-as-new finds it again. */
  async open(spec: WindowSpec): Promise<Deadline> {
    const existing = this.find(spec.id);
    if (existing) return existing;
    const due = await this.c.dueFrom(spec.from, spec.rule);
    const deadline: Deadline = {
      id: spec.id,
      kind: spec.kind,
      party: spec.party,
      startedAt: spec.from,
      dueAt: due.dueAt,
      dueAtJalali: due.dueAtJalali,
      rule: spec.rule,
      basis: spec.basis,
      extensions: 0,
      restarts: 0,
      provisional: due.provisional,
      overdue: false,
    };
    this.c.state.deadlines.push(deadline);
    this.c.audit({
      kind: 'deadline',
      summary: `${spec.kind} due ${due.dueAtJalali}`,
      data: { id: spec.id, dueAt: due.dueAt },
    });
    if (due.provisional) this.escalations.raise('calendar_unconfirmed', spec.id, 2);
    return deadline;
  }

  /** Starts a window again from a new service (a clerk set the old one aside): a fresh window, no extensions. */
  async restart(id: string, from: string, basis: string): Promise<Deadline> {
    const deadline = this.get(id);
    const due = await this.c.dueFrom(from, deadline.rule);
    Object.assign(deadline, {
      startedAt: from,
      dueAt: due.dueAt,
      dueAtJalali: due.dueAtJalali,
      basis,
      extensions: 0,
      provisional: due.provisional,
      overdue: false,
      closedAt: undefined,
    });
    deadline.restarts += 1;
    this.c.audit({
      kind: 'deadline',
      summary: `${deadline.kind} restarted, due ${due.dueAtJalali}`,
      data: { id, dueAt: due.dueAt },
    });
    return deadline;
  }

  /**
   * Closes a window. The closure is audited (unless the caller audits it itself): it changes the case's next
   * deadline, and the read model follows only audited changes — before 0.3 a met window could stay in the list as
   * the case's next deadline until something else happened (found by the chaos suite's reconcile).
   */
  close(id: string, options: { audited?: boolean } = {}): void {
    const deadline = this.find(id);
    if (!deadline || deadline.closedAt) return;
    deadline.closedAt = this.c.now();
    this.escalations.resolve((e) => e.kind === 'calendar_unconfirmed' && e.deadlineId === id);
    if (options.audited || !this.c.revision.has(AUDIT_DEADLINE_CLOSE)) return;
    this.c.audit({ kind: 'deadline', summary: `${deadline.kind} met`, data: { id } });
  }

  /**
   * Waits for `done` until the deadline passes, following extensions; `interrupt` ends the wait early without
   * closing it. A deadline that passes is closed, and marked overdue unless it simply lapses (an appeal window
   * nobody used is not late for anything).
   */
  async meet(
    id: string,
    done: () => boolean,
    options: { interrupt?: () => boolean; lapses?: boolean } = {},
  ): Promise<Met> {
    const interrupt = options.interrupt ?? (() => false);
    for (;;) {
      const deadline = this.get(id);
      if (done()) {
        this.close(id);
        return 'done';
      }
      if (interrupt()) return 'interrupted';
      if (deadline.closedAt) return 'passed';
      const dueAt = deadline.dueAt;
      const woke = await this.c.until(() => done() || interrupt() || deadline.dueAt !== dueAt, dueAt);
      if (woke) continue; // done, interrupted or extended: look again
      deadline.overdue = !options.lapses;
      this.close(id, { audited: true });
      this.c.audit({
        kind: 'deadline',
        summary: `${deadline.kind} ${options.lapses ? 'lapsed' : 'passed'}`,
        data: { id },
      });
      return 'passed';
    }
  }

  /** Waits on a deadline, escalating `kind` if it passes, then keeps waiting for `done`; resolves the escalation. */
  async meetOrEscalate(id: DeadlineId, done: () => boolean, kind: EscalationKind): Promise<void> {
    if ((await this.meet(id, done)) === 'passed') {
      this.escalations.raise(kind, id);
      await this.c.until(done);
    }
    this.escalations.resolveFor(id);
  }

  /**
   * Waits on a window that runs from a service. When a clerk sets that service aside, the notice is served
   * again (`reserve`) and the window restarts from the new service.
   */
  async meetFromService(
    id: DeadlineId,
    done: () => boolean,
    reserve: () => Promise<NoticeRecord>,
    options: { lapses?: boolean } = {},
  ): Promise<Met> {
    for (;;) {
      const deadline = this.get(id);
      const setAside = () =>
        !deadline.closedAt && Boolean(this.c.state.notices.find((n) => n.key === deadline.basis)?.setAside);
      const met = await this.meet(id, done, { ...options, interrupt: setAside });
      if (met !== 'interrupted') return met;
      const again = await reserve();
      await this.restart(id, again.servedAt ?? this.c.now(), again.key);
    }
  }
}
