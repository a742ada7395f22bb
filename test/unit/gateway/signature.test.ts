import { signPayload, verifySignature } from '../../../gateway/signature';

const secret = 'shared-secret';
const rawBody =
  '{"eventId":"e-1","noticeId":"n-1","idempotencyKey":"k","event":"delivered","at":"2026-01-01T00:00:00.000Z"}';
const now = 1_760_000_000;

describe('callback signatures', () => {
  it('signs as t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    expect(signPayload(secret, rawBody, now)).toMatch(/^t=1760000000,v1=[0-9a-f]{64}$/);
  });

  it('accepts a signature made with the same secret over the same bytes', () => {
    const header = signPayload(secret, rawBody, now);
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now + 10 })).toEqual({ ok: true });
    expect(verifySignature({ secret, header, rawBody: Buffer.from(rawBody), nowSeconds: now })).toEqual({ ok: true });
  });

  it('refuses a tampered body', () => {
    const header = signPayload(secret, rawBody, now);
    const tampered = rawBody.replace('delivered', 'viewed');
    expect(verifySignature({ secret, header, rawBody: tampered, nowSeconds: now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses a signature made with another secret', () => {
    const header = signPayload('other-secret', rawBody, now);
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toMatchObject({ reason: 'mismatch' });
  });

  it('refuses a changed timestamp, since the timestamp is signed too', () => {
    const header = signPayload(secret, rawBody, now).replace(`t=${now}`, `t=${now + 1}`);
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toMatchObject({ reason: 'mismatch' });
  });

  it('refuses a genuine signature older than the tolerance as stale', () => {
    const header = signPayload(secret, rawBody, now - 301);
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now, toleranceSeconds: 600 })).toEqual({ ok: true });
  });

  it('refuses a timestamp too far in the future as stale', () => {
    const header = signPayload(secret, rawBody, now + 301);
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toMatchObject({ reason: 'stale' });
  });

  it('reports a missing header as missing', () => {
    expect(verifySignature({ secret, header: undefined, rawBody, nowSeconds: now })).toMatchObject({
      reason: 'missing',
    });
    expect(verifySignature({ secret, header: '  ', rawBody, nowSeconds: now })).toMatchObject({ reason: 'missing' });
  });

  it.each([
    ['garbage'],
    ['t=abc,v1=' + 'a'.repeat(64)],
    [`t=${now}`],
    [`v1=${'a'.repeat(64)}`],
    [`t=${now},v1=xyz`],
    [`t=${now},v1=${'a'.repeat(63)}`],
    [`t=${now},t=${now},v1=${'a'.repeat(64)}`],
  ])('reports %s as malformed', (header) => {
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts a header carrying several v1 values when one of them matches', () => {
    const genuine = signPayload(secret, rawBody, now);
    const header = `t=${now},v1=${'0'.repeat(64)},${genuine.split(',')[1] ?? ''}`;
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toEqual({ ok: true });
  });
});
