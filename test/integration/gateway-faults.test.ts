/**
 * The e-notice gateway misbehaving in every way its contract allows, against the real Temporal server:
 * every case is still served and no notice is ever sent twice (counted by the simulator, per key).
 */
import { actionTimeoutMs } from '../../api/temporal';
import { act, inSeconds } from '../helpers/actions';
import { clerk, startCase, validFiling, waitForState, reached } from '../helpers/cases';
import { expectServedOnce, fileAndAccept, served } from '../helpers/gateway';
import { historyEvents } from '../helpers/histories';
import { startStack, type Stack } from '../helpers/stack';

const stacks: Stack[] = [];
async function stackWith(sim: Parameters<typeof startStack>[0]): Promise<Stack> {
  const stack = await startStack(sim);
  stacks.push(stack);
  return stack;
}
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

describe('the gateway under faults', () => {
  it.concurrent(
    'serves all 50 cases with zero duplicate notices at 30% 503s and 20% lost acknowledgements',
    async () => {
      const stack = await stackWith({ sim: { failRate: 0.3, ackLossRate: 0.2 } });
      const handles = await fileAndAccept(stack, 50);
      await expectServedOnce(stack, handles, 90_000);
      const { totals } = stack.sim.notices();
      expect(totals.failed503).toBeGreaterThan(0);
      expect(totals.ackLost).toBeGreaterThan(0);
      console.log(`fault-heavy run: ${JSON.stringify(totals)}`);
    },
  );

  it.concurrent('delivers everything once an outage ends', async () => {
    const stack = await stackWith({ sim: { outage: true } });
    const handles = await fileAndAccept(stack, 5);
    await new Promise((r) => setTimeout(r, 3000));
    expect(stack.sim.notices().notices).toHaveLength(0);
    stack.sim.setConfig({ outage: false });
    await expectServedOnce(stack, handles, 60_000);
  });

  it.concurrent('escalates notice_undelivered during a long outage and resolves it on delivery', async () => {
    const stack = await stackWith({ sim: { outage: true } });
    const [handle] = await fileAndAccept(stack, 1);
    if (!handle) throw new Error('no case');
    const escalated = await waitForState(handle, (s) => s.escalations.some((e) => e.kind === 'notice_undelivered'));
    expect(escalated.stage).toBe('notice');
    stack.sim.setConfig({ outage: false });
    const after = await waitForState(handle, (s) => reached(s, 'response'), 60_000);
    expect(after.escalations.find((e) => e.kind === 'notice_undelivered')?.resolvedAt).toBeDefined();
  });

  it.concurrent('learns of delivery by polling when every callback is lost', async () => {
    const stack = await stackWith({ sim: { callbackFailRate: 1 } });
    const handles = await fileAndAccept(stack, 3);
    const states = await Promise.all(
      handles.map((h) => waitForState(h, (s) => served(s) && s.stage !== 'notice', 30_000)),
    );
    expect(stack.sim.notices().totals.callbacksSent).toBe(0);
    expect(stack.sim.notices().totals.callbacksLost).toBeGreaterThan(0);
    expect(states.every((s) => s.stage !== 'notice')).toBe(true);
  });

  it.concurrent('opens a manual-service task for an unregistered employer and escalates it when overdue', async () => {
    const filing = validFiling();
    const employerId = filing.respondent.legalEntityId ?? '';
    const stack = await stackWith({ sim: { unregistered: [employerId] } });
    const handle = await startCase(stack, { filing });
    await act(handle, 'acceptComplaint', clerk, {});
    const task = await waitForState(handle, (s) => s.deadlines.some((d) => d.kind === 'manual_service'));
    expect(task.notices[0]?.status).toBe('not_registered');
    const overdue = await waitForState(handle, (s) => s.escalations.some((e) => e.kind === 'manual_service_overdue'));
    expect(overdue.stage).toBe('notice');
    await act(handle, 'recordManualService', clerk, {
      recipient: 'respondent',
      servedAt: inSeconds(0),
      method: 'in_person',
    });
    const after = await waitForState(handle, (s) => s.stage !== 'notice');
    expect(after.notices[0]?.status).toBe('served_by_hand');
    expect(after.deadlines.find((d) => d.kind === 'response')?.startedAt).toBe(after.notices[0]?.servedAt);
    expect(after.escalations.find((e) => e.kind === 'manual_service_overdue')?.resolvedAt).toBeDefined();
    expect(stack.sim.notices().notices).toHaveLength(0);
  });

  it.concurrent(
    'asks for service by hand when the gateway forgets a notice (a reset), and the case keeps answering',
    async () => {
      // Never delivered, callbacks lost: the case polls, then the gateway is reset and answers 404 for the notice.
      const stack = await stackWith({ sim: { deliverAfterMs: 3_600_000, callbackFailRate: 1 } });
      const [handle] = await fileAndAccept(stack, 1);
      if (!handle) throw new Error('no case');
      await waitForState(handle, (s) => Boolean(s.notices[0]?.noticeId));
      await stack.sim.reset();
      const failed = await waitForState(handle, (s) => s.deadlines.some((d) => d.kind === 'manual_service'));
      expect(failed.notices[0]).toMatchObject({ status: 'failed' });
      expect(failed.notices[0]?.failureReason).toMatch(/^status unavailable from the gateway/);
      expect((await historyEvents(handle)).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
      const token = await stack.token({ role: 'clerk', provinces: ['THR'] });
      // "Keeps answering": within the API's own bound on any call to Temporal (ACTION_TIMEOUT_MS, 15 s), not
      // hanging as it once did; the bound, not a guess of how fast a machine busy with the 50-case run above is.
      const detail = await fetch(`${stack.apiUrl}/api/v1/cases/${failed.caseNumber}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(actionTimeoutMs() + 5_000),
      });
      expect(detail.status).toBe(200);
      await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
    },
  );
});
