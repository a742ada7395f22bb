/** For engineers (and supervisors): the case's workflow in the Temporal Web UI, and its history one line per event. */
import { Anchor, Box, Code, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type CaseDetail } from '../api/client';
import { useSignedIn } from '../auth/session';
import { Async } from '../components/Status';
import { useI18n } from '../i18n';
import { Section } from './Section';

export function EngineerPanel({ detail }: { detail: CaseDetail }) {
  const { m } = useI18n();
  const { claims } = useSignedIn();
  const mayRead = claims.role === 'engineer' || claims.role === 'supervisor';
  const query = useQuery({
    queryKey: ['case', detail.caseNumber, 'history'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases/{caseNumber}/history', {
          params: { path: { caseNumber: detail.caseNumber }, query: { format: 'summary' } },
        }),
      ),
    enabled: mayRead,
  });
  if (!mayRead) return null;
  return (
    <Section title={m.case.engineer} testId="engineer">
      <Stack gap="xs">
        {detail.links.temporalUi && (
          <Anchor href={detail.links.temporalUi} target="_blank" rel="noreferrer" data-testid="temporal-ui">
            {m.case.temporalUi}
          </Anchor>
        )}
        <Async query={query}>
          {(history) => (
            // A focusable region, so the history scrolls from the keyboard too.
            <Box role="region" aria-label={m.case.history} tabIndex={0} mah={320} style={{ overflow: 'auto' }}>
              <Code block className="ltr" lang="en" data-testid="history-lines">
                {'events' in history && Array.isArray(history.events)
                  ? history.events.map((e) => ('line' in e ? String(e.line) : '')).join('\n')
                  : ''}
              </Code>
            </Box>
          )}
        </Async>
      </Stack>
    </Section>
  );
}
