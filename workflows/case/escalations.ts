/** The escalation ladder: a missed deadline is raised to the officer and climbs to the supervisor and the director. */
import type { Escalation, EscalationKind } from '../../domain/case';
import { noteKinds } from '../../domain/case';
import type { CaseContext } from './context';

export class Escalations {
  constructor(private readonly c: CaseContext) {}

  /**
   * Raises an escalation at `level` (the officer's, 1, unless the rule names a higher one); it climbs one level
   * per escalation step while open. Notes (`calendar_unconfirmed`) stay where they are raised.
   */
  raise(kind: EscalationKind, deadlineId?: string, level = 1): Escalation {
    const { state } = this.c;
    // A stage re-entered after continue-as-new meets the same passed deadline again: one escalation is enough.
    const open = state.escalations.find((e) => e.kind === kind && e.deadlineId === deadlineId && !e.resolvedAt);
    if (open) return open;
    const id = `${kind}:${state.escalations.filter((e) => e.kind === kind).length + 1}`;
    const escalation: Escalation = { id, kind, level, raisedAt: this.c.now(), deadlineId };
    state.escalations.push(escalation);
    this.c.audit({
      kind: 'escalation',
      summary: `escalated ${kind} to level ${level}`,
      data: { id, level, deadlineId },
    });
    this.climb(escalation);
    return escalation;
  }

  resolve(match: (e: Escalation) => boolean): void {
    for (const escalation of this.c.state.escalations.filter((e) => !e.resolvedAt && match(e))) {
      escalation.resolvedAt = this.c.now();
      this.c.audit({ kind: 'escalation', summary: `resolved ${escalation.kind}`, data: { id: escalation.id } });
    }
  }

  resolveFor(deadlineId: string): void {
    this.resolve((e) => e.deadlineId === deadlineId);
  }

  /** A new run picks up the ladders its previous run was climbing. */
  resume(): void {
    for (const escalation of this.c.state.escalations.filter((e) => !e.resolvedAt)) this.climb(escalation);
  }

  private climb(escalation: Escalation): void {
    if (noteKinds.includes(escalation.kind)) return;
    // The ladder outlives the stage that raised it (an overdue response stays open into the hearing).
    this.c.tasks.spawn(async () => {
      const top = this.c.state.policy.limits.maxEscalationLevel;
      while (!escalation.resolvedAt && escalation.level < top) {
        escalation.nextLevelAt ??= (
          await this.c.dueFrom(this.c.now(), this.c.state.policy.windows.escalationStep)
        ).dueAt;
        if (await this.c.until(() => Boolean(escalation.resolvedAt), escalation.nextLevelAt)) return;
        escalation.level += 1;
        escalation.nextLevelAt = undefined;
        this.c.audit({
          kind: 'escalation',
          summary: `escalated ${escalation.kind} to level ${escalation.level}`,
          data: { id: escalation.id, level: escalation.level },
        });
      }
    });
  }
}
