/** The hearing, the board and its vote count, the votes (for the board only) and the rulings; escalations. */
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { CaseDetail } from '../api/client';
import { useI18n } from '../i18n';
import { Section } from './Section';
import { warningColor } from '../components/colors';

export function HearingAndBoard({ detail }: { detail: CaseDetail }) {
  const { m, fmt, dateTime, date, rials } = useI18n();
  const { hearing, board, tally } = detail;
  if (!hearing && !board && detail.rulings.length === 0) return null;
  return (
    <Section title={m.case.hearing} testId="hearing">
      <Stack gap="xs">
        {hearing?.at && hearing.mode && (
          <Text size="sm" data-testid="hearing-at-text">
            {fmt(m.case.hearingAt, { mode: m.modes[hearing.mode], date: dateTime(hearing.at) })}
            {hearing.location ? ` · ${hearing.location}` : ''}
          </Text>
        )}
        {board && (
          <Stack gap={2}>
            <Text fw={700}>{board.instance === 1 ? m.case.instance1 : m.case.instance2}</Text>
            <List size="sm">
              {board.members.map((member) => (
                <List.Item key={member.userId}>
                  {member.name ?? member.userId}
                  {member.presiding ? ` (${m.case.presiding})` : ''}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {tally && (
          <Text size="sm" data-testid="tally">
            {fmt(m.case.tally, { cast: tally.cast, quorum: tally.quorum, majority: tally.majority })}
          </Text>
        )}
        {detail.renewals > 0 && (
          <Text size="sm" c={warningColor} fw={700} data-testid="renewed">
            {fmt(m.case.renewed, { n: detail.renewals })}
          </Text>
        )}
        {detail.votesVisible && detail.votes.length > 0 && (
          <Stack gap={2}>
            <Text fw={700}>{m.case.votes}</Text>
            {detail.votes.map((vote) => (
              <Text size="sm" key={vote.memberId}>
                {vote.memberId}: {m.decisions[vote.decision]}
              </Text>
            ))}
          </Stack>
        )}
        {detail.rulings.map((ruling) => (
          <Stack gap={2} key={`${ruling.instance}-${ruling.sealedAt}`} data-testid="ruling">
            <Text fw={700}>
              {m.case.rulings}: {ruling.instance === 1 ? m.case.instance1 : m.case.instance2}
            </Text>
            <Text size="sm">
              {fmt(m.case.rulingSealed, { date: date(ruling.sealedAt), decision: m.decisions[ruling.decision] })}
            </Text>
            {ruling.awards.map((award) => (
              <Text size="sm" key={award.claimIndex}>
                {m.claimKinds[detail.claims[award.claimIndex]?.kind ?? 'other']}: {rials(award.amountRials)}
              </Text>
            ))}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

export function CaseEscalations({ detail }: { detail: CaseDetail }) {
  const { m, fmt, dateTime } = useI18n();
  return (
    <Section title={m.case.escalations} testId="case-escalations">
      {detail.escalations.length === 0 ? (
        <Text size="sm">{m.case.noEscalations}</Text>
      ) : (
        <Stack gap="xs">
          {detail.escalations.map((e) => (
            <Group key={`${e.kind}-${e.level}-${e.raisedAt}`} gap="xs" wrap="wrap">
              <Badge color={e.resolvedAt ? 'gray' : 'orange'} variant="light">
                {m.escalationKinds[e.kind]}
              </Badge>
              <Text size="sm">{fmt(m.list.levelBadge, { level: e.level })}</Text>
              <Text size="xs">
                {m.case.raised} {dateTime(e.raisedAt)}
                {e.resolvedAt ? ` · ${m.case.resolved} ${dateTime(e.resolvedAt)}` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}
