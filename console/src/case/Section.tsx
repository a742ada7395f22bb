/** A titled card on the case page; the title is the section's accessible name. */
import { useId, type ReactNode } from 'react';
import { Card, Title } from '@mantine/core';

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <Card withBorder component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}
