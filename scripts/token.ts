/**
 * `npm run token -- --role officer --provinces THR [--sub u1] [--side respondent] [--cases THR-1405-000001]
 * [--secret X] [--expires 12h]` prints a dev JWT the API accepts (HS256 with JWT_SECRET, else 'dev-jwt-secret').
 */
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { claimsSchema } from '../api/auth';

const usage =
  'usage: npm run token -- --role <clerk|officer|board_member|supervisor|engineer|party> [--provinces THR,ISF|*]\n' +
  '       [--sub user-id] [--side complainant|respondent] [--cases THR-1405-000001,…] [--secret s] [--expires 12h]';

function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      provinces: { type: 'string', default: '*' },
      sub: { type: 'string' },
      side: { type: 'string' },
      cases: { type: 'string' },
      secret: { type: 'string' },
      expires: { type: 'string', default: '12h' },
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
  // The API's own claims schema: a token this prints is one the API accepts.
  const claims = claimsSchema.safeParse({
    sub: values.sub ?? `${values.role}-dev`,
    role: values.role,
    provinces: list(values.provinces),
    side: values.side,
    caseNumbers: list(values.cases),
  });
  if (!claims.success) {
    console.error(claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    console.error(usage);
    process.exit(2);
  }
  const secret = values.secret ?? process.env.JWT_SECRET ?? 'dev-jwt-secret';
  const expiresIn = values.expires as jwt.SignOptions['expiresIn'];
  console.log(jwt.sign(claims.data, secret, { algorithm: 'HS256', expiresIn }));
}

main();
