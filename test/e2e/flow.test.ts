/** One case from filing to compliance driven only through the HTTP API, as staff, parties and the board would. */
import { stages, type Stage } from '../../domain/case';
import { startStack, type Stack } from '../helpers/stack';
import { at, call, errorCode, eventually, fileCase, filing, type Reply } from './helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

function expectOk(reply: Reply): Reply {
  expect([reply.status, reply.status === 200 ? 'ok' : reply.text]).toEqual([200, 'ok']);
  return reply;
}

it('takes a case from filing through hearing, votes, ruling and appeal window to compliance', async () => {
  const clerk = await stack.token({ role: 'clerk', provinces: ['THR'], sub: 'clerk-1' });
  const officer = await stack.token({ role: 'officer', provinces: ['THR'], sub: 'officer-1' });
  const body = filing();
  const caseNumber = await fileCase(stack, clerk, body);
  const base = `/api/v1/cases/${caseNumber}`;
  const respondent = await stack.token({
    role: 'party',
    side: 'respondent',
    sub: 'employer-1',
    nationalId: body.respondent.legalEntityId,
  });
  const complainant = await stack.token({
    role: 'party',
    side: 'complainant',
    sub: 'worker-1',
    nationalId: body.complainant.nationalId,
  });
  const members = ['member-a', 'member-b', 'member-c'];
  const memberTokens = new Map<string, string>();
  for (const sub of [...members, 'member-z']) {
    memberTokens.set(sub, await stack.token({ role: 'board_member', provinces: ['THR'], sub }));
  }
  const member = (sub: string) => memberTokens.get(sub) ?? '';
  // Short stages (ruling, appeal) may pass between two polls, so wait until the case is at `stage` or beyond.
  const reached = (stage: Stage) =>
    eventually(
      async () => {
        const current = at((await call(stack, 'GET', base, { token: clerk })).body, 'stage') as Stage;
        return stages.indexOf(current) >= stages.indexOf(stage) ? current : undefined;
      },
      30_000,
      `stage ${stage}`,
    );

  expectOk(await call(stack, 'POST', `${base}/actions/accept-complaint`, { token: clerk }));
  // The simulator delivers the complaint and calls the webhook back; the workflow then opens the response window.
  await reached('response');
  const notices = await call(stack, 'GET', `${base}/notices`, { token: clerk });
  expect(at(notices.body, 'items', 0)).toMatchObject({ documentType: 'complaint', recipient: 'respondent' });

  const wrongSide = await call(stack, 'POST', `${base}/actions/record-response`, {
    token: complainant,
    body: { text: 'x' },
  });
  expect([wrongSide.status, errorCode(wrongSide)]).toEqual([403, 'not_allowed']);
  expectOk(
    await call(stack, 'POST', `${base}/actions/record-response`, {
      token: respondent,
      body: { text: 'The wages were paid in cash.' },
    }),
  );
  expect(await reached('hearing')).toBe('hearing');

  const tooSmall = await call(stack, 'POST', `${base}/actions/assign-board`, {
    token: officer,
    body: { members: [{ userId: 'member-a', name: 'A', presiding: true }] },
  });
  expect([tooSmall.status, errorCode(tooSmall)]).toEqual([422, 'invalid_input']);
  const board = expectOk(
    await call(stack, 'POST', `${base}/actions/assign-board`, {
      token: officer,
      body: { members: members.map((userId, i) => ({ userId, name: `Member ${i + 1}`, presiding: i === 0 })) },
    }),
  );
  expect(at(board.body, 'board', 'members', 0)).toEqual({ userId: 'member-a', name: 'Member 1', presiding: true });

  const hearingAt = new Date(Date.now() + 2_000).toISOString();
  expectOk(
    await call(stack, 'POST', `${base}/actions/schedule-hearing`, {
      token: officer,
      body: { at: hearingAt, mode: 'in_person' },
    }),
  );
  const early = await call(stack, 'POST', `${base}/actions/cast-vote`, {
    token: member('member-b'),
    body: { decision: 'uphold', reason: 'The wages are owed.' },
  });
  expect([early.status, errorCode(early)]).toEqual([409, 'wrong_stage']);
  // The session sits at its time: until then the console offers no record-hearing-held button.
  await eventually(
    async () => {
      const { body } = await call(stack, 'GET', base, { token: officer });
      const actions = at(body, 'availableActions') as { action: string; allowed: boolean }[];
      return actions.find((a) => a.action === 'record-hearing-held')?.allowed || undefined;
    },
    10_000,
    'the session to sit',
  );
  expectOk(
    await call(stack, 'POST', `${base}/actions/record-hearing-held`, {
      token: officer,
      body: { attendance: { complainant: true, respondent: true }, minutes: 'Both parties heard.' },
    }),
  );

  const outsider = await call(stack, 'POST', `${base}/actions/cast-vote`, {
    token: member('member-z'),
    body: { decision: 'reject', reason: 'Not on this board.' },
  });
  expect([outsider.status, errorCode(outsider)]).toEqual([403, 'not_allowed']);
  expectOk(
    await call(stack, 'POST', `${base}/actions/cast-vote`, {
      token: member('member-a'),
      body: { decision: 'uphold', reason: 'Owed.' },
    }),
  );
  const seenByMember = await call(stack, 'GET', base, { token: member('member-a') });
  expect(at(seenByMember.body, 'votesVisible')).toBe(true);
  expect(at(seenByMember.body, 'tally')).toMatchObject({ cast: 1, award: 1, reject: 0, quorum: 3 });
  // Others see how many have voted, never how.
  expect(at((await call(stack, 'GET', base, { token: officer })).body, 'tally')).toEqual({
    instance: 1,
    session: 1,
    cast: 1,
    quorum: 3,
    majority: 2,
  });
  const seenByClerk = await call(stack, 'GET', base, { token: clerk });
  expect([at(seenByClerk.body, 'votesVisible'), at(seenByClerk.body, 'votes')]).toEqual([false, []]);
  const boardList = await call(stack, 'GET', '/api/v1/cases', { token: member('member-a') });
  expect((at(boardList.body, 'items') as { caseNumber: string }[]).map((i) => i.caseNumber)).toEqual([caseNumber]);

  expectOk(
    await call(stack, 'POST', `${base}/actions/cast-vote`, {
      token: member('member-b'),
      body: { decision: 'uphold', reason: 'Owed.' },
    }),
  );
  const last = expectOk(
    await call(stack, 'POST', `${base}/actions/cast-vote`, {
      token: member('member-c'),
      body: { decision: 'reject', reason: 'Paid.' },
    }),
  );
  expect(at(last.body, 'rulings', 0)).toMatchObject({ instance: 1, decision: 'uphold' });

  // Nobody appeals: once both appeal windows (three fast days) pass, the ruling is final and compliance opens.
  expect(await reached('compliance')).toBe('compliance');
  const done = expectOk(
    await call(stack, 'POST', `${base}/actions/record-compliance`, {
      token: officer,
      body: { evidence: 'Receipt 42' },
    }),
  );
  expect(at(done.body, 'stage')).toBe('closed');
  expect(at(done.body, 'outcome')).toBe('complied');

  // The case closes just after the update answers; its last audit entries reach the read model a moment later.
  const changes = await eventually(
    async () => {
      const timeline = await call(stack, 'GET', `${base}/timeline`, { token: clerk });
      const summaries = (at(timeline.body, 'items') as { kind: string; summary: string }[])
        .filter((e) => e.kind === 'stage_change')
        .map((e) => e.summary);
      return summaries.includes('closed: complied') ? summaries : undefined;
    },
    10_000,
    'the closing entry in the timeline',
  );
  expect(changes).toEqual([
    'filed: intake',
    'intake → notice',
    'notice → response',
    'response → hearing',
    'hearing → ruling',
    'ruling → appeal',
    'appeal → compliance',
    'closed: complied',
  ]);
});
