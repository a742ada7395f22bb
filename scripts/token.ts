/**
 * `npm run token -- --role officer --provinces THR [--sub u1] [--name "…"] [--hours 8]`, or for a party
 * `--role party --side complainant --national-id 0499370899`, prints a dev JWT the API accepts (HS256 with
 * JWT_SECRET, else 'dev-jwt-secret').
 */
import { parseArgs } from 'node:util';
import { claimsSchema, MAX_TOKEN_LIFETIME_S, signDevToken } from '../api/auth';

const usage =
  'usage: npm run token -- --role <clerk|officer|board_member|supervisor|engineer|party> [--provinces THR,ISF]\n' +
  '       [--sub user-id] [--name "…"] [--side complainant|respondent --national-id ID] [--secret s] [--hours 8]\n' +
  '       (provinces "*" is for engineers only; a token lives at most 12 hours)';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      provinces: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      side: { type: 'string' },
      'national-id': { type: 'string' },
      secret: { type: 'string' },
      hours: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.role) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  const list = (s: string | undefined) =>
    s
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const lifetime = Math.round(Number(values.hours) * 3600);
  const now = Math.floor(Date.now() / 1000);
  // The API's own claims schema: a token this prints is one the API accepts.
  const claims = claimsSchema.safeParse({
    sub: values.sub ?? `${values.role}-dev`,
    role: values.role,
    // A party's cases are found by its ID, not by province.
    provinces:
      values.role === 'party'
        ? list(values.provinces)
        : list(values.provinces ?? (values.role === 'engineer' ? '*' : 'THR')),
    name: values.name,
    side: values.side,
    nationalId: values['national-id'],
    iat: now,
    exp: now + lifetime,
  });
  if (!claims.success) {
    console.error(claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    console.error(usage);
    process.exit(2);
  }
  const secret = values.secret ?? process.env.JWT_SECRET ?? 'dev-jwt-secret';
  const { iat: _iat, exp: _exp, ...rest } = claims.data;
  console.log(await signDevToken(rest, secret, Math.min(lifetime, MAX_TOKEN_LIFETIME_S)));
}

void main();
