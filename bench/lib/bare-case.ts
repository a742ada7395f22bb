/**
 * One bare case: the baseline workflow started with a Davar case's shape, its updates and signals sent in the
 * order the Davar case received them, by a client without codec, API or database in between.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Message, Shape } from '../baseline/shape-types';
import { bareSignal, bareUpdate, type BareCaseWorkflow } from '../baseline/workflow';
import { BARE_TASK_QUEUE } from './bench-stack';
import type { Samples } from './stats';

export async function startBare(client: Client, shape: Shape) {
  return client.workflow.start<typeof BareCaseWorkflow>('BareCaseWorkflow', {
    workflowId: `bare-${randomUUID()}`,
    taskQueue: BARE_TASK_QUEUE,
    args: [shape],
  });
}

/** Runs one bare case to its end; `start` and each update's time go into `actions`; returns the case's time. */
export async function runBareCase(
  client: Client,
  shape: Shape,
  messages: readonly Message[],
  actions: Samples,
): Promise<number> {
  const began = performance.now();
  const handle = await startBare(client, shape);
  actions.add('workflow.start', performance.now() - began);
  for (const message of messages) {
    if (message.kind === 'signal') {
      await handle.signal(bareSignal, message.name);
      continue;
    }
    const sent = performance.now();
    await handle.executeUpdate(bareUpdate, { args: [message.name] });
    actions.add(`update ${message.name}`, performance.now() - sent);
  }
  await handle.result();
  return performance.now() - began;
}
