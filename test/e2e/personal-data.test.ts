/**
 * Personal data stays out of Temporal's store: a case filed on a dev server that keeps its SQLite file leaves no
 * national ID, name or statement in it; supervisors read payloads through the codec server, nobody else does; and
 * the raw history an engineer downloads is ciphertext that still replays with the codec.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalCli } from '../../scripts/lib/temporal-cli';
import { caseSearchAttributes } from '../../workflows/search-attributes';
import { replayWithTestBundle } from '../helpers/histories';
import { startStack, type Stack } from '../helpers/stack';
import { at, call, errorCode, eventually, fileCase, filing } from './helpers';

let temporal: TestWorkflowEnvironment;
let stack: Stack;
let dbFile: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'davar-pii-'));

beforeAll(async () => {
  dbFile = path.join(tmp, 'temporal.db');
  temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: await resolveTemporalCli() },
      ip: '127.0.0.1',
      searchAttributes: caseSearchAttributes,
      log: { format: 'pretty', level: 'never' },
      dbFilename: dbFile,
    },
  });
  stack = await startStack({ temporalAddress: temporal.address });
});
afterAll(async () => {
  await stack?.close();
  await temporal?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A file SQLite may delete between listing and reading (a rollback journal): gone is empty, not an error. */
function readIfThere(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

/** Every byte the dev server keeps: its SQLite file, write-ahead log and any journal. */
const storeBytes = () =>
  Buffer.concat(
    fs
      .readdirSync(tmp)
      .filter((f) => f.startsWith('temporal.db'))
      .map((f) => readIfThere(path.join(tmp, f))),
  );

it('keeps national IDs, names and statements out of the dev server’s SQLite file', async () => {
  const clerk = await stack.token({ role: 'clerk', provinces: ['THR'] });
  const body = filing({ statement: 'کارفرما دستمزد سه ماه را پرداخت نکرده است' });
  const caseNumber = await fileCase(stack, clerk, body);
  const accepted = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, { token: clerk });
  expect(accepted.status).toBe(200);
  await eventually(
    async () => (storeBytes().includes(Buffer.from(`case-${caseNumber}`)) ? true : undefined),
    15_000,
    'the case in the SQLite file',
  );
  const bytes = storeBytes();
  const secrets = [
    body.complainant.nationalId,
    body.respondent.legalEntityId ?? '',
    body.complainant.name,
    body.statement,
  ];
  const found = secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
  console.log(
    `searched ${bytes.length} bytes of ${path.basename(dbFile)}* for ${secrets.length} personal values: ${found.length} found`,
  );
  expect(found).toEqual([]);
});

describe('the codec server', () => {
  let caseNumber: string;
  let payload: { metadata: Record<string, string>; data: string };
  beforeAll(async () => {
    const clerk = await stack.token({ role: 'clerk', provinces: ['THR'] });
    caseNumber = await fileCase(
      stack,
      clerk,
      filing({ complainant: { ...filing().complainant, name: 'Golnar Samadi' } }),
    );
    const engineer = await stack.token({ role: 'engineer' });
    const raw = await call(stack, 'GET', `/api/v1/cases/${caseNumber}/history?format=raw`, { token: engineer });
    expect(raw.status).toBe(200);
    expect(raw.text).not.toContain('Golnar');
    const events = at(raw.body, 'events') as {
      workflowExecutionStartedEventAttributes?: { input?: { payloads?: (typeof payload)[] } };
    }[];
    const first = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!first) throw new Error('no input payload in the history');
    payload = first;
  });

  it('shows a supervisor the decrypted payload', async () => {
    const supervisor = await stack.token({ role: 'supervisor', provinces: ['THR'] });
    const reply = await call(stack, 'POST', '/codec/decode', { token: supervisor, body: { payloads: [payload] } });
    expect(reply.status).toBe(200);
    const decoded = at(reply.body, 'payloads', 0, 'data') as string;
    expect(Buffer.from(decoded, 'base64').toString('utf8')).toContain('Golnar Samadi');
  });

  it('refuses everyone else: no token 401, another role 403', async () => {
    const anonymous = await call(stack, 'POST', '/codec/decode', { body: { payloads: [payload] } });
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'unauthorized']);
    const engineer = await stack.token({ role: 'engineer' });
    const refused = await call(stack, 'POST', '/codec/decode', { token: engineer, body: { payloads: [payload] } });
    expect([refused.status, errorCode(refused)]).toEqual([403, 'forbidden']);
  });

  it('takes a supervisor’s session cookie, as the Web UI sends it', async () => {
    const supervisor = await stack.token({ role: 'supervisor', provinces: ['THR'] });
    const session = await call(stack, 'POST', '/codec/session', { token: supervisor });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^davar_codec=/);
    const reply = await call(stack, 'POST', '/codec/decode', { headers: { cookie }, body: { payloads: [payload] } });
    expect(reply.status).toBe(200);
  });

  it('leaves the raw history replayable with the codec', async () => {
    const engineer = await stack.token({ role: 'engineer' });
    const raw = await call(stack, 'GET', `/api/v1/cases/${caseNumber}/history?format=raw`, { token: engineer });
    const results = await replayWithTestBundle([{ workflowId: `case-${caseNumber}`, history: raw.body }]);
    expect(results.map((r) => r.error)).toEqual([undefined]);
  });
});
