/** Stops what global-setup started. */
export default async function globalTeardown(): Promise<void> {
  const env = globalThis.__davarTestEnv;
  if (!env) return;
  await env.stop();
}
