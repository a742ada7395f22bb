/** Who is calling: the bearer JWT checked once per request, and the province, case and role rules built on it. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
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

export function verifyToken(token: string, secret: string): Principal {
  let payload: unknown;
  try {
    // The algorithm is pinned: a token must never choose how it is checked.
    payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'the token has expired' : 'the token is not valid';
    throw unauthorized(reason);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthorized('the token lacks sub, role or provinces, or one of them is invalid');
  const { sub, role, side } = claims.data;
  return {
    ...claims.data,
    actor: side ? { userId: sub, role, side } : { userId: sub, role },
    allProvinces: claims.data.provinces.includes('*'),
  };
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Every /api/v1 route but the gateway webhook goes through this one middleware. */
export function authenticate(secret: string): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token) throw unauthorized('a bearer token is required');
    req.principal = verifyToken(token, secret);
    next();
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
