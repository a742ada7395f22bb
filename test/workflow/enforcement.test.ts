/** Enforcement: a rejected referral decided by the officer, a new referral, and a referral the gateway lost or refused. */
import type { Actor } from '../../domain/case';
import { act, firstBoard, holdHearing, member, toHearing } from '../helpers/actions';
import { officer, waitForState, type CaseHandle } from '../helpers/cases';
import { refusal, startHarness, workflowTaskFailures, type Harness, type ReferralBehaviour } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A case whose employer does not comply: it reaches enforcement, where the unit behaves as `referral` says. */
async function toEnforcement(referral: ReferralBehaviour): Promise<CaseHandle> {
  const handle = await harness.start({ referral });
  await toHearing(handle);
  await holdHearing(handle);
  for (const m of firstBoard)
    await act(handle, 'castVote', member(m.userId) as Actor, { decision: 'uphold', reason: 'proven' });
  return handle;
}

describe('enforcement', () => {
  it.concurrent('closes as enforcement_rejected when the unit rejects and the officer closes the matter', async () => {
    const handle = await toEnforcement({ kind: 'progress', to: 'rejected' });
    const rejected = await waitForState(handle, (s) => s.enforcement[0]?.status === 'rejected', 40_000);
    expect(rejected.stage).toBe('enforcement');
    const closed = await act(handle, 'recordEnforcementDecision', officer, {
      decision: 'close',
      reason: 'the debtor has no assets',
    });
    expect(closed).toMatchObject({
      stage: 'closed',
      outcome: 'enforcement_rejected',
      closingReason: 'the debtor has no assets',
    });
  });

  it.concurrent('refers again on the officer’s decision, under a new key, until the unit executes', async () => {
    const handle = await toEnforcement({ kind: 'progress', to: 'rejected' });
    const rejected = await waitForState(handle, (s) => s.enforcement[0]?.status === 'rejected', 40_000);
    const caseRef = rejected.caseNumber;
    const noDecision = await refusal(
      act(handle, 'recordEnforcementDecision', officer, { decision: 'close', reason: 'x'.repeat(0) }),
    );
    expect(noDecision.type).toBe('InvalidInput');
    harness.gateway.referralFor.set(caseRef, { kind: 'progress', to: 'executed' });
    await act(handle, 'recordEnforcementDecision', officer, {
      decision: 're_refer',
      reason: 'new address of the debtor',
    });
    const result = await handle.result();
    expect(result).toMatchObject({ outcome: 'enforced' });
    expect(result.enforcement.map((r) => [r.seq, r.status, r.key])).toEqual([
      [1, 'rejected', `${caseRef}:enforcement:respondent:1`],
      [2, 'executed', `${caseRef}:enforcement:respondent:2`],
    ]);
    expect(harness.gateway.referrals.filter((r) => r.caseRef === caseRef).map((r) => r.sends)).toEqual([1, 1]);
  });

  it.concurrent(
    'turns a referral the gateway refuses into a fact the officer decides on, raised to the officer',
    async () => {
      const handle = await toEnforcement({ kind: 'refuse' });
      const failed = await waitForState(handle, (s) => s.enforcement[0]?.status === 'failed', 40_000);
      expect(failed.escalations.find((e) => e.kind === 'enforcement_failed')).toMatchObject({ level: 1 });
      await act(handle, 'recordEnforcementDecision', officer, { decision: 'close', reason: 'cannot be enforced' });
      const result = await handle.result();
      expect(result.escalations.every((e) => e.resolvedAt)).toBe(true);
      expect(await workflowTaskFailures(handle)).toEqual([]);
    },
  );

  it.concurrent(
    'survives an enforcement poll the gateway answers with 404: the referral is failed, not the workflow',
    async () => {
      const handle = await toEnforcement({ kind: 'lost' });
      const failed = await waitForState(handle, (s) => s.enforcement[0]?.status === 'failed', 40_000);
      expect(failed.enforcement[0]?.events.at(-1)?.event).toMatch(/^failed: no referral/);
      expect(await workflowTaskFailures(handle)).toEqual([]);
      await act(handle, 'recordEnforcementDecision', officer, { decision: 'close', reason: 'lost by the courts' });
      expect((await handle.result()).outcome).toBe('enforcement_rejected');
    },
  );
});
