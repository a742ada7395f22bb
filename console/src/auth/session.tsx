/** Who is signed in: the bearer token (kept for this browser tab only) and the claims read from it for display. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { roles, sides } from '../../../domain/vocabulary';

const STORAGE_KEY = 'davar.token';

const claimsSchema = z.object({
  sub: z.string(),
  role: z.enum(roles),
  provinces: z.array(z.string()).optional(),
  side: z.enum(sides).optional(),
  nationalId: z.string().optional(),
  name: z.string().optional(),
  exp: z.number(),
});
export type Claims = z.infer<typeof claimsSchema>;

/**
 * The token's claims, unverified: the API verifies every request; the console only needs to know whom to greet
 * and which menu to show. An expired or unreadable token counts as no token.
 */
export function readClaims(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = claimsSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (!claims.success || claims.data.exp * 1000 < Date.now()) return undefined;
    return claims.data;
  } catch {
    return undefined;
  }
}

export interface Session {
  token: string;
  claims: Claims;
}

interface SessionContextValue {
  session?: Session;
  signIn(token: string): boolean;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function stored(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  const claims = token ? readClaims(token) : undefined;
  return token && claims ? { token, claims } : undefined;
}

export function currentToken(): string | undefined {
  return stored()?.token;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(stored);
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      signIn(token) {
        const claims = readClaims(token.trim());
        if (!claims) return false;
        sessionStorage.setItem(STORAGE_KEY, token.trim());
        setSession({ token: token.trim(), claims });
        return true;
      },
      signOut() {
        sessionStorage.removeItem(STORAGE_KEY);
        setSession(undefined);
      },
    }),
    [session],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Pages behind sign-in use this: the session is there. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}
