/** A path the console does not know. */
import { Text } from '@mantine/core';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { m } = useI18n();
  return <Text>{m.app.notFound}</Text>;
}
