/** Parties, employment, claims and statement: what this role may see (the API leaves out the rest). */
import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { CaseDetail } from '../api/client';
import { useI18n } from '../i18n';
import { Section } from './Section';

function Field({ label, value }: { label: string; value?: string }) {
  if (!value) return null;
  return (
    <Text size="sm">
      <Text span fw={700}>
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}

export function Parties({ detail }: { detail: CaseDetail }) {
  const { m, fmt, date, rials, digits } = useI18n();
  const { employment } = detail;
  return (
    <Section title={m.case.parties} testId="parties">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {detail.parties.map((p) => (
            <Stack key={p.side} gap={2}>
              <Text fw={700}>{m.sides[p.side]}</Text>
              <Field label={m.case.name} value={p.name} />
              <Field label={m.case.nationalId} value={p.nationalId && digits(p.nationalId)} />
              <Field label={m.case.legalEntityId} value={p.legalEntityId && digits(p.legalEntityId)} />
              <Field label={m.case.phone} value={p.phone && digits(p.phone)} />
              <Field label={m.case.address} value={p.address} />
            </Stack>
          ))}
        </SimpleGrid>
        {employment && (
          <Stack gap={2}>
            <Text fw={700}>{m.case.employment}</Text>
            <Field label={m.case.jobTitle} value={employment.jobTitle} />
            <Field label={m.case.wage} value={rials(employment.monthlyWageRials)} />
            <Text size="sm">
              {fmt(m.case.period, {
                from: date(`${employment.startedOn}T12:00:00Z`),
                to: employment.endedOn ? date(`${employment.endedOn}T12:00:00Z`) : m.case.stillEmployed,
              })}
            </Text>
          </Stack>
        )}
        <Stack gap={2}>
          <Text fw={700}>{m.case.claims}</Text>
          <Table.ScrollContainer minWidth={360}>
            <Table data-testid="claims">
              <Table.Tbody>
                {detail.claims.map((c) => (
                  <Table.Tr key={c.index}>
                    <Table.Td>{m.claimKinds[c.kind]}</Table.Td>
                    <Table.Td>{c.amountRials !== undefined ? rials(c.amountRials) : m.case.noAmount}</Table.Td>
                    <Table.Td>{c.description}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
        {detail.statement && <Field label={m.case.statement} value={detail.statement} />}
      </Stack>
    </Section>
  );
}
