/**
 * The board member's vote: the decision, and for a partial ruling the amount per claim, pre-filled with what was
 * claimed or, for a dismissal, the Art. 165 compensation the case suggests. The count cast so far is shown above.
 */
import { useState } from 'react';
import { NumberInput, Radio, Group, Stack, Text } from '@mantine/core';
import { voteDecisions, type VoteDecision } from '../../../domain/vocabulary';
import { useI18n } from '../i18n';
import { FormFrame, type FormProps, TextField } from './common';

export function CastVote({ detail, busy, submit, cancel }: FormProps<'cast-vote'>) {
  const { m, fmt, rials } = useI18n();
  const suggested = new Map(detail.suggestedRemedies.map((r) => [r.claimIndex, r]));
  const [decision, setDecision] = useState<VoteDecision>('uphold');
  const [reason, setReason] = useState('');
  const [amounts, setAmounts] = useState<(number | string)[]>(() =>
    detail.claims.map((c) => c.amountRials ?? suggested.get(c.index)?.compensation.rials ?? ''),
  );
  const awards = detail.claims.flatMap((claim, i) => {
    const amount = Number(amounts[i]);
    return amounts[i] !== '' && Number.isFinite(amount) ? [{ claimIndex: claim.index, amountRials: amount }] : [];
  });
  return (
    <FormFrame
      action="cast-vote"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit({ decision, reason, ...(decision === 'partial' ? { awards } : {}) })}
    >
      {detail.tally && (
        <Text size="sm" data-testid="vote-tally">
          {fmt(m.case.tally, { cast: detail.tally.cast, quorum: detail.tally.quorum, majority: detail.tally.majority })}
        </Text>
      )}
      <Radio.Group label={m.form.decision} value={decision} onChange={(v) => setDecision(v as VoteDecision)} required>
        <Group>
          {voteDecisions.map((d) => (
            <Radio key={d} value={d} label={m.decisions[d]} data-testid={`decision-${d}`} />
          ))}
        </Group>
      </Radio.Group>
      {decision === 'partial' && (
        <Stack gap="xs">
          {detail.claims.map((claim, i) => {
            const remedy = suggested.get(claim.index);
            return (
              <NumberInput
                key={claim.index}
                label={fmt(m.form.award, { n: i + 1, kind: m.claimKinds[claim.kind] })}
                description={remedy && fmt(m.form.suggested, { amount: rials(remedy.compensation.rials) })}
                value={amounts[i]}
                onChange={(v) => setAmounts(amounts.map((a, j) => (j === i ? v : a)))}
                min={0}
                thousandSeparator=","
              />
            );
          })}
        </Stack>
      )}
      <TextField label={m.form.reason} value={reason} onChange={setReason} rows={2} testId="vote-reason" />
    </FormFrame>
  );
}
