/**
 * The bare baseline: a workflow that does what one Davar case did and nothing more. It replays a shape read from
 * a Davar case's history (bench/lib/shape.ts): per workflow task it waits for what woke that task and issues the
 * same activities, local activities and timers (same durations). No state machine, no projection, no codec, no
 * search attributes: the distance to Davar is what Davar adds on top of Temporal.
 */
import {
  CancellationScope,
  condition,
  defineSignal,
  defineUpdate,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  setDefaultSignalHandler,
  sleep,
} from '@temporalio/workflow';
import type { Shape } from './shape-types';

export interface BareActivities {
  noop(): Promise<void>;
}

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });
const { noop: localNoop } = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

/** Every action of the baseline is this one update; its name travels as the argument. */
export const bareUpdate = defineUpdate<{ step: number }, [string]>('bareAction');
export const bareSignal = defineSignal<[string]>('bareSignal');

export async function BareCaseWorkflow(shape: Shape): Promise<{ steps: number }> {
  const activities = new Map<number, Promise<void>>();
  const timers = new Map<string, { fired: Promise<void>; scope: CancellationScope }>();
  let signals = 0;
  let updatesWanted = 0; // how many updates the workflow has reached so far
  let updatesTaken = 0;
  let step = 0;

  setHandler(bareSignal, () => void (signals += 1));
  setDefaultSignalHandler(() => void (signals += 1));
  setHandler(bareUpdate, async () => {
    // An update waits until the workflow expects it, as a Davar action needs its stage; the driver sends in order.
    const mine = updatesTaken;
    updatesTaken += 1;
    await condition(() => updatesWanted > mine);
    return { step };
  });

  let signalsWanted = 0;
  for (const [index, { awaits, commands }] of shape.steps.entries()) {
    step = index;
    for (const trigger of awaits) {
      if (trigger.kind === 'activity') await activities.get(trigger.ref);
      else if (trigger.kind === 'timer') await timers.get(trigger.ref)?.fired;
      else if (trigger.kind === 'signal') {
        signalsWanted += 1;
        await condition(() => signals >= signalsWanted);
      } else {
        updatesWanted += 1;
        await condition(() => updatesTaken >= updatesWanted);
      }
    }
    for (const command of commands) {
      if (command.kind === 'activity') {
        activities.set(command.ref, noop());
      } else if (command.kind === 'localActivity') {
        await localNoop();
      } else if (command.kind === 'startTimer') {
        const scope = new CancellationScope();
        const fired = scope
          .run(() => sleep(command.ms))
          .catch((error: unknown) => {
            if (!isCancellation(error)) throw error;
          });
        timers.set(command.ref, { fired, scope });
      } else {
        timers.get(command.ref)?.scope.cancel();
      }
    }
  }
  return { steps: shape.steps.length };
}
