/**
 * The read model follows the case: one projector writes audit entries, in order, with what changed of the case.
 * A projection that still fails after its retries raises an alert (a log line and a metric) and the case goes on;
 * the entries it could not write are kept for `npm run reconcile`.
 */
import { ActivityFailure, condition, isCancellation, log, metricMeter } from '@temporalio/workflow';
import type { SentParts } from '../../domain/projection';
import { projectionOf } from '../../domain/projection';
import type { CaseContext } from './context';

/** Kept in the state, bounded: the oldest are dropped first (reconcile still repairs the case's snapshot). */
const MAX_UNPROJECTED = 200;

export async function projector(c: CaseContext): Promise<never> {
  const { state } = c;
  const sent: SentParts = new Map();
  const failures = metricMeter.createCounter(
    'davar_projection_failures',
    'projections',
    'Projections that failed after their retries',
  );
  for (;;) {
    await condition(() => state.audit.length > 0);
    // Temporal's list filters follow the case as the read model does, one upsert for what the entries changed.
    c.flushSearchAttributes();
    const entries = state.audit.slice();
    try {
      await c.calls.projection.project({ snapshot: projectionOf(state, sent), entries });
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      log.error('read-model projection failed after its retries; the case goes on', {
        caseNumber: state.caseNumber,
        seqs: `${entries[0]?.seq}-${entries[entries.length - 1]?.seq}`,
        error: error.cause?.message ?? error.message,
      });
      failures.add(1);
      state.unprojected = [...state.unprojected, ...entries].slice(-MAX_UNPROJECTED);
      // Nothing of what was just "sent" can be trusted to be there: the next projection sends the whole case.
      sent.clear();
    }
    state.projectedSeq = entries[entries.length - 1]?.seq ?? state.projectedSeq;
    state.audit = state.audit.filter((e) => e.seq > state.projectedSeq);
  }
}

export const projected = (c: CaseContext, seq: number) => condition(() => c.state.projectedSeq >= seq);
