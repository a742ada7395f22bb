/** The console's entry: fonts and styles, then the providers (language, session, API cache, Mantine) and the app. */
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import '@mantine/core/styles.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { SessionProvider } from './auth/session';
import { I18nProvider } from './i18n';

// Failures are shown, not retried three times: a refused action or a 403 will not change by asking again.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
