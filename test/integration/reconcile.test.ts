/** `npm run reconcile`: finds where the read model differs from a case's workflow, repairs it, and then finds nothing. */
import { reconcile } from '../../scripts/lib/reconcile';
import { act } from '../helpers/actions';
import { clerk, policyWith, startCase, waitForState } from '../helpers/cases';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

it('reports a read model that fell behind, repairs it by projecting again, and then reports nothing', async () => {
  // A response window no loaded machine outruns, and the notice's last gateway event (viewed) in: nothing else
  // happens to the case, so no later projection can repair the row before reconcile looks at it.
  const handle = await startCase(stack, { policy: policyWith({ response: 60 }) });
  await act(handle, 'acceptComplaint', clerk, {});
  const state = await waitForState(
    handle,
    (s) => s.stage === 'response' && s.notices.some((n) => n.status === 'viewed') && s.projectedSeq === s.auditSeq,
  );
  const caseNumber = state.caseNumber;
  // A projection lost for good: the row is back at intake and the complaint notice is gone.
  await stack.db('cases').where({ case_number: caseNumber }).update({ stage: 'intake' });
  await stack.db('notices').where({ case_number: caseNumber }).delete();

  const lines: string[] = [];
  const found = await reconcile(stack.client, stack.db, {
    repair: false,
    caseNumbers: [caseNumber],
    log: (l) => lines.push(l),
  });
  expect(found).toMatchObject({ checked: 1, repaired: 0 });
  expect(found.differing[0]?.differences).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^stage: read model "intake", workflow "response"$/),
      expect.stringMatching(/^notice .*:complaint:respondent:1: read model undefined, workflow "viewed"$/),
    ]),
  );
  expect(lines.every((l) => l.startsWith(caseNumber))).toBe(true);

  const repaired = await reconcile(stack.client, stack.db, { repair: true, caseNumbers: [caseNumber] });
  expect(repaired).toMatchObject({ checked: 1, repaired: 1 });
  const again = await reconcile(stack.client, stack.db, { repair: false, caseNumbers: [caseNumber] });
  expect(again).toEqual({ checked: 1, differing: [], repaired: 0 });
  await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
});
