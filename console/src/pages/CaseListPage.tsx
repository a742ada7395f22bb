/** The case list: filters (stage, overdue, escalation level, search), overdue badges and cursor paging. */
import { useState, type FormEvent } from 'react';
import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { stages, type Stage } from '../../../domain/vocabulary';
import { api, unwrap, type CaseListItem } from '../api/client';
import { LevelBadge, OverdueBadge, StageBadge } from '../components/Badges';
import { Async } from '../components/Status';
import { useI18n } from '../i18n';
import { asciiDigits } from '../lib/digits';
import { Link, paths } from '../router';

interface Filters {
  stage?: Stage;
  overdue: boolean;
  /** Not an API filter: applied to the page's rows, which carry their level. */
  minLevel: number;
  q?: string;
}

const LEVELS = [0, 1, 2, 3, 4, 5];

export function CaseRows({ items }: { items: CaseListItem[] }) {
  const { m, fmt, date, digits } = useI18n();
  if (!items.length) return <Text>{m.list.empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover data-testid="case-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{m.list.caseNumber}</Table.Th>
            <Table.Th>{m.list.parties}</Table.Th>
            <Table.Th>{m.list.stage}</Table.Th>
            <Table.Th>{m.list.filed}</Table.Th>
            <Table.Th>{m.list.next}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.caseNumber} data-testid="case-row">
              <Table.Td>
                <Anchor component={Link} href={paths.case(item.caseNumber)} className="ltr">
                  {digits(item.caseNumber)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {item.complainantName &&
                  fmt(m.list.versus, { complainant: item.complainantName, respondent: item.respondentName ?? '' })}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StageBadge stage={item.stage} />
                  {item.overdue && <OverdueBadge />}
                  <LevelBadge level={item.escalationLevel} />
                </Group>
              </Table.Td>
              <Table.Td>{date(item.filedAt)}</Table.Td>
              <Table.Td>{item.nextDeadline ? date(item.nextDeadline) : m.case.none}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CaseListPage() {
  const { m, num } = useI18n();
  const [draft, setDraft] = useState<Filters>({ overdue: false, minLevel: 0 });
  const [filters, setFilters] = useState<Filters>(draft);
  // Forward paging by the API's cursor; "first page" simply drops it.
  const [cursor, setCursor] = useState<string>();

  const query = useQuery({
    queryKey: ['cases', filters.stage, filters.overdue, filters.q, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: {
            query: {
              ...(filters.stage ? { stage: filters.stage } : {}),
              ...(filters.overdue ? { overdue: 'true' as const } : {}),
              ...(filters.q ? { q: filters.q } : {}),
              ...(cursor ? { cursor } : {}),
              limit: 25,
            },
          },
        }),
      ),
  });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setCursor(undefined);
    setFilters({ ...draft, q: asciiDigits(draft.q ?? '').trim() || undefined });
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {m.list.title}
      </Title>
      <form onSubmit={apply} aria-label={m.list.search}>
        <Group align="end" wrap="wrap">
          <NativeSelect
            label={m.list.stage}
            value={draft.stage ?? ''}
            onChange={(e) => setDraft({ ...draft, stage: (e.currentTarget.value || undefined) as Stage | undefined })}
            data={[{ value: '', label: m.list.anyStage }, ...stages.map((s) => ({ value: s, label: m.stages[s] }))]}
          />
          <NativeSelect
            label={m.list.level}
            value={String(draft.minLevel)}
            onChange={(e) => setDraft({ ...draft, minLevel: Number(e.currentTarget.value) })}
            data={LEVELS.map((l) => ({ value: String(l), label: l ? num(l) : m.list.anyLevel }))}
          />
          <TextInput
            label={m.list.q}
            value={draft.q ?? ''}
            onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          />
          <Checkbox
            label={m.list.overdue}
            checked={draft.overdue}
            onChange={(e) => setDraft({ ...draft, overdue: e.currentTarget.checked })}
            mb={8}
          />
          <Button type="submit">{m.list.search}</Button>
        </Group>
      </form>
      <Async query={query}>
        {(page) => (
          <Stack>
            <CaseRows items={page.items.filter((item) => item.escalationLevel >= filters.minLevel)} />
            <Group>
              {cursor && (
                <Button variant="default" onClick={() => setCursor(undefined)}>
                  {m.list.first}
                </Button>
              )}
              {page.nextCursor && (
                <Button variant="default" onClick={() => setCursor(page.nextCursor ?? undefined)}>
                  {m.list.more}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Async>
    </Stack>
  );
}
