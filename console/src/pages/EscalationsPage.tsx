/** The supervisor's escalations board: open escalations by level, then kind, the longest waiting first. */
import { useState } from 'react';
import { Anchor, Badge, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { escalationKinds, type EscalationKind } from '../../../domain/vocabulary';
import { api, unwrap, type Schemas } from '../api/client';
import { Async } from '../components/Status';
import { useI18n } from '../i18n';
import { Link, paths } from '../router';

type Item = Schemas['EscalationList']['items'][number];

function Column({ level, items }: { level: number; items: Item[] }) {
  const { m, fmt, dateTime, digits } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby={`level-${level}`} data-testid={`level-${level}`}>
      <Title order={2} size="h4" id={`level-${level}`} mb="xs">
        {fmt(m.escalations.byLevel, { level })}
      </Title>
      <Stack gap="xs">
        {items.map((item) => (
          <Group key={item.id} justify="space-between" wrap="wrap" data-testid="escalation">
            <Stack gap={0}>
              <Anchor component={Link} href={paths.case(item.caseNumber)} className="ltr">
                {digits(item.caseNumber)}
              </Anchor>
              <Text size="xs">
                {m.escalations.waiting} {dateTime(item.raisedAt)}
              </Text>
            </Stack>
            <Badge variant="light" color="orange">
              {m.escalationKinds[item.kind]}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export function EscalationsPage() {
  const { m } = useI18n();
  const [kind, setKind] = useState<EscalationKind>();
  const query = useQuery({
    queryKey: ['escalations', kind],
    queryFn: () =>
      unwrap(api.GET('/api/v1/escalations', { params: { query: { ...(kind ? { kind } : {}), limit: 200 } } })),
    // Escalations are raised by timers, not by this user: the board refreshes itself.
    refetchInterval: 2000,
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        {m.escalations.title}
      </Title>
      <NativeSelect
        label={m.escalations.kind}
        maw={320}
        value={kind ?? ''}
        onChange={(e) => setKind((e.currentTarget.value || undefined) as EscalationKind | undefined)}
        data={[
          { value: '', label: m.escalations.anyKind },
          ...escalationKinds.map((k) => ({ value: k, label: m.escalationKinds[k] })),
        ]}
      />
      <Async query={query}>
        {({ items }) => {
          if (!items.length) return <Text>{m.escalations.empty}</Text>;
          const levels = [...new Set(items.map((i) => i.level))].sort((a, b) => b - a);
          const byAge = (a: Item, b: Item) => a.raisedAt.localeCompare(b.raisedAt) || a.kind.localeCompare(b.kind);
          return (
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              {levels.map((level) => (
                <Column key={level} level={level} items={items.filter((i) => i.level === level).sort(byAge)} />
              ))}
            </SimpleGrid>
          );
        }}
      </Async>
    </Stack>
  );
}
