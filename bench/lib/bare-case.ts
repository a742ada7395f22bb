/**
 * One bare case: the baseline workflow started with a Davar case's shape, its updates and signals sent in the
 * order the Davar case received them, by a client without codec, API or database in between.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Message, Shape } from '../baseline/shape-types';
import { bareSignal, bareUpdate, type BareCaseWorkflow } from '../baseline/workflow';
import { BARE_TASK_QUEUE } from './bench-stack';
import { HEARING_AHEAD_MS } from './davar-case';
import { sleepMs } from './http';
import type { Samples } from './stats';

export async function startBare(client: Client, shape: Shape) {
  return client.workflow.start<typeof BareCaseWorkflow>('BareCaseWorkflow', {
    workflowId: `bare-${randomUUID()}`,
    taskQueue: BARE_TASK_QUEUE,
    args: [shape],
  });
}

/**
 * Waits the clock imposes on a Davar case without a timer in its history: the driver schedules the hearing
 * HEARING_AHEAD_MS ahead and can record it held only once the session has begun. The bare driver keeps the same
 * wait, counted from when it sent `scheduleHearing`, or the bare case would skip six seconds the Davar case cannot.
 */
const clockGates: Record<string, { after: string; ms: number }> = {
  recordHearingHeld: { after: 'scheduleHearing', ms: HEARING_AHEAD_MS },
};

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
  const sentAt = new Map<string, number>();
  for (const message of messages) {
    const gate = clockGates[message.name];
    const gateFrom = gate && sentAt.get(gate.after);
    if (gate && gateFrom !== undefined) await sleepMs(Math.max(0, gateFrom + gate.ms - performance.now()));
    if (message.kind === 'signal') {
      await handle.signal(bareSignal, message.name);
      continue;
    }
    const sent = performance.now();
    if (!sentAt.has(message.name)) sentAt.set(message.name, sent);
    await handle.executeUpdate(bareUpdate, { args: [message.name] });
    actions.add(`update ${message.name}`, performance.now() - sent);
  }
  await handle.result();
  return performance.now() - began;
}
