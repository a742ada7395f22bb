/** The Art. 165 estimate for a dismissal claim, computed by domain/remedies.ts as of today, as the board would. */
import { Alert } from '@mantine/core';
import { computeDismissalRemedies, type ServiceLength } from '../../../domain/remedies';
import { useI18n } from '../i18n';
import { isoDateOfInstant } from '../lib/calendar';
import type { Draft } from './draft';

export function DismissalEstimate({ draft }: { draft: Draft }) {
  const { m, fmt, rials } = useI18n();
  const length = (s: ServiceLength) => fmt(m.filing.years, { y: s.years, m: s.months, d: s.days });
  const wage = Number(draft.wage);
  let text = m.filing.estimateNeeds;
  if (draft.startedOn && draft.endedOn && draft.wage !== '' && Number.isSafeInteger(wage)) {
    try {
      const r = computeDismissalRemedies({
        startedOn: draft.startedOn,
        endedOn: draft.endedOn,
        rulingOn: isoDateOfInstant(new Date().toISOString()),
        monthlyWageRials: wage,
      });
      text = fmt(m.filing.estimate, {
        backPay: rials(r.reinstatement.backPayRials),
        period: length(r.reinstatement.period),
        compensation: rials(r.compensation.rials),
        service: length(r.compensation.service),
      });
    } catch (err) {
      // Implausible facts (dates out of order, an absurd wage): no estimate, as the board's form would have none.
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return (
    <Alert color="blue" data-testid="art165-estimate">
      {text}
    </Alert>
  );
}
