/**
 * Which secrets are good enough for production: set, not a development default, and long enough to resist guessing.
 * The API, the worker and the gateway client refuse to start on anything else when NODE_ENV is production.
 */

const MIN_SECRET_BYTES = 32;
const DEFAULT_MARKERS = [/^dev-/i, /change-?me/i, /^secret$/i, /^password$/i];

/** Why `value` is not a production secret, or undefined when it is. */
export function weakSecretReason(value: string | undefined): string | undefined {
  if (!value) return 'is not set';
  if (DEFAULT_MARKERS.some((marker) => marker.test(value))) return 'is a development default';
  if (new TextEncoder().encode(value).length < MIN_SECRET_BYTES) return `is shorter than ${MIN_SECRET_BYTES} bytes`;
  return undefined;
}

/**
 * The secret named `name` from `env`: in production it must be strong (else this throws, naming the variable and
 * why, never the value); elsewhere a missing one falls back to `devDefault`.
 */
export function secretFrom(env: Record<string, string | undefined>, name: string, devDefault: string): string {
  const value = env[name];
  if (env.NODE_ENV === 'production') {
    const reason = weakSecretReason(value);
    if (reason)
      throw new Error(`${name} ${reason}: production needs a secret of at least ${MIN_SECRET_BYTES} random bytes`);
    return value as string;
  }
  return value || devDefault;
}
