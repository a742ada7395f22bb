/**
 * The read model's change notices on a real PostgreSQL: a projection that commits wakes the reads waiting for its
 * case and no other; one that fails wakes nobody; closing wakes everyone; a database that cannot be reached makes a
 * watch come back empty (the read answers at once) instead of failing it.
 */
import knexFactory from 'knex';
import pino from 'pino';
import { CaseChanges, type CaseWatch } from '../../../db/read-model/changes';
import { projectCase } from '../../../db/read-model/writer';
import { entry, snapshot } from '../../helpers/projections';
import { testSchema, type TestSchema } from '../../helpers/schema';

let schema: TestSchema;
let changes: CaseChanges;
const quiet = pino({ level: 'silent' });

beforeAll(async () => {
  schema = await testSchema();
  changes = new CaseChanges(schema.db, quiet);
});
afterAll(async () => {
  await changes?.close();
  await schema?.drop();
});

/** A watch, and whether it has been woken so far. */
async function watching(caseNumber: string) {
  const watch = await changes.watch(caseNumber);
  if (!watch) throw new Error('PostgreSQL is reachable: the watch should have started');
  const seen = { woken: false, watch };
  void watch.changed.then(() => (seen.woken = true));
  return seen;
}

/** Projects a case and waits for its own notice: notices arrive in commit order, so earlier ones are in by then. */
async function projectAndSee(caseNumber: string, seq: number) {
  const own = await watching(caseNumber);
  await projectCase(schema.db, { snapshot: snapshot(caseNumber), entries: [entry(seq, `entry ${seq}`)] });
  await own.watch.changed;
  expect(own.woken).toBe(true);
}

test('a projection wakes the reads waiting for its case, and only those', async () => {
  const first = await watching('THR-1405-000201');
  const second = await watching('THR-1405-000201');
  const other = await watching('THR-1405-000202');
  await projectAndSee('THR-1405-000201', 1);
  expect(first.woken).toBe(true);
  expect(second.woken).toBe(true);
  // Another case's projection, committed after, has been seen: had this one been woken, it would be by now.
  await projectAndSee('THR-1405-000203', 1);
  expect(other.woken).toBe(false);
  other.watch.cancel();
});

test('a projection that fails wakes nobody', async () => {
  const caseNumber = 'THR-1405-000204';
  const waiting = await watching(caseNumber);
  const notice = snapshot(caseNumber).notices[0];
  if (!notice) throw new Error('the snapshot has a notice');
  await expect(
    projectCase(schema.db, { snapshot: snapshot(caseNumber, { notices: [notice, notice] }), entries: [entry(1, 'x')] }),
  ).rejects.toThrow(/cannot affect row a second time/);
  await projectAndSee('THR-1405-000205', 1);
  expect(waiting.woken).toBe(false);
  waiting.watch.cancel();
});

test('cancelling a watch resolves it; closing wakes every waiter and later watches come back empty', async () => {
  const cancelled = await watching('THR-1405-000206');
  cancelled.watch.cancel();
  await cancelled.watch.changed;
  expect(cancelled.woken).toBe(true);

  const own = new CaseChanges(schema.db, quiet);
  const waiting: CaseWatch | undefined = await own.watch('THR-1405-000207');
  expect(waiting).toBeDefined();
  await own.close();
  await waiting?.changed;
  await expect(own.watch('THR-1405-000207')).resolves.toBeUndefined();
});

test('a database that cannot be reached: the watch comes back empty, nothing throws', async () => {
  const unreachable = knexFactory({
    client: 'pg',
    // Port 1 refuses at once on this host: no wait for a timeout.
    connection: { connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 },
  });
  const lonely = new CaseChanges(unreachable, quiet);
  try {
    await expect(lonely.watch('THR-1405-000208')).resolves.toBeUndefined();
  } finally {
    await lonely.close();
    await unreachable.destroy();
  }
});
