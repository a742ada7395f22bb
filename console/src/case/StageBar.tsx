/** The stages of a case in order, the current one marked; a closed case shows its outcome. */
import { Badge, Box, Group, Text } from '@mantine/core';
import { stages, type Outcome, type Stage } from '../../../domain/vocabulary';
import { useI18n } from '../i18n';

const open = stages.filter((s) => s !== 'closed');

export function StageBar({ stage, outcome }: { stage: Stage; outcome?: Outcome }) {
  const { m, fmt } = useI18n();
  const current = stages.indexOf(stage);
  return (
    <Box component="nav" aria-label={m.case.stageBar}>
      <Group
        component="ol"
        gap={4}
        wrap="wrap"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        data-testid="stage-bar"
      >
        {open.map((s, i) => {
          const here = s === stage;
          return (
            <li key={s} aria-current={here ? 'step' : undefined}>
              <Badge
                size="lg"
                radius="sm"
                variant={here ? 'filled' : i < current ? 'light' : 'outline'}
                color={here ? 'blue.9' : i < current ? 'blue' : 'gray.7'}
              >
                {m.stages[s]}
              </Badge>
            </li>
          );
        })}
      </Group>
      {stage === 'closed' && (
        <Text fw={700} mt="xs" data-testid="outcome">
          {m.stages.closed}
          {outcome ? ` — ${fmt(m.case.outcome, { outcome: m.outcomes[outcome] })}` : ''}
        </Text>
      )}
    </Box>
  );
}
