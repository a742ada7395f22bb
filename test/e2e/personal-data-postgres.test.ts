/**
 * On the server engine, personal data stays out of Temporal's PostgreSQL databases too: every text, JSON and byte
 * column of the persistence and visibility databases is searched for a filed case's national IDs, name and
 * statement. The dev engine's SQLite file is searched by personal-data.test.ts; this file needs Temporal Server
 * (`DAVAR_ENGINE=server`, as CI runs the integration tier a second time) and says so when it does not run.
 */
import { Client } from 'pg';
import type { TemporalDatabases } from '../../scripts/lib/server-engine/schema';
import { startStack, type Stack } from '../helpers/stack';
import { call, eventually, fileCase, filing } from './helpers';

const databases = process.env.DAVAR_TEST_TEMPORAL_DATABASES
  ? (JSON.parse(process.env.DAVAR_TEST_TEMPORAL_DATABASES) as TemporalDatabases)
  : undefined;

let stack: Stack;
beforeAll(async () => {
  if (databases) stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

function urlOf(database: string): string {
  const url = new URL(process.env.DAVAR_TEST_DATABASE_URL ?? '');
  url.pathname = `/${database}`;
  return url.toString();
}

/** Rows of any text, JSON or byte column in `database` that hold `value` (as UTF-8). */
async function occurrences(database: string, values: string[]): Promise<{ value: string; where: string }[]> {
  const client = new Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table: string; column: string; type: string }>(
      `SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('bytea', 'text', 'character varying', 'jsonb', 'json')`,
    );
    const found: { value: string; where: string }[] = [];
    for (const { table, column, type } of columns) {
      const asBytes = type === 'bytea' ? `"${column}"` : `convert_to("${column}"::text, 'UTF8')`;
      for (const value of values) {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${table}" WHERE position(convert_to($1, 'UTF8') IN ${asBytes}) > 0`,
          [value],
        );
        if (Number(rows[0]?.n) > 0) found.push({ value, where: `${table}.${column}` });
      }
    }
    return found;
  } finally {
    await client.end();
  }
}

const onServer = databases ? it : it.skip;

onServer('keeps national IDs, names and statements out of Temporal Server’s PostgreSQL (server engine)', async () => {
  if (!databases) throw new Error('unreachable: the test runs on the server engine only');
  const clerk = await stack.token({ role: 'clerk', provinces: ['THR'] });
  const body = filing({ statement: 'کارفرما حق بیمه را پرداخت نکرده است' });
  const caseNumber = await fileCase(stack, clerk, body);
  const accepted = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, { token: clerk });
  expect(accepted.status).toBe(200);
  // The case's own ID is stored in the clear: finding it proves the search reads the rows the case wrote.
  await eventually(
    async () => ((await occurrences(databases.persistence, [`case-${caseNumber}`])).length ? true : undefined),
    15_000,
    'the case in Temporal’s persistence database',
  );
  const secrets = [
    body.complainant.nationalId,
    body.respondent.legalEntityId ?? '',
    body.complainant.name,
    body.statement,
  ];
  const found = [
    ...(await occurrences(databases.persistence, secrets)),
    ...(await occurrences(databases.visibility, secrets)),
  ];
  console.log(
    `searched every text, JSON and byte column of ${databases.persistence} and ${databases.visibility} ` +
      `for ${secrets.length} personal values: ${found.length} found`,
  );
  expect(found).toEqual([]);
});
