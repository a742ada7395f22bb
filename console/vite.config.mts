/** Builds the console into console/dist, which the API serves at `/`; `npm run console:dev` proxies the API. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.DAVAR_API_URL ?? 'http://127.0.0.1:3000';
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  // The console imports a few pure modules of domain/ (ID check digits, Art. 165 remedies, the vocabulary).
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: Object.fromEntries(['/api', '/openapi.json', '/codec'].map((path) => [path, api])),
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
