/** The console's shell: Mantine in the language's direction, the header, and the page for the current path. */
import { useEffect } from 'react';
import { DirectionProvider, MantineProvider, createTheme, useDirection } from '@mantine/core';
import { useSession } from './auth/session';
import { Layout } from './components/Layout';
import { useI18n } from './i18n';
import { CaseListPage } from './pages/CaseListPage';
import { CasePage } from './pages/CasePage';
import { EscalationsPage } from './pages/EscalationsPage';
import { FilingPage } from './pages/FilingPage';
import { InboxPage } from './pages/InboxPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { StatsPage } from './pages/StatsPage';
import { homeOf } from './components/menu';
import { navigate, paths, useLocation } from './router';

const theme = createTheme({
  fontFamily: 'Vazirmatn, system-ui, sans-serif',
  headings: { fontFamily: 'Vazirmatn, system-ui, sans-serif' },
  primaryColor: 'blue',
  // Darker shades than the defaults: text on light buttons and badges keeps a 4.5:1 contrast.
  primaryShade: 8,
});

function Page() {
  const { session } = useSession();
  const { path } = useLocation();
  const signedOut = !session;
  useEffect(() => {
    if (signedOut && path !== paths.signIn) navigate(paths.signIn);
    else if (!signedOut && (path === '/' || path === paths.signIn)) navigate(homeOf(session.claims.role));
  }, [signedOut, path, session]);

  if (!session) return <SignInPage />;
  const caseMatch = /^\/cases\/([A-Z]{3}-\d{4}-\d{6})$/.exec(path);
  if (caseMatch?.[1]) return <CasePage caseNumber={caseMatch[1]} />;
  switch (path) {
    case paths.cases:
      return <CaseListPage />;
    case paths.file:
      return <FilingPage />;
    case paths.inbox:
      return <InboxPage />;
    case paths.escalations:
      return <EscalationsPage />;
    case paths.stats:
      return <StatsPage />;
    case '/':
    case paths.signIn:
      return null;
    default:
      return <NotFoundPage />;
  }
}

/** Keeps Mantine's direction with the language's, without remounting the page (a half-filled form survives). */
function DirectionSync({ dir }: { dir: 'rtl' | 'ltr' }) {
  const { setDirection } = useDirection();
  useEffect(() => setDirection(dir), [dir, setDirection]);
  return null;
}

export function App() {
  const { lang, dir, m } = useI18n();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
    document.title = m.app.title;
  }, [lang, dir, m]);
  return (
    <DirectionProvider initialDirection={dir} detectDirection={false}>
      <DirectionSync dir={dir} />
      <MantineProvider theme={theme}>
        <Layout>
          <Page />
        </Layout>
      </MantineProvider>
    </DirectionProvider>
  );
}
