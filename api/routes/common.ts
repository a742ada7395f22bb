/** Small pieces every route module uses: the case number and Idempotency-Key of a request, error responses. */
import type { Request } from 'express';
import type { Principal } from '../auth';
import { assertCaseAccess } from '../auth';
import { ApiError } from '../errors';
import { errorResponseSchema, idempotencyKeySchema } from '../schemas';

/** An error response in an operation's description. */
export const error = (description: string) => ({ description, schema: errorResponseSchema });

/** The `Idempotency-Key` header if present; a malformed one is refused rather than ignored. */
export function optionalIdempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined || key === '') return undefined;
  if (!idempotencyKeySchema.safeParse(key).success) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 printable ASCII characters');
  }
  return key;
}

export function requiredIdempotencyKey(req: Request): string {
  const key = optionalIdempotencyKey(req);
  if (!key) throw new ApiError(400, 'idempotency_key_required', 'the Idempotency-Key header is required');
  return key;
}

/** The case number of the route, checked against the caller's provinces and (for parties) their cases. */
export function caseNumberOf(req: Request, principal: Principal): string {
  const caseNumber = String(req.params.caseNumber);
  assertCaseAccess(principal, caseNumber);
  return caseNumber;
}
