/** Operations and oversight over HTTP: health, metrics, workflow history (replayable), escalations, stats, OpenAPI. */
import { randomUUID } from 'node:crypto';
import { replayWithTestBundle } from '../helpers/histories';
import { startStack, type Stack } from '../helpers/stack';
import { at, call, errorCode, eventually, fileCase, filing, postCallback, projected, type Reply } from './helpers';
import { validate } from './json-schema';

let stack: Stack;
let clerk: string;
let caseNumber: string;
let document: Record<string, unknown>;

/** Every response checked against the document at the end, as `[method, path template, reply]`. */
const seen: [string, string, Reply][] = [];
async function observe(
  method: string,
  template: string,
  path: string,
  token?: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const reply = await call(stack, method, path, { token, body, headers });
  seen.push([method.toLowerCase(), template, reply]);
  return reply;
}

beforeAll(async () => {
  // Undelivered notices escalate after four fast days (seconds), which gives the escalation board something to show.
  stack = await startStack({ sim: { deliverAfterMs: 3_600_000, callbackFailRate: 1 } });
  clerk = await stack.token({ role: 'clerk', provinces: ['THR'], sub: 'clerk-7' });
  caseNumber = await fileCase(stack, clerk, filing({ channel: 'office' }));
  await projected(stack, caseNumber);
  const openapi = await call(stack, 'GET', '/openapi.json');
  document = openapi.body as Record<string, unknown>;
});

afterAll(async () => {
  await stack?.close();
});

describe('operations', () => {
  it('reports the process up and its dependencies reachable', async () => {
    expect((await observe('GET', '/healthz', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await observe('GET', '/readyz', '/readyz');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready', checks: { temporal: 'ok', postgres: 'ok' } }]);
  });

  it('serves Prometheus metrics with latency by route pattern and cases per stage', async () => {
    await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
    const metrics = await call(stack, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.text).toContain(
      'davar_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/cases/:caseNumber"',
    );
    expect(metrics.text).toMatch(/davar_cases\{stage="intake",province="THR"\} [1-9]/);
    expect(metrics.text).toContain('davar_api_process_cpu_user_seconds_total');
  });

  it('echoes a request ID, or makes one', async () => {
    const given = await call(stack, 'GET', '/healthz', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await call(stack, 'GET', '/healthz');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const reply = await call(stack, 'GET', '/docs');
    expect(reply.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.text).toContain('/docs/swagger-ui-bundle.js');
    expect((await call(stack, 'GET', '/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect((await call(stack, 'GET', '/docs/init.js')).text).toContain("url: '/openapi.json'");
  });
});

describe('workflow history', () => {
  it('gives engineers a raw history that the workflow code replays without error', async () => {
    const accepted = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, {
      token: clerk,
    });
    expect(accepted.status).toBe(200);
    const engineer = await stack.token({ role: 'engineer' });
    const raw = await observe(
      'GET',
      '/api/v1/cases/{caseNumber}/history',
      `/api/v1/cases/${caseNumber}/history?format=raw`,
      engineer,
    );
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(at(raw.body, 'events', 0, 'eventType')).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    // The parsed JSON as it is, as an engineer would load a downloaded file: the SDK parses it.
    const history = raw.body;
    // Payloads in Temporal are sealed by the codec: the replayer opens them with the same keys as the workers.
    const results = await replayWithTestBundle([{ workflowId: `case-${caseNumber}`, history }]);
    expect(results.map((r) => [r.workflowId, r.error])).toEqual([[`case-${caseNumber}`, undefined]]);
  });

  it('summarises the history one readable line per event', async () => {
    const supervisor = await stack.token({ role: 'supervisor', provinces: ['THR'] });
    const summary = await observe(
      'GET',
      '/api/v1/cases/{caseNumber}/history',
      `/api/v1/cases/${caseNumber}/history`,
      supervisor,
    );
    expect(summary.status).toBe(200);
    const events = at(summary.body, 'events') as { type: string; line: string; activityType?: string; name?: string }[];
    expect(events[0]?.type).toBe('WorkflowExecutionStarted');
    expect(events.some((e) => e.type === 'ActivityTaskScheduled' && e.activityType === 'project')).toBe(true);
    expect(events.some((e) => e.name === 'acceptComplaint')).toBe(true);
    expect(events[0]?.line).toMatch(/^\d{4}-\d{2}-\d{2}T.* #1 WorkflowExecutionStarted CaseWorkflow$/);
  });

  it('refuses the history to a clerk with 403 forbidden', async () => {
    const reply = await observe(
      'GET',
      '/api/v1/cases/{caseNumber}/history',
      `/api/v1/cases/${caseNumber}/history`,
      clerk,
    );
    expect([reply.status, errorCode(reply)]).toEqual([403, 'forbidden']);
  });
});

describe('oversight', () => {
  it('lists the open escalation of an undelivered notice on the board', async () => {
    const supervisor = await stack.token({ role: 'supervisor', provinces: ['THR'] });
    const item = await eventually(
      async () => {
        const reply = await call(stack, 'GET', '/api/v1/escalations?kind=notice_undelivered', { token: supervisor });
        return (at(reply.body, 'items') as { caseNumber: string }[]).find((i) => i.caseNumber === caseNumber);
      },
      20_000,
      'the notice_undelivered escalation',
    );
    expect(item).toMatchObject({ caseNumber, province: 'THR', kind: 'notice_undelivered' });
    await observe('GET', '/api/v1/escalations', '/api/v1/escalations', supervisor);
    const elsewhere = await call(stack, 'GET', '/api/v1/escalations?province=ISF', { token: supervisor });
    expect([elsewhere.status, errorCode(elsewhere)]).toEqual([403, 'forbidden_province']);
    const party = await stack.token({ role: 'party', side: 'complainant', nationalId: '0499370899' });
    expect((await call(stack, 'GET', '/api/v1/escalations', { token: party })).status).toBe(403);
  });

  it('counts cases per stage and province', async () => {
    const stats = await observe('GET', '/api/v1/stats', '/api/v1/stats', clerk);
    expect(stats.status).toBe(200);
    const byStage = at(stats.body, 'byStage') as { stage: string; count: number }[];
    expect(byStage.reduce((sum, s) => sum + s.count, 0)).toBeGreaterThanOrEqual(1);
    expect(at(stats.body, 'overdue', 'total')).toBeGreaterThanOrEqual(0);
  });
});

describe('the OpenAPI document', () => {
  const endpoints = [
    'post /api/v1/cases',
    'get /api/v1/cases',
    'get /api/v1/cases/{caseNumber}',
    'get /api/v1/cases/{caseNumber}/timeline',
    'get /api/v1/cases/{caseNumber}/notices',
    'get /api/v1/cases/{caseNumber}/history',
    'post /api/v1/gateway/notice-events',
    'get /api/v1/escalations',
    'get /api/v1/stats',
    'get /api/v1/calendar/holidays',
    'get /api/v1/calendar/deadline',
    'get /healthz',
    'get /readyz',
    'get /metrics',
    'get /openapi.json',
    'get /docs',
    'get /',
    ...[
      'accept-complaint',
      'request-correction',
      'submit-correction',
      'reject-complaint',
      'record-manual-service',
      'record-response',
      'assign-board',
      'schedule-hearing',
      'adjourn-hearing',
      'record-hearing-held',
      'cast-vote',
      'file-appeal',
      'extend-deadline',
      'record-compliance',
      'record-enforcement-decision',
      'settle',
      'withdraw',
      'set-aside-service',
    ].map((action) => `post /api/v1/cases/{caseNumber}/actions/${action}`),
  ];

  it('is OpenAPI 3.1 and lists every endpoint', () => {
    expect(document.openapi).toBe('3.1.0');
    const paths = document.paths as Record<string, Record<string, unknown>>;
    const listed = Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(listed.sort()).toEqual([...endpoints].sort());
  });

  it('describes each action body with its own schema', () => {
    const op = at(document, 'paths', '/api/v1/cases/{caseNumber}/actions/schedule-hearing', 'post');
    expect(at(op, 'requestBody', 'content', 'application/json', 'schema')).toEqual({
      $ref: '#/components/schemas/ScheduleHearingBody',
    });
    const body = at(document, 'components', 'schemas', 'ScheduleHearingBody');
    expect(at(body, 'required')).toEqual(expect.arrayContaining(['at', 'mode']));
  });

  it('accepts a valid filing and refuses an invalid one by its Filing schema', () => {
    const schema = { $ref: '#/components/schemas/Filing' };
    expect(validate(filing(), schema, { root: document })).toEqual([]);
    expect(validate({ ...filing(), claims: 'none' }, schema, { root: document })).not.toEqual([]);
  });

  it('matches the real responses the API gave', async () => {
    const engineer = await stack.token({ role: 'engineer' });
    const officer = await stack.token({ role: 'officer', provinces: ['THR'] });
    const key = randomUUID();
    const body = filing();
    const created = await observe('POST', '/api/v1/cases', '/api/v1/cases', clerk, body, { 'Idempotency-Key': key });
    await observe('POST', '/api/v1/cases', '/api/v1/cases', clerk, body, { 'Idempotency-Key': key });
    await observe(
      'POST',
      '/api/v1/cases',
      '/api/v1/cases',
      clerk,
      { ...body, statement: 'other' },
      { 'Idempotency-Key': key },
    );
    await observe(
      'POST',
      '/api/v1/cases',
      '/api/v1/cases',
      clerk,
      { ...body, claims: [] },
      { 'Idempotency-Key': randomUUID() },
    );
    await observe('POST', '/api/v1/cases', '/api/v1/cases', undefined, body, { 'Idempotency-Key': randomUUID() });
    const fresh = at(created.body, 'caseNumber') as string;
    await projected(stack, fresh);

    await observe('GET', '/api/v1/cases', '/api/v1/cases?limit=1', clerk);
    await observe('GET', '/api/v1/cases', '/api/v1/cases', engineer);
    await observe('GET', '/api/v1/cases/{caseNumber}', `/api/v1/cases/${caseNumber}`, clerk);
    await observe('GET', '/api/v1/cases/{caseNumber}', `/api/v1/cases/${caseNumber}`, engineer);
    await observe('GET', '/api/v1/cases/{caseNumber}', '/api/v1/cases/THR-1399-999999', clerk);
    await observe('GET', '/api/v1/cases/{caseNumber}/timeline', `/api/v1/cases/${caseNumber}/timeline`, clerk);
    await observe('GET', '/api/v1/cases/{caseNumber}/timeline', `/api/v1/cases/${caseNumber}/timeline`, engineer);
    await observe('GET', '/api/v1/cases/{caseNumber}/notices', `/api/v1/cases/${caseNumber}/notices`, clerk);
    const action = '/api/v1/cases/{caseNumber}/actions/';
    await observe('POST', `${action}accept-complaint`, `/api/v1/cases/${fresh}/actions/accept-complaint`, clerk, {});
    await observe('POST', `${action}schedule-hearing`, `/api/v1/cases/${fresh}/actions/schedule-hearing`, officer, {
      at: new Date(Date.now() + 864e5).toISOString(),
      mode: 'remote',
    });
    await observe('POST', `${action}withdraw`, `/api/v1/cases/${fresh}/actions/withdraw`, engineer, { reason: 'none' });
    await observe('POST', `${action}withdraw`, `/api/v1/cases/${fresh}/actions/withdraw`, clerk, { reason: 1 });
    const replay = {
      eventId: randomUUID(),
      noticeId: 'n-1',
      idempotencyKey: `${fresh}:complaint:respondent:1`,
      event: 'viewed',
      at: new Date().toISOString(),
    };
    seen.push(['post', '/api/v1/gateway/notice-events', await postCallback(stack, replay, { secret: 'wrong' })]);
    seen.push([
      'post',
      '/api/v1/gateway/notice-events',
      await postCallback(stack, { ...replay, idempotencyKey: 'THR-1399-999999:x' }),
    ]);

    const statuses = new Set<number>();
    for (const [method, template, reply] of seen) {
      const response = at(document, 'paths', template, method, 'responses', String(reply.status));
      expect([method, template, reply.status, response === undefined ? 'undocumented status' : 'documented']).toEqual([
        method,
        template,
        reply.status,
        'documented',
      ]);
      const schema = at(response, 'content', 'application/json', 'schema') as Record<string, unknown> | undefined;
      if (!schema) continue;
      statuses.add(reply.status);
      expect([method, template, reply.status, validate(reply.body, schema, { root: document })]).toEqual([
        method,
        template,
        reply.status,
        [],
      ]);
    }
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 401, 403, 404, 409, 422]));
  });
});
