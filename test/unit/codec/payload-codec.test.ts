import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { decode } from '@temporalio/common/lib/encoding';
import { keyringFromEnv } from '../../../codec/keys';
import { EncryptionCodec, KEY_ID_METADATA } from '../../../codec/payload-codec';

const key = () => randomBytes(32);
const ring = (current: string, entries: [string, Buffer][]) => ({ current, keys: new Map(entries) });

describe('the payload codec', () => {
  const k1 = key();
  const k2 = key();
  const payload = defaultPayloadConverter.toPayload({ nationalId: '0499370899', name: 'رضا احمدی' });

  it('seals a payload so that nothing of it shows, names its key, and opens it again', async () => {
    const codec = new EncryptionCodec(ring('k1', [['k1', k1]]));
    const [sealed] = await codec.encode([payload]);
    const bytes = Buffer.from(sealed?.data ?? []);
    expect(bytes.includes(Buffer.from('0499370899'))).toBe(false);
    expect(bytes.includes(Buffer.from('رضا'))).toBe(false);
    expect(decode(sealed?.metadata?.[KEY_ID_METADATA] ?? new Uint8Array())).toBe('k1');
    const [opened] = await codec.decode(sealed ? [sealed] : []);
    expect(defaultPayloadConverter.fromPayload(opened ?? payload)).toEqual({
      nationalId: '0499370899',
      name: 'رضا احمدی',
    });
  });

  it('opens what an old key sealed after rotation, and seals anew with the new key', async () => {
    const [old] = await new EncryptionCodec(ring('k1', [['k1', k1]])).encode([payload]);
    const rotated = new EncryptionCodec(
      ring('k2', [
        ['k2', k2],
        ['k1', k1],
      ]),
    );
    const [opened] = await rotated.decode(old ? [old] : []);
    expect(defaultPayloadConverter.fromPayload(opened ?? payload)).toEqual(
      defaultPayloadConverter.fromPayload(payload),
    );
    const [fresh] = await rotated.encode([payload]);
    expect(decode(fresh?.metadata?.[KEY_ID_METADATA] ?? new Uint8Array())).toBe('k2');
  });

  it('refuses a payload whose key is gone, and one that was tampered with', async () => {
    const [sealed] = await new EncryptionCodec(ring('k1', [['k1', k1]])).encode([payload]);
    if (!sealed?.data) throw new Error('nothing sealed');
    await expect(new EncryptionCodec(ring('k2', [['k2', k2]])).decode([sealed])).rejects.toThrow(/no key "k1"/);
    const tampered = { ...sealed, data: Buffer.from(sealed.data).fill(1, 20, 21) };
    await expect(new EncryptionCodec(ring('k1', [['k1', k1]])).decode([tampered])).rejects.toThrow();
  });

  it('passes payloads that were never sealed through unchanged', async () => {
    const codec = new EncryptionCodec(ring('k1', [['k1', k1]]));
    expect(await codec.decode([payload])).toEqual([payload]);
  });
});

describe('the keyring from the environment', () => {
  const b64 = (b: Buffer) => b.toString('base64');
  it('takes the first key to seal and all to open', () => {
    const a = key();
    const b = key();
    const keyring = keyringFromEnv({ DAVAR_CODEC_KEYS: `new:${b64(a)}, old:${b64(b)}` });
    expect(keyring.current).toBe('new');
    expect([...keyring.keys.keys()]).toEqual(['new', 'old']);
  });

  it('falls back to the development key outside production and refuses it in production', () => {
    expect(keyringFromEnv({}).current).toBe('dev');
    expect(() => keyringFromEnv({ NODE_ENV: 'production' })).toThrow(/DAVAR_CODEC_KEYS is not set/);
    expect(() => keyringFromEnv({ NODE_ENV: 'production', DAVAR_CODEC_KEYS: `dev:${b64(key())}` })).toThrow(
      /development key/,
    );
    expect(() => keyringFromEnv({ DAVAR_CODEC_KEYS: 'k:c2hvcnQ=' })).toThrow(/32 random bytes/);
  });
});
