import { applyConfigPatch, configFromEnv, defaultSimConfig, portFromEnv } from '../../../gateway/simulator/config';

describe('gateway simulator config', () => {
  it('uses the documented defaults when the environment sets nothing', () => {
    expect(configFromEnv({})).toEqual(defaultSimConfig);
    expect(defaultSimConfig).toMatchObject({
      deliverAfterMs: 200,
      viewAfterMs: 1000,
      referralSteps: 300,
      callbackUrl: 'http://127.0.0.1:3000/api/v1/gateway/notice-events',
      callbackSecret: 'dev-webhook-secret',
      token: 'dev-gateway-token',
    });
    expect(portFromEnv({})).toBe(7300);
  });

  it('reads every knob from its environment variable', () => {
    const config = configFromEnv({
      GATEWAY_SIM_FAIL_RATE: '0.1',
      GATEWAY_SIM_ACK_LOSS_RATE: '0.2',
      GATEWAY_SIM_LATENCY_MS: '50-200',
      GATEWAY_SIM_RATE_LIMIT: '20',
      GATEWAY_SIM_UNREGISTERED: '0012345678, 10101234567',
      GATEWAY_SIM_VIEW_AFTER_MS: '500',
      GATEWAY_SIM_NEVER_VIEW: 'true',
      GATEWAY_SIM_CALLBACK_FAIL_RATE: '0.3',
      GATEWAY_SIM_OUTAGE: '0',
      GATEWAY_SIM_PERSIST_FILE: '/tmp/sim.json',
      GATEWAY_CALLBACK_URL: 'http://127.0.0.1:4000/hook',
      GATEWAY_WEBHOOK_SECRET: 's3cret',
      GATEWAY_TOKEN: 't0ken',
    });
    expect(config).toMatchObject({
      failRate: 0.1,
      ackLossRate: 0.2,
      latencyMs: { min: 50, max: 200 },
      rateLimitPerSecond: 20,
      unregistered: ['0012345678', '10101234567'],
      viewAfterMs: 500,
      neverView: true,
      callbackFailRate: 0.3,
      outage: false,
      persistFile: '/tmp/sim.json',
      callbackUrl: 'http://127.0.0.1:4000/hook',
      callbackSecret: 's3cret',
      token: 't0ken',
    });
    expect(portFromEnv({ GATEWAY_SIM_PORT: '0' })).toBe(0);
  });

  it('reads a single latency as a fixed latency', () => {
    expect(configFromEnv({ GATEWAY_SIM_LATENCY_MS: '40' }).latencyMs).toEqual({ min: 40, max: 40 });
  });

  it.each([
    ['GATEWAY_SIM_FAIL_RATE', '1.5'],
    ['GATEWAY_SIM_FAIL_RATE', 'often'],
    ['GATEWAY_SIM_LATENCY_MS', '200-50'],
    ['GATEWAY_SIM_LATENCY_MS', 'fast'],
    ['GATEWAY_SIM_NEVER_VIEW', 'maybe'],
    ['GATEWAY_CALLBACK_URL', 'not a url'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => configFromEnv({ [name]: value })).toThrow();
  });

  it('applies a patch key by key and refuses unknown knobs', () => {
    const patched = applyConfigPatch(defaultSimConfig, { outage: true, unregistered: ['0012345678'] });
    expect(patched).toEqual({ ...defaultSimConfig, outage: true, unregistered: ['0012345678'] });
    expect(() => applyConfigPatch(defaultSimConfig, { outages: true })).toThrow();
  });
});
