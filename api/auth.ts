/** Who is calling: the bearer JWT checked once per request, and the province, case and role rules built on it. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Actor, Role } from '../domain/case';
import { roles, sides } from '../domain/case';
import { parseCaseNumber } from '../domain/ids';
import { provinceCodes } from '../domain/provinces';
import { printableId, safeText } from '../domain/text';
import { ApiError } from './errors';

/** A token lives at most this long: a stolen one is of little use for long. */
export const MAX_TOKEN_LIFETIME_S = 12 * 3600;

/**
 * The claims Davar reads from a token; anything else in it is ignored. Staff carry their provinces (`["*"]` for
 * engineers only); a party carries its side and its national ID (a person's 10 digits or a company's 11) as the
 * government sign-in asserts them, and no list of cases: its cases are those where that ID is that side's party.
 */
export const claimsSchema = z
  .object({
    sub: printableId(100),
    role: z.enum(roles),
    provinces: z
      .array(z.union([z.literal('*'), z.enum(provinceCodes)]))
      .min(1)
      .optional(),
    side: z.enum(sides).optional(),
    nationalId: z
      .string()
      .regex(/^(\d{10}|\d{11})$/, 'must be 10 or 11 digits')
      .optional(),
    name: safeText(200, { multiline: false }).optional(),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .superRefine((claims, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (claims.exp - claims.iat > MAX_TOKEN_LIFETIME_S || claims.exp <= claims.iat) {
      problem(`a token lives at most ${MAX_TOKEN_LIFETIME_S / 3600} hours (exp − iat)`);
    }
    if (claims.role === 'party') {
      if (!claims.side || !claims.nationalId) problem('a party token carries side and nationalId');
    } else if (!claims.provinces) {
      problem('a staff token carries provinces');
    } else if (claims.provinces.includes('*') && claims.role !== 'engineer') {
      problem('provinces ["*"] is for engineers only');
    }
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
    /** Why the bearer token was refused: kept until the rate limiter has counted the request. */
    authError?: ApiError;
  }
}

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

/** Turns a verified token's payload into the caller, or 401 when the claims Davar needs are missing or invalid. */
function principalFrom(payload: unknown): Principal {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) {
    throw unauthorized(`the token's claims are not valid: ${claims.error.issues.map((i) => i.message).join('; ')}`);
  }
  const { sub, role, side, nationalId } = claims.data;
  return {
    ...claims.data,
    actor: role === 'party' ? { userId: sub, role, side, nationalId } : { userId: sub, role },
    allProvinces: claims.data.provinces?.includes('*') ?? false,
  };
}

const verifyFailure = (error: unknown) =>
  unauthorized(error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid');

/** Dev mode: a token signed with the shared secret (`JWT_SECRET`, `npm run token`). */
export async function verifyToken(token: string, secret: string): Promise<Principal> {
  let payload: unknown;
  try {
    // The algorithm is pinned: a token must never choose how it is checked.
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    throw verifyFailure(error);
  }
  return principalFrom(payload);
}

/** Signs a token with the shared secret: `npm run token`, the console's dev sign-in and the tests. */
export async function signDevToken(
  claims: Omit<Claims, 'iat' | 'exp'>,
  secret: string,
  lifetimeS = 8 * 3600,
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeS)
    .sign(new TextEncoder().encode(secret));
}

/** Production mode: tokens signed by the identity provider's keys, published at `url` (`JWT_JWKS_URL`). */
export interface JwksOptions {
  url: string;
  /** `JWT_ISSUER`: the token's `iss` must equal it. */
  issuer: string;
  /** `JWT_AUDIENCE`: the token's `aud` must contain it. */
  audience: string;
}

/**
 * `JWT_JWKS_URL` turns JWKS mode on, and then `JWT_ISSUER` and `JWT_AUDIENCE` are required: a key set shared by
 * several applications would otherwise let a token minted for one of them into Davar.
 */
export function jwksFromEnv(env: NodeJS.ProcessEnv): JwksOptions | undefined {
  const url = env.JWT_JWKS_URL;
  if (!url) return undefined;
  // Fail at startup, not on the first request, when the URL is malformed.
  if (!['http:', 'https:'].includes(new URL(url).protocol)) throw new Error('JWT_JWKS_URL must be an http(s) URL');
  const issuer = env.JWT_ISSUER;
  const audience = env.JWT_AUDIENCE;
  if (!issuer || !audience) throw new Error('with JWT_JWKS_URL, JWT_ISSUER and JWT_AUDIENCE must be set too');
  return { url, issuer, audience };
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
        requiredClaims: ['exp', 'iat', 'iss', 'aud'],
      }));
    } catch (error) {
      if (isKeySetFailure(error)) {
        throw new KeySetUnavailable(error);
      }
      throw verifyFailure(error);
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
 * Every /api/v1 route but the gateway webhook goes through this one middleware. A string is the dev HS256 secret;
 * production passes `jwksVerifier(...)`. A refused token is not answered here but kept on the request, so the rate
 * limiter (next) counts it by client address before `rejectUnauthenticated` answers 401.
 */
export function authenticate(verifier: string | TokenVerifier): RequestHandler {
  const verify: TokenVerifier = typeof verifier === 'string' ? (token) => verifyToken(token, verifier) : verifier;
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token) {
      req.authError = unauthorized('a bearer token is required');
      next();
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
          if (error instanceof ApiError) req.authError = error;
          next(error instanceof ApiError ? undefined : error);
        },
      );
  };
}

/** Answers 401 (or 503 when the key set is down) for a request whose token was refused. */
export const rejectUnauthenticated: RequestHandler = (req, _res, next) => {
  next(req.principal ? undefined : (req.authError ?? unauthorized('a bearer token is required')));
};

export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthorized('a bearer token is required');
  return req.principal;
}

export function canSeeProvince(principal: Principal, province: string): boolean {
  // A party's cases are found by its ID, in any province: the check that matters is `isPartyOf`.
  if (principal.role === 'party') return true;
  return principal.allProvinces || (principal.provinces ?? []).some((p) => p === province);
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
  if (principal.allProvinces || principal.role === 'party') return undefined;
  return (principal.provinces ?? []).filter((p) => p !== '*');
}

/** Whether a party's token names this side of the case: its national ID is that side's party's. */
export function isPartyOf(
  principal: Pick<Principal, 'role' | 'side' | 'nationalId'>,
  parties: { complainant: { nationalId: string }; respondent: { nationalId?: string; legalEntityId?: string } },
): boolean {
  if (principal.role !== 'party' || !principal.nationalId) return false;
  if (principal.side === 'complainant') return parties.complainant.nationalId === principal.nationalId;
  const { nationalId, legalEntityId } = parties.respondent;
  return principal.side === 'respondent' && (legalEntityId ?? nationalId) === principal.nationalId;
}

export function assertPartyOf(principal: Principal, parties: Parameters<typeof isPartyOf>[1]): void {
  if (principal.role === 'party' && !isPartyOf(principal, parties)) {
    throw new ApiError(403, 'forbidden', 'a party sees only the cases where it is a party');
  }
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
  // The case number's prefix is its province, so the check needs no database. A party is checked against the
  // case's parties once the case is read (`assertPartyOf`), and by the workflow on every action.
  assertProvince(principal, parts.province);
}

export function assertBoardMember(principal: Principal, memberIds: readonly string[]): void {
  if (principal.role === 'board_member' && !memberIds.includes(principal.sub)) {
    throw new ApiError(403, 'forbidden', 'a board member sees only the cases of boards they sit on');
  }
}
