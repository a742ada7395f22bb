/**
 * `runScoped` keeps the exit of work that finished in the activation that also interrupted it: a stage's last change
 * of state and its exit are never split by a continue-as-new (the bug CI found on 2026-11-27: a sealed ruling kept,
 * the hearing not left, the next run taking it for a second instance).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { go, type ScopedRace } from './fixtures/scoped-race';

const address = process.env.DAVAR_TEST_TEMPORAL_ADDRESS;

it('keeps the exit of work that finished as its interruption came, with the change it made', async () => {
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
    const result = await worker.runUntil(async () => {
      const client = new Client({ connection });
      const handle = await client.workflow.start<typeof ScopedRace>('ScopedRace', {
        taskQueue,
        workflowId: `scoped-race-${randomUUID()}`,
      });
      // One signal makes the work's condition and the interruption's true in the same activation.
      await handle.signal(go);
      return handle.result();
    });
    expect(result).toEqual({ outcome: 'done', changed: true });
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
});
