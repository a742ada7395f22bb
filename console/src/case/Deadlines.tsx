/** The case's deadlines: due date (Jalali), business days left counted over the API's holidays, overdue marked. */
import { Badge, Table, Text } from '@mantine/core';
import type { CaseDetail } from '../api/client';
import { OverdueBadge } from '../components/Badges';
import { useI18n } from '../i18n';
import { businessDaysLeft, jalaliYearOfInstant, useHolidays, useNow } from '../lib/calendar';
import { Section } from './Section';

export function Deadlines({ detail }: { detail: CaseDetail }) {
  const { m, fmt, dateTime } = useI18n();
  const now = useNow();
  const holidays = useHolidays([
    jalaliYearOfInstant(new Date(now).toISOString()),
    ...detail.deadlines.filter((d) => d.open).map((d) => jalaliYearOfInstant(d.dueAt)),
  ]);
  return (
    <Section title={m.case.deadlines} testId="deadlines">
      {detail.deadlines.length === 0 ? (
        <Text size="sm">{m.case.none}</Text>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table>
            <Table.Tbody>
              {detail.deadlines.map((d) => {
                const left = businessDaysLeft(d.dueAt, now, holidays);
                return (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      {m.deadlineKinds[d.kind]}
                      {d.party ? ` · ${m.sides[d.party]}` : ''}
                    </Table.Td>
                    <Table.Td>{dateTime(d.dueAt)}</Table.Td>
                    <Table.Td>
                      {!d.open ? (
                        <Badge variant="light" color="gray">
                          {m.case.closedDeadline}
                        </Badge>
                      ) : d.overdue ? (
                        <OverdueBadge />
                      ) : left > 0 ? (
                        fmt(m.case.businessDaysLeft, { n: left })
                      ) : left === 0 ? (
                        m.case.lastDay
                      ) : (
                        m.case.passed
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
