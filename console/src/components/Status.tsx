/** Loading and failure as every page shows them; an expired sign-in sends the user back to sign in. */
import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Loader, Group, Text } from '@mantine/core';
import { ApiFailure } from '../api/client';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';

export function Loading() {
  const { m } = useI18n();
  return (
    <Group gap="xs" role="status">
      <Loader size="sm" />
      <Text size="sm">{m.app.loading}</Text>
    </Group>
  );
}

export function Failure({ error, retry }: { error: unknown; retry?: () => void }) {
  const { m } = useI18n();
  const { signOut } = useSession();
  const expired = error instanceof ApiFailure && error.status === 401;
  useEffect(() => {
    if (expired) signOut();
  }, [expired, signOut]);
  const message = expired
    ? m.errors.unauthorized
    : error instanceof TypeError
      ? m.errors.network
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <Alert color="red" title={m.app.error} role="alert">
      <Text size="sm">{message}</Text>
      {retry && (
        <Button size="xs" mt="xs" variant="outline" onClick={retry}>
          {m.app.retry}
        </Button>
      )}
    </Alert>
  );
}

interface QueryLike<T> {
  data?: T;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Renders a query's data, or its loading or failure state. */
export function Async<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <Failure error={query.error} retry={() => void query.refetch()} />;
  return <Loading />;
}
