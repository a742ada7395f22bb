/** A case: its stage bar, the actions open to this user, deadlines, hearing and board, parties, notices, timeline. */
import { Badge, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { ActionPanel } from '../case/ActionPanel';
import { CaseEscalations, HearingAndBoard } from '../case/Board';
import { Deadlines } from '../case/Deadlines';
import { EngineerPanel } from '../case/EngineerPanel';
import { Parties } from '../case/Parties';
import { CaseTimeline, Notices } from '../case/Records';
import { StageBar } from '../case/StageBar';
import { useFollowedCase } from '../case/useFollowedCase';
import { Async } from '../components/Status';
import { useI18n } from '../i18n';

export function CasePage({ caseNumber }: { caseNumber: string }) {
  const { m, fmt, date, digits } = useI18n();
  const query = useFollowedCase(caseNumber);
  return (
    <Async query={query}>
      {(detail) => (
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Title order={1} size="h2">
              {m.case.heading}{' '}
              <span className="ltr" data-testid="case-number">
                {digits(detail.caseNumber)}
              </span>
            </Title>
            <Badge size="lg" variant="light">
              {m.channels[detail.channel]}
            </Badge>
          </Group>
          <Text size="sm">
            {fmt(m.case.filedAt, { date: date(detail.filedAt), channel: m.channels[detail.channel] })}
          </Text>
          <StageBar stage={detail.stage} outcome={detail.outcome} />
          <Grid>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack>
                <ActionPanel detail={detail} />
                <Deadlines detail={detail} />
                <HearingAndBoard detail={detail} />
                <CaseEscalations detail={detail} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack>
                <Parties detail={detail} />
                <Notices caseNumber={caseNumber} />
                <CaseTimeline caseNumber={caseNumber} />
                <EngineerPanel detail={detail} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </Async>
  );
}
