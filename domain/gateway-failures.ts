/** The stable `ApplicationFailure` types a gateway adapter throws, so workflows and retry policies can name them. */

// Kept free of imports so workflow code can read it without pulling in an HTTP client.
export const GatewayFailureType = {
  /** Same Idempotency-Key, different payload: a bug in the caller, never fixed by retrying. */
  IdempotencyConflict: 'IdempotencyConflict',
  /** The recipient has no electronic account: the case falls back to service by hand. */
  RecipientNotRegistered: 'RecipientNotRegistered',
  /** The gateway found the request malformed (400); `details` carries its explanation. */
  InvalidRequest: 'InvalidRequest',
  /** 401 / 403: wrong or expired credentials; operators must act. */
  GatewayAuth: 'GatewayAuth',
  /** 404 on a status read: the gateway does not know the id. */
  GatewayNotFound: 'GatewayNotFound',
  /** 429: retry no sooner than the failure's `nextRetryDelay`. */
  GatewayRateLimited: 'GatewayRateLimited',
  /** 5xx, connection refused or reset, timeout: the request may or may not have taken effect. */
  GatewayUnavailable: 'GatewayUnavailable',
  /** The gateway answered outside the contract (unexpected status, malformed body). */
  GatewayProtocol: 'GatewayProtocol',
} as const;

export type GatewayFailureType = (typeof GatewayFailureType)[keyof typeof GatewayFailureType];

/** Types thrown with `nonRetryable: true`; listed for activity options that name them explicitly. */
export const nonRetryableGatewayFailureTypes: readonly GatewayFailureType[] = [
  GatewayFailureType.IdempotencyConflict,
  GatewayFailureType.RecipientNotRegistered,
  GatewayFailureType.InvalidRequest,
  GatewayFailureType.GatewayAuth,
  GatewayFailureType.GatewayNotFound,
  GatewayFailureType.GatewayProtocol,
];
