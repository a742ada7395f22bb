/** The simulator's knobs: their schema, defaults, and how they are read from the environment. */
import { z } from 'zod';

const rate = z.number().min(0).max(1);
const millis = z.number().int().nonnegative();
const ids = z.array(z.string().min(1));

const latencySchema = z
  .strictObject({ min: millis, max: millis })
  .refine((latency) => latency.min <= latency.max, { message: 'latencyMs.min must not exceed latencyMs.max' });

const fields = {
  /** Share of /v1 requests answered 503 before anything is done. */
  failRate: rate,
  /** Share of accepted POSTs whose answer is dropped by destroying the socket. */
  ackLossRate: rate,
  latencyMs: latencySchema,
  /** Requests per second across all /v1 routes; 0 turns the limit off. */
  rateLimitPerSecond: z.number().nonnegative(),
  /**
   * Attempts per Idempotency-Key answered 429 + Retry-After: 2 before the key is served, whatever the rate: a
   * throttle a test can count on, where the bucket's 429s depend on how fast a busy machine sends.
   */
  throttleFirstAttempts: z.number().int().min(0).max(10),
  /** Recipient IDs (national or legal entity) answered 422 recipient_not_registered. */
  unregistered: ids,
  deliverAfterMs: millis,
  /** Recipient IDs whose notices end `failed` instead of `delivered`. */
  failDelivery: ids,
  /** Counted from delivery. */
  viewAfterMs: millis,
  neverView: z.boolean(),
  /** Share of callbacks dropped without being sent. */
  callbackFailRate: rate,
  /** Attempts per callback when Davar refuses it or cannot be reached (1 = no retry). */
  callbackMaxAttempts: z.number().int().min(1).max(20),
  /** First retry delay; doubles on each further attempt. */
  callbackRetryBaseMs: millis,
  outage: z.boolean(),
  callbackUrl: z.url(),
  callbackSecret: z.string().min(1),
  token: z.string().min(1),
  /** Time between referral status steps. */
  referralSteps: millis,
  /** caseRefs whose referrals end `rejected`. */
  rejectReferralsFor: ids,
  persistFile: z.string().min(1).optional(),
};

export const simConfigSchema = z.strictObject(fields);
export const simConfigPatchSchema = z.strictObject(fields).partial();

export type SimConfig = z.infer<typeof simConfigSchema>;
export type SimConfigPatch = z.infer<typeof simConfigPatchSchema>;

export const defaultSimConfig: SimConfig = {
  failRate: 0,
  ackLossRate: 0,
  latencyMs: { min: 0, max: 0 },
  rateLimitPerSecond: 0,
  throttleFirstAttempts: 0,
  unregistered: [],
  deliverAfterMs: 200,
  failDelivery: [],
  viewAfterMs: 1000,
  neverView: false,
  callbackFailRate: 0,
  callbackMaxAttempts: 4,
  callbackRetryBaseMs: 200,
  outage: false,
  callbackUrl: 'http://127.0.0.1:3000/api/v1/gateway/notice-events',
  callbackSecret: 'dev-webhook-secret',
  token: 'dev-gateway-token',
  referralSteps: 300,
  rejectReferralsFor: [],
};

/** Applies a patch (top-level keys replace, `latencyMs` included) and validates the result; throws a ZodError. */
export function applyConfigPatch(current: SimConfig, patch: unknown): SimConfig {
  const parsedPatch = simConfigPatchSchema.parse(patch);
  return simConfigSchema.parse({ ...current, ...parsedPatch });
}

export const DEFAULT_SIM_PORT = 7300;

type Env = Record<string, string | undefined>;

function envNumber(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

function envBoolean(env: Env, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function envList(env: Env, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function envString(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function envLatency(env: Env, name: string): { min: number; max: number } | undefined {
  const raw = envString(env, name);
  if (raw === undefined) return undefined;
  // "50-200", or "100" for a fixed latency.
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(raw);
  if (!match) throw new Error(`${name} must be "<min>-<max>" in ms, got "${raw}"`);
  const min = Number(match[1]);
  return { min, max: match[2] === undefined ? min : Number(match[2]) };
}

/** Knobs from GATEWAY_SIM_* (and the shared GATEWAY_* names); unset or empty variables keep the defaults. */
export function configFromEnv(env: Env): SimConfig {
  const fromEnv: Partial<Record<keyof SimConfig, unknown>> = {
    failRate: envNumber(env, 'GATEWAY_SIM_FAIL_RATE'),
    ackLossRate: envNumber(env, 'GATEWAY_SIM_ACK_LOSS_RATE'),
    latencyMs: envLatency(env, 'GATEWAY_SIM_LATENCY_MS'),
    rateLimitPerSecond: envNumber(env, 'GATEWAY_SIM_RATE_LIMIT'),
    throttleFirstAttempts: envNumber(env, 'GATEWAY_SIM_THROTTLE_FIRST_ATTEMPTS'),
    unregistered: envList(env, 'GATEWAY_SIM_UNREGISTERED'),
    deliverAfterMs: envNumber(env, 'GATEWAY_SIM_DELIVER_AFTER_MS'),
    failDelivery: envList(env, 'GATEWAY_SIM_FAIL_DELIVERY'),
    viewAfterMs: envNumber(env, 'GATEWAY_SIM_VIEW_AFTER_MS'),
    neverView: envBoolean(env, 'GATEWAY_SIM_NEVER_VIEW'),
    callbackFailRate: envNumber(env, 'GATEWAY_SIM_CALLBACK_FAIL_RATE'),
    outage: envBoolean(env, 'GATEWAY_SIM_OUTAGE'),
    callbackUrl: envString(env, 'GATEWAY_CALLBACK_URL'),
    callbackSecret: envString(env, 'GATEWAY_WEBHOOK_SECRET'),
    token: envString(env, 'GATEWAY_TOKEN'),
    referralSteps: envNumber(env, 'GATEWAY_SIM_REFERRAL_STEPS_MS'),
    rejectReferralsFor: envList(env, 'GATEWAY_SIM_REJECT_REFERRALS'),
    persistFile: envString(env, 'GATEWAY_SIM_PERSIST_FILE'),
  };
  const set = Object.fromEntries(Object.entries(fromEnv).filter(([, value]) => value !== undefined));
  const parsed = simConfigSchema.safeParse({ ...defaultSimConfig, ...set });
  if (!parsed.success) throw new Error(`Invalid gateway simulator environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function portFromEnv(env: Env): number {
  const port = envNumber(env, 'GATEWAY_SIM_PORT') ?? DEFAULT_SIM_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`GATEWAY_SIM_PORT out of range: ${port}`);
  return port;
}
