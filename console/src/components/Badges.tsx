/** The small labels shown across pages: stage, overdue, escalation level. */
import { Badge } from '@mantine/core';
import type { Stage } from '../../../domain/vocabulary';
import { useI18n } from '../i18n';
import { warningColor } from './colors';

export function StageBadge({ stage }: { stage: Stage }) {
  const { m } = useI18n();
  return (
    <Badge variant="light" color={stage === 'closed' ? 'gray' : 'blue'}>
      {m.stages[stage]}
    </Badge>
  );
}

export function OverdueBadge() {
  const { m } = useI18n();
  return (
    <Badge color="red.9" variant="filled" data-testid="overdue-badge">
      {m.list.overdueBadge}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: number }) {
  const { m, fmt } = useI18n();
  if (level <= 0) return null;
  return (
    <Badge color={level >= 3 ? 'red.9' : warningColor} variant="filled" data-testid="level-badge">
      {fmt(m.list.levelBadge, { level })}
    </Badge>
  );
}
