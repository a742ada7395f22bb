/** Who is calling: the bearer JWT checked once per request, and the province, case and role rules built on it. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { Actor, Role } from '../domain/case';
import { roles, sides } from '../domain/case';
import { parseCaseNumber } from '../domain/ids';
import { provinceCodes } from '../domain/provinces';
import { ApiError } from './errors';

/** The claims Davar reads from a token; anything else in it is ignored. */
export const claimsSchema = z.object({
  sub: z.string().min(1).max(100),
  role: z.enum(roles),
  provinces: z.array(z.union([z.literal('*'), z.enum(provinceCodes)])).min(1),
  side: z.enum(sides).optional(),
  caseNumbers: z.array(z.string()).max(1000).optional(),
});
export type Claims = z.infer<typeof claimsSchema>;

export interface Principal extends Claims {
  /** What the workflow records as having acted. */
  actor: Actor;
  allProvinces: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

/** Turns a verified token's payload into the caller, or 401 when the claims Davar needs are missing or invalid. */
function principalFrom(payload: unknown): Principal {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthorized('the token lacks sub, role or provinces, or one of them is invalid');
  const { sub, role, side } = claims.data;
  return {
    ...claims.data,
    actor: side ? { userId: sub, role, side } : { userId: sub, role },
    allProvinces: claims.data.provinces.includes('*'),
  };
}

/** Dev mode: a token signed with the shared secret (`JWT_SECRET`, `npm run token`). */
export function verifyToken(token: string, secret: string): Principal {
  let payload: unknown;
  try {
    // The algorithm is pinned: a token must never choose how it is checked.
    payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'the token has expired' : 'the token is not valid';
    throw unauthorized(reason);
  }
  return principalFrom(payload);
}

/** Production mode: tokens signed by the identity provider's keys, published at `url` (`JWT_JWKS_URL`). */
export interface JwksOptions {
  url: string;
  /** `JWT_ISSUER`: when set, the token's `iss` must equal it. */
  issuer?: string;
  /** `JWT_AUDIENCE`: when set, the token's `aud` must contain it. */
  audience?: string;
}

/** `JWT_JWKS_URL` (with optional `JWT_ISSUER`, `JWT_AUDIENCE`) turns JWKS mode on; without it tokens are HS256. */
export function jwksFromEnv(env: NodeJS.ProcessEnv): JwksOptions | undefined {
  const url = env.JWT_JWKS_URL;
  if (!url) return undefined;
  // Fail at startup, not on the first request, when the URL is malformed.
  if (!['http:', 'https:'].includes(new URL(url).protocol)) throw new Error('JWT_JWKS_URL must be an http(s) URL');
  return { url, issuer: env.JWT_ISSUER || undefined, audience: env.JWT_AUDIENCE || undefined };
}

/** Checks a bearer token and returns the caller, or throws an `ApiError`. */
export type TokenVerifier = (token: string) => Principal | Promise<Principal>;

/** The asymmetric algorithms a JWKS token may use; HS256 (and `none`) are refused in this mode. */
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

/**
 * The key server is down, slow or answering garbage: the token may be fine, so this is no 401 (a client would
 * throw away a good token). Everything else jose throws is about the token itself.
 */
function isKeySetFailure(error: unknown): boolean {
  return (
    !(error instanceof joseErrors.JOSEError) ||
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid ||
    error.code === 'ERR_JOSE_GENERIC'
  );
}

class KeySetUnavailable extends ApiError {
  constructor(readonly reason: unknown) {
    super(503, 'auth_unavailable', 'the token signing keys could not be fetched; retry shortly');
  }
}

/**
 * One key set per app: jose caches it (10 minutes), and refetches it when a token names an unknown `kid`
 * (at most every 30 seconds), so a rotated key is picked up without a restart.
 */
export function jwksVerifier(options: JwksOptions): TokenVerifier {
  const keySet = createRemoteJWKSet(new URL(options.url));
  return async (token) => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        algorithms: JWKS_ALGORITHMS,
        issuer: options.issuer,
        audience: options.audience,
      }));
    } catch (error) {
      if (isKeySetFailure(error)) {
        throw new KeySetUnavailable(error);
      }
      throw unauthorized(error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid');
    }
    return principalFrom(payload);
  };
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Every /api/v1 route but the gateway webhook goes through this one middleware. A string is the dev HS256
 * secret; production passes `jwksVerifier(...)`. Verification may be async, so every failure goes to `next`.
 */
export function authenticate(verifier: string | TokenVerifier): RequestHandler {
  const verify: TokenVerifier = typeof verifier === 'string' ? (token) => verifyToken(token, verifier) : verifier;
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token) {
      next(unauthorized('a bearer token is required'));
      return;
    }
    Promise.resolve()
      .then(() => verify(token))
      .then(
        (principal) => {
          req.principal = principal;
          next();
        },
        (error: unknown) => {
          // The client sees only the 503; the reason (refused, timeout, bad JSON) is for the operator.
          if (error instanceof KeySetUnavailable) req.log?.warn({ err: error.reason }, 'JWKS could not be fetched');
          next(error);
        },
      );
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthorized('a bearer token is required');
  return req.principal;
}

export function canSeeProvince(principal: Principal, province: string): boolean {
  return principal.allProvinces || principal.provinces.some((p) => p === province);
}

export function assertProvince(principal: Principal, province: string): void {
  if (!canSeeProvince(principal, province)) {
    throw new ApiError(403, 'forbidden_province', `you have no access to cases of province ${province}`);
  }
}

export function requireRole(principal: Principal, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(principal.role)) {
    throw new ApiError(403, 'forbidden', `${principal.role} may not ${what}; it needs ${allowed.join(' or ')}`);
  }
}

/** The provinces a list may cover, or undefined for all of them. */
export function provinceScope(principal: Principal): string[] | undefined {
  return principal.allProvinces ? undefined : principal.provinces.filter((p) => p !== '*');
}

/** Engineers read everything but personal data: names, IDs, phones, addresses and free text are left out. */
export function seesPersonalData(principal: Principal): boolean {
  return principal.role !== 'engineer';
}

/**
 * Checks what the case number alone decides: it is well formed, in the caller's provinces and, for a party,
 * one of their own cases. Board membership needs the case itself: see `assertBoardMember`.
 */
export function assertCaseAccess(principal: Principal, caseNumber: string): void {
  const parts = parseCaseNumber(caseNumber);
  if (!parts) {
    throw new ApiError(400, 'invalid_case_number', `"${caseNumber}" is not a case number like THR-1405-000123`);
  }
  // The case number's prefix is its province, so the check needs no database.
  assertProvince(principal, parts.province);
  if (principal.role === 'party' && !(principal.caseNumbers ?? []).includes(caseNumber)) {
    throw new ApiError(403, 'forbidden', 'a party sees only their own cases');
  }
}

export function assertBoardMember(principal: Principal, memberIds: readonly string[]): void {
  if (principal.role === 'board_member' && !memberIds.includes(principal.sub)) {
    throw new ApiError(403, 'forbidden', 'a board member sees only the cases of boards they sit on');
  }
}
