/** The frame of every page: the title, the menu for the user's role, who is signed in, the language switch. */
import type { ReactNode } from 'react';
import { Anchor, Box, Button, Container, Group, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { provinceByCode } from '../../../domain/provinces';
import { Link, paths, useLocation } from '../router';
import { menuOf } from './menu';

function UserLine() {
  const { session } = useSession();
  const { m, fmt, lang } = useI18n();
  if (!session) return null;
  const { claims } = session;
  const provinces = (claims.provinces ?? [])
    .map((code) => (code === '*' ? m.app.allProvinces : (provinceByCode(code)?.[lang] ?? code)))
    .join('، ');
  return (
    <Text size="sm" data-testid="user-line">
      {fmt(m.app.user, { name: claims.name ?? claims.sub, role: m.roles[claims.role], provinces })}
    </Text>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { m, lang, setLang } = useI18n();
  const { session, signOut } = useSession();
  const queryClient = useQueryClient();
  const { path } = useLocation();
  const other = lang === 'fa' ? 'en' : 'fa';
  return (
    <>
      <Anchor href="#main" className="skip-link" size="sm">
        {m.app.skip}
      </Anchor>
      <Box component="header" className="no-print" bg="blue.9" c="white" px="md" py="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="md" wrap="wrap">
            <Title order={1} size="h3">
              {m.app.short}
            </Title>
            {session && (
              <Box component="nav" aria-label={m.app.nav}>
                <Group gap="sm" wrap="wrap">
                  {menuOf(session.claims.role).map((key) => (
                    <Anchor
                      key={key}
                      component={Link}
                      href={paths[key]}
                      c="white"
                      fw={path === paths[key] ? 700 : 400}
                      underline={path === paths[key] ? 'always' : 'hover'}
                      aria-current={path === paths[key] ? 'page' : undefined}
                    >
                      {m.nav[key]}
                    </Anchor>
                  ))}
                </Group>
              </Box>
            )}
          </Group>
          <Group gap="xs" wrap="wrap">
            <UserLine />
            <Button
              size="xs"
              variant="white"
              lang={other}
              title={m.app.languageLabel}
              onClick={() => setLang(other)}
              data-testid="language-switch"
            >
              {m.app.language}
            </Button>
            {session && (
              <Button
                size="xs"
                variant="white"
                onClick={() => {
                  queryClient.clear();
                  signOut();
                }}
              >
                {m.app.signOut}
              </Button>
            )}
          </Group>
        </Group>
      </Box>
      <Container size="lg" py="md" component="main" id="main" tabIndex={-1}>
        {children}
      </Container>
    </>
  );
}
