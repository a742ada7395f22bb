/** A board member's inbox: the open cases of the boards they sit on, those awaiting a ruling first. */
import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useSignedIn } from '../auth/session';
import { Async } from '../components/Status';
import { useI18n } from '../i18n';
import { CaseRows } from './CaseListPage';

// The review comes before the vote: a case at its hearing is next in line after those at the ruling.
const order = ['ruling', 'hearing'];
const rank = (stage: string) => (order.includes(stage) ? order.indexOf(stage) : order.length);

export function InboxPage() {
  const { m } = useI18n();
  const { claims } = useSignedIn();
  const query = useQuery({
    queryKey: ['inbox', claims.sub],
    // The API lists a board member's own cases only; the member's ID is the filter either way.
    queryFn: () => unwrap(api.GET('/api/v1/cases', { params: { query: { boardMemberId: claims.sub, limit: 200 } } })),
    refetchInterval: 5000,
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        {m.inbox.title}
      </Title>
      <Async query={query}>
        {(page) => {
          const open = page.items.filter((i) => i.stage !== 'closed').sort((a, b) => rank(a.stage) - rank(b.stage));
          return open.length ? <CaseRows items={open} /> : <Text>{m.inbox.empty}</Text>;
        }}
      </Async>
    </Stack>
  );
}
