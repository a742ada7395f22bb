/** The read model follows the case: one projector writes audit entries, in order, with a slim snapshot. */
import { condition } from '@temporalio/workflow';
import { projectionOf } from '../../domain/case';
import type { CaseContext } from './context';

export async function projector(c: CaseContext): Promise<never> {
  const { state } = c;
  for (;;) {
    await condition(() => state.audit.length > 0);
    const entries = state.audit.slice();
    await c.calls.projection.project({ state: projectionOf(state), entries });
    state.projectedSeq = entries[entries.length - 1]?.seq ?? state.projectedSeq;
    state.audit = state.audit.filter((e) => e.seq > state.projectedSeq);
  }
}

export const projected = (c: CaseContext, seq: number) => condition(() => c.state.projectedSeq >= seq);
