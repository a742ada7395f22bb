/** Every way a case ends, driven through its updates on the real dev server with in-test activities. */
import { act, firstBoard, holdHearing, member, toHearing } from '../helpers/actions';
import { clerk, officer, waitForState } from '../helpers/cases';
import { startHarness, workflowTaskFailures, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('outcomes', () => {
  it.concurrent('takes a case from filing to complied through every first-instance stage', async () => {
    const handle = await harness.start();
    await toHearing(handle);
    await holdHearing(handle);
    for (const m of firstBoard)
      await act(handle, 'castVote', member(m.userId), { decision: 'uphold', reason: 'proven' });
    const final = await waitForState(handle, (s) => s.stage === 'compliance', 30_000);
    expect(final.rulings[0]).toMatchObject({ instance: 1, decision: 'uphold' });
    const closed = await act(handle, 'recordCompliance', officer, {});
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'complied' });
    expect((await handle.result()).outcome).toBe('complied');
    expect(await workflowTaskFailures(handle)).toBe(0);
  });

  it.concurrent('closes a rejected complaint at intake', async () => {
    const handle = await harness.start();
    const rejected = await act(handle, 'rejectComplaint', clerk, { reason: 'not a labor dispute' });
    expect(rejected).toMatchObject({ stage: 'closed', outcome: 'rejected' });
  });
});
