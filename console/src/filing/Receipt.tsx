/** After filing: the case number, large enough to copy down, and the receipt to print for the worker. */
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Filing } from '../api/client';
import { useI18n } from '../i18n';
import { Link, paths } from '../router';
import { FilingSummary } from './Summary';

export function Receipt({ caseNumber, filing, again }: { caseNumber: string; filing: Filing; again(): void }) {
  const { m, fmt, dateTime, digits } = useI18n();
  return (
    <Stack>
      <Paper withBorder p="lg" className="receipt" data-testid="receipt">
        <Stack align="center" gap="xs">
          <Title order={1} size="h2">
            {m.filing.filedTitle}
          </Title>
          <Text>{m.filing.caseNumber}</Text>
          <Text className="case-number" data-testid="filed-case-number" data-case-number={caseNumber}>
            {digits(caseNumber)}
          </Text>
          <Text size="sm" className="no-print">
            {m.filing.writeDown}
          </Text>
          <Text size="sm">{fmt(m.filing.receiptFiled, { date: dateTime(new Date().toISOString()) })}</Text>
        </Stack>
        <Title order={2} size="h4" mt="md">
          {m.filing.receipt}
        </Title>
        <FilingSummary filing={filing} />
      </Paper>
      <Group className="no-print">
        <Button onClick={() => window.print()}>{m.filing.print}</Button>
        <Anchor component={Link} href={paths.case(caseNumber)}>
          {m.filing.openCase}
        </Anchor>
        <Button variant="default" onClick={again}>
          {m.filing.another}
        </Button>
      </Group>
    </Stack>
  );
}
