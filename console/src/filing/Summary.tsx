/** What is about to be filed, read back to the worker; after filing, the same as a printable receipt. */
import { Stack, Table, Text } from '@mantine/core';
import { provinceByCode } from '../../../domain/provinces';
import type { Filing } from '../api/client';
import { useI18n } from '../i18n';

export function FilingSummary({ filing }: { filing: Filing }) {
  const { m, rials, date, digits, lang } = useI18n();
  const day = (iso: string) => date(`${iso}T12:00:00Z`);
  const { complainant, respondent, employment } = filing;
  const rows: [string, string][] = [
    [m.filing.province, provinceByCode(filing.province)?.[lang] ?? filing.province],
    [m.filing.channel, m.channels[filing.channel]],
    [m.filing.workerName, complainant.name],
    [m.case.nationalId, digits(complainant.nationalId)],
    ...(complainant.phone ? [[m.case.phone, digits(complainant.phone)] as [string, string]] : []),
    [m.filing.employerName, respondent.name],
    [
      respondent.legalEntityId ? m.case.legalEntityId : m.case.nationalId,
      digits(respondent.legalEntityId ?? respondent.nationalId ?? ''),
    ],
    [m.filing.jobTitle, employment.jobTitle],
    [m.case.wage, rials(employment.monthlyWageRials)],
    [m.filing.startedOn, day(employment.startedOn)],
    [m.filing.endedOn, employment.endedOn ? day(employment.endedOn) : m.case.stillEmployed],
  ];
  return (
    <Stack gap="xs">
      <Table data-testid="filing-summary">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={700}>{m.case.claims}</Text>
      <Table>
        <Table.Tbody>
          {filing.claims.map((c, i) => (
            <Table.Tr key={i}>
              <Table.Td>{m.claimKinds[c.kind]}</Table.Td>
              <Table.Td>{c.amountRials !== undefined ? rials(c.amountRials) : m.case.noAmount}</Table.Td>
              <Table.Td>{c.description}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={700}>{m.case.statement}</Text>
      <Text size="sm">{filing.statement}</Text>
    </Stack>
  );
}
