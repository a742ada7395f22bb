/**
 * The codec's keyring from the environment: `DAVAR_CODEC_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>"`, the
 * first sealing. Development falls back to one fixed key (`dev`); production refuses to start without real keys.
 */
import { createHash } from 'node:crypto';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, type Keyring } from './payload-codec';

export const DEV_KEY_ID = 'dev';
/** Not a secret: development data only, and `NODE_ENV=production` refuses it. */
const devKey = () => createHash('sha256').update('davar development payload key').digest();

export function keyringFromEnv(env: Record<string, string | undefined>): Keyring {
  const spec = env.DAVAR_CODEC_KEYS;
  if (!spec) {
    if (env.NODE_ENV === 'production')
      throw new Error('DAVAR_CODEC_KEYS is not set: production needs its own payload keys');
    return { current: DEV_KEY_ID, keys: new Map([[DEV_KEY_ID, devKey()]]) };
  }
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, material] = entry.split(':');
    const key = Buffer.from(material ?? '', 'base64');
    if (!id || !/^[\w.-]{1,64}$/.test(id) || key.length !== 32) {
      throw new Error(`DAVAR_CODEC_KEYS: "${id ?? ''}" must be <id>:<base64 of 32 random bytes>`);
    }
    if (env.NODE_ENV === 'production' && id === DEV_KEY_ID)
      throw new Error('DAVAR_CODEC_KEYS: the development key is refused in production');
    keys.set(id, key);
  }
  const current = spec.split(',')[0]?.split(':')[0]?.trim() ?? '';
  return { current, keys };
}

/** The data converter every client, worker and replayer of Davar uses: the same keys everywhere. */
export function dataConverterFromEnv(env: Record<string, string | undefined> = process.env): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyringFromEnv(env))] };
}
