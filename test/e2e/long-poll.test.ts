/**
 * `GET /cases/{n}?after=…`, the read that waits for a case to change, on the real stack: it answers when an action
 * moves the case (woken by the read model's change notice), at once when the caller is behind, the case is closed
 * or the caller already has its bound of waiting reads, with the case unchanged when its wait runs out, and refuses
 * bad parameters with 422 before any read.
 */
import { randomUUID } from 'node:crypto';
import { MAX_WAITING_READS_PER_CALLER } from '../../api/wait-for-change';
import { startStack, type Stack } from '../helpers/stack';
import { at, call, errorCode, fileCase } from './helpers';

let stack: Stack;
let clerk: string;

beforeAll(async () => {
  // No notice is delivered during the test: a case moves only when the test acts on it.
  stack = await startStack({ sim: { deliverAfterMs: 60_000 } });
  clerk = await stack.token({ role: 'clerk', provinces: ['THR'], sub: 'clerk-long-poll' });
});

afterAll(async () => {
  await stack?.close();
});

const read = (caseNumber: string, query = '') =>
  call(stack, 'GET', `/api/v1/cases/${caseNumber}${query}`, { token: clerk });

async function versionOf(caseNumber: string): Promise<number> {
  const reply = await read(caseNumber);
  expect(reply.status).toBe(200);
  const version = at(reply.body, 'version');
  if (typeof version !== 'number') throw new Error(`no version in ${reply.text}`);
  return version;
}

const act = (caseNumber: string, action: string, body: unknown = {}) =>
  call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/${action}`, {
    token: clerk,
    body,
    headers: { 'Idempotency-Key': randomUUID() },
  });

test('a read with the current version waits, and answers when an action moves the case', async () => {
  const caseNumber = await fileCase(stack, clerk);
  const filed = await versionOf(caseNumber);
  expect(filed).toBeGreaterThan(0);

  let answered = false;
  const waiting = read(caseNumber, `?after=${filed}&wait=30`).then((reply) => {
    answered = true;
    return reply;
  });
  // A plain read goes through the same API and the same case: the waiting one is still waiting after it.
  expect(await versionOf(caseNumber)).toBe(filed);
  expect(answered).toBe(false);

  expect((await act(caseNumber, 'accept-complaint')).status).toBe(200);
  const reply = await waiting;
  expect(reply.status).toBe(200);
  expect(at(reply.body, 'version')).toBeGreaterThan(filed);
  expect(at(reply.body, 'stage')).toBe('notice');
});

test('a caller behind the case is answered at once with the case as it is', async () => {
  const caseNumber = await fileCase(stack, clerk);
  expect((await act(caseNumber, 'accept-complaint')).status).toBe(200);
  const now = await versionOf(caseNumber);
  const reply = await read(caseNumber, '?after=0&wait=30');
  expect([reply.status, at(reply.body, 'stage')]).toEqual([200, 'notice']);
  // The notice is on its way meanwhile (entries of its own): the answer is this version or a later one.
  expect(at(reply.body, 'version')).toBeGreaterThanOrEqual(now);
});

test('when the wait runs out, the answer is the case unchanged', async () => {
  const caseNumber = await fileCase(stack, clerk);
  const filed = await versionOf(caseNumber);
  const reply = await read(caseNumber, `?after=${filed}&wait=1`);
  expect([reply.status, at(reply.body, 'version'), at(reply.body, 'stage')]).toEqual([200, filed, 'intake']);
});

test('a closed case never changes again: a read waiting on it is answered at once', async () => {
  const caseNumber = await fileCase(stack, clerk);
  expect((await act(caseNumber, 'reject-complaint', { reason: 'Not a labour matter.' })).status).toBe(200);
  const closed = await versionOf(caseNumber);
  // Were it to wait, the 30 s would outlast this test's own time limit (10 s).
  const reply = await read(caseNumber, `?after=${closed}&wait=30`);
  expect([reply.status, at(reply.body, 'version'), at(reply.body, 'stage')]).toEqual([200, closed, 'closed']);
}, 10_000);

test('a caller past its bound of waiting reads is answered at once; the others wait for the change', async () => {
  const busy = await stack.token({ role: 'clerk', provinces: ['THR'], sub: 'clerk-many-waits' });
  const caseNumber = await fileCase(stack, clerk);
  const filed = await versionOf(caseNumber);
  const reads = Array.from({ length: MAX_WAITING_READS_PER_CALLER + 1 }, () =>
    call(stack, 'GET', `/api/v1/cases/${caseNumber}?after=${filed}&wait=30`, { token: busy }),
  );
  // Nothing moves the case yet: the first answer is the one that found no room to wait (else 30 s, past the limit).
  const first = await Promise.race(reads);
  expect([first.status, at(first.body, 'version'), at(first.body, 'stage')]).toEqual([200, filed, 'intake']);

  expect((await act(caseNumber, 'accept-complaint')).status).toBe(200);
  const versions = (await Promise.all(reads)).map((reply) => at(reply.body, 'version') as number);
  expect(versions.filter((v) => v === filed)).toHaveLength(1);
  expect(versions.filter((v) => v > filed)).toHaveLength(MAX_WAITING_READS_PER_CALLER);
}, 20_000);

test.each([
  ['`wait` above 30 s', '?after=1&wait=31'],
  ['`wait` of 0', '?after=1&wait=0'],
  ['`wait` without `after`', '?wait=5'],
  ['a negative `after`', '?after=-1'],
  ['a fractional `after`', '?after=1.5'],
  ['an `after` that is not a number', '?after=soon'],
  ['an unknown parameter', '?after=1&since=2'],
])('refuses %s with 422 invalid_input', async (_name, query) => {
  const caseNumber = await fileCase(stack, clerk);
  const reply = await read(caseNumber, query);
  expect([reply.status, errorCode(reply)]).toEqual([422, 'invalid_input']);
});
