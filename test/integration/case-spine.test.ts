/** The spine of a case on the real stack: intake → notice served through the gateway → response window → escalation. */
import { acceptComplaintUpdate } from '../../workflows/messages';
import { clerk, startCase, waitForState, reached } from '../helpers/cases';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('the spine of a case', () => {
  it('serves the complaint on the respondent after acceptance and escalates response_overdue when the window passes', async () => {
    const handle = await startCase(stack);
    const accepted = await handle.executeUpdate(acceptComplaintUpdate, { args: [{ actor: clerk, body: {} }] });
    expect(accepted.state.stage).toBe('notice');

    const inResponse = await waitForState(handle, (s) => reached(s, 'response'));
    const complaint = inResponse.notices.find((n) => n.documentType === 'complaint');
    expect(complaint?.servedAt).toBeDefined();
    expect(inResponse.deadlines.find((d) => d.kind === 'response')?.dueAtJalali).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);

    const overdue = await waitForState(
      handle,
      (s) => s.escalations.some((e) => e.kind === 'response_overdue') && s.projectedSeq === s.auditSeq,
    );
    expect(overdue.stage).toBe('hearing');
    expect(overdue.response?.defaulted).toBe(true);

    const listing = stack.sim.notices();
    const keys = listing.notices.filter((n) => n.caseRef === inResponse.caseNumber);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(listing.totals.duplicates).toBe(0);

    const row = await stack.db('cases').where({ case_number: inResponse.caseNumber }).first();
    expect(row).toMatchObject({ stage: 'hearing', overdue: true });
    const escalation = await stack
      .db('escalations')
      .where({ case_number: inResponse.caseNumber, kind: 'response_overdue' })
      .first();
    expect(escalation).toMatchObject({ level: 1, resolved_at: null });
  });
});
