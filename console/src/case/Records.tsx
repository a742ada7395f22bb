/** The case's records from the read model: notices with their gateway status, and the timeline. */
import { Badge, Box, Table, Text, Timeline as MantineTimeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { Async } from '../components/Status';
import { useI18n } from '../i18n';
import { Section } from './Section';

const REFRESH_MS = 3000;

export function Notices({ caseNumber }: { caseNumber: string }) {
  const { m, dateTime } = useI18n();
  const query = useQuery({
    queryKey: ['case', caseNumber, 'notices'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{caseNumber}/notices', { params: { path: { caseNumber } } })),
    refetchInterval: REFRESH_MS,
  });
  return (
    <Section title={m.case.notices} testId="notices">
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <Text size="sm">{m.case.none}</Text>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{m.case.document}</Table.Th>
                    <Table.Th>{m.case.recipient}</Table.Th>
                    <Table.Th>{m.case.status}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((n) => (
                    <Table.Tr key={n.key}>
                      <Table.Td>{m.documentTypes[n.documentType]}</Table.Td>
                      <Table.Td>{m.sides[n.recipient]}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={n.status === 'failed' ? 'red' : 'teal'}>
                          {m.noticeStatuses[n.status]}
                        </Badge>{' '}
                        <Text span size="xs">
                          {dateTime(n.deliveredAt ?? n.updatedAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Async>
    </Section>
  );
}

export function CaseTimeline({ caseNumber }: { caseNumber: string }) {
  const { m, dateTime } = useI18n();
  const query = useQuery({
    queryKey: ['case', caseNumber, 'timeline'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{caseNumber}/timeline', { params: { path: { caseNumber } } })),
    refetchInterval: REFRESH_MS,
  });
  return (
    <Section title={m.case.timeline} testId="timeline">
      <Async query={query}>
        {({ items }) => (
          // A long case's timeline scrolls in its own focusable region instead of stretching the page.
          <Box role="region" aria-label={m.case.timeline} tabIndex={0} mah={520} style={{ overflow: 'auto' }}>
            <MantineTimeline bulletSize={12} lineWidth={2}>
              {[...items].reverse().map((entry) => (
                <MantineTimeline.Item key={entry.seq} title={`${m.auditKinds[entry.kind]} · ${dateTime(entry.at)}`}>
                  <Text size="sm">{entry.summary}</Text>
                  {entry.actor && (
                    <Text size="xs">
                      {m.roles[entry.actor.role]} · {entry.actor.userId}
                    </Text>
                  )}
                </MantineTimeline.Item>
              ))}
            </MantineTimeline>
          </Box>
        )}
      </Async>
    </Section>
  );
}
