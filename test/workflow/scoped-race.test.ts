/**
 * `runScoped` keeps the exit of work that finished in the activation that also interrupted it: a stage's last change
 * of state and its exit are never split by a continue-as-new (the bug CI found on 2026-11-27: a sealed ruling kept,
 * the hearing not left, the next run taking it for a second instance). And work that withdraws the reason in that
 * activation goes on until the reason holds again (a run letting a gateway send finish before continuing as new
 * failed its workflow task with "a scoped run ended with neither a result nor an interruption"; CI, 2026-11-27).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { go, sendingQuery, sent, type ScopedRace, type WithdrawnInterruption } from './fixtures/scoped-race';

const address = process.env.DAVAR_TEST_TEMPORAL_ADDRESS;

/** Runs `scenario` with a worker for the fixtures on a task queue of its own. */
async function withFixtureWorker<T>(scenario: (client: Client, taskQueue: string) => Promise<T>): Promise<T> {
  if (!address)
    throw new Error('DAVAR_TEST_TEMPORAL_ADDRESS is not set: the workflow tier runs under test/global-setup.ts');
  const taskQueue = `scoped-race-${randomUUID()}`;
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./fixtures/scoped-race'),
    logger: new DefaultLogger('WARN'),
  });
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: bundle });
  try {
    return await worker.runUntil(() => scenario(new Client({ connection }), taskQueue));
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}

it('keeps the exit of work that finished as its interruption came, with the change it made', async () => {
  const result = await withFixtureWorker(async (client, taskQueue) => {
    const handle = await client.workflow.start<typeof ScopedRace>('ScopedRace', {
      taskQueue,
      workflowId: `scoped-race-${randomUUID()}`,
    });
    // One signal makes the work's condition and the interruption's true in the same activation.
    await handle.signal(go);
    return handle.result();
  });
  expect(result).toEqual({ outcome: 'done', changed: true });
});

it('goes on when the work queued in the interrupting activation withdraws the reason, and stops when it holds again', async () => {
  const result = await withFixtureWorker(async (client, taskQueue) => {
    const handle = await client.workflow.start<typeof WithdrawnInterruption>('WithdrawnInterruption', {
      taskQueue,
      workflowId: `withdrawn-${randomUUID()}`,
    });
    await handle.signal(go);
    // The reason came and was withdrawn in that activation; the run waits on (a query answers only from a run
    // whose task completed: before the fix, each attempt of that task failed).
    const deadline = Date.now() + 20_000;
    while (!(await handle.query(sendingQuery))) {
      if (Date.now() > deadline) throw new Error('the work never began its send');
      await new Promise((r) => setTimeout(r, 50));
    }
    await handle.signal(sent);
    return handle.result();
  });
  expect(result).toEqual({ outcome: 'interrupted', sending: false });
});
