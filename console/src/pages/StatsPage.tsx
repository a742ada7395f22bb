/** Statistics as charts: cases per stage, open cases per province, overdue count, median days in stage. */
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { provinceByCode } from '../../../domain/provinces';
import { api, unwrap } from '../api/client';
import { BarChart } from '../components/BarChart';
import { Async } from '../components/Status';
import { useI18n } from '../i18n';

export function StatsPage() {
  const { m, fmt, num, lang } = useI18n();
  const query = useQuery({ queryKey: ['stats'], queryFn: () => unwrap(api.GET('/api/v1/stats')) });
  return (
    <Stack>
      <Title order={1} size="h2">
        {m.stats.title}
      </Title>
      <Async query={query}>
        {(stats) => {
          const perProvince = new Map<string, number>();
          for (const row of stats.byProvinceAndStage) {
            if (row.stage !== 'closed') perProvince.set(row.province, (perProvince.get(row.province) ?? 0) + row.count);
          }
          return (
            <Stack>
              <Text fw={700} data-testid="overdue-total">
                {fmt(m.stats.overdue, { n: stats.overdue.total })}
              </Text>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Card withBorder>
                  <Title order={2} size="h4" mb="xs">
                    {m.stats.byStage}
                  </Title>
                  <BarChart
                    title={m.stats.byStage}
                    bars={stats.byStage.map((row) => ({ label: m.stages[row.stage], value: row.count }))}
                  />
                </Card>
                <Card withBorder>
                  <Title order={2} size="h4" mb="xs">
                    {m.stats.byProvince}
                  </Title>
                  <BarChart
                    title={m.stats.byProvince}
                    bars={[...perProvince].map(([code, value]) => ({
                      label: provinceByCode(code)?.[lang] ?? code,
                      value,
                    }))}
                  />
                </Card>
              </SimpleGrid>
              <Card withBorder>
                <Title order={2} size="h4" mb="xs">
                  {m.stats.median}
                </Title>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{m.list.stage}</Table.Th>
                      <Table.Th>{m.stats.count}</Table.Th>
                      <Table.Th>{m.stats.median}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {stats.medianDaysInStage.map((row) => (
                      <Table.Tr key={row.stage}>
                        <Table.Td>{m.stages[row.stage]}</Table.Td>
                        <Table.Td>{num(row.cases)}</Table.Td>
                        <Table.Td>{num(Math.round(row.medianDays * 10) / 10)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            </Stack>
          );
        }}
      </Async>
    </Stack>
  );
}
