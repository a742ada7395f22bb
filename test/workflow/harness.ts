/**
 * The workflow tier: CaseWorkflow on the run's real Temporal dev server, with its activities replaced by
 * in-test functions, as Temporal's samples test workflows. The calendar is the real (pure) one; the gateway is
 * an in-memory fake whose behaviour each test sets per recipient; projections are kept in memory.
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { CaseActivities, DeadlineRequest, ReferInput, SendNoticeInput } from '../../activities';
import type { ProjectionInput } from '../../domain/projection';
import { computeDeadline, computeReminderAt, holidaysForYear } from '../../domain/calendar';
import type { AuditEntry, Filing } from '../../domain/case';
import { GatewayFailureType } from '../../domain/gateway-failures';
import { renderNotice } from '../../domain/notices';
import type { Policy } from '../../domain/policy';
import { fastPolicy } from '../../domain/policy';
import type { NoticeStatus, ReferralState } from '../../gateway/port';
import type { CaseWorkflow } from '../../workflows/case';
import { gatewayEventUpdate } from '../../workflows/messages';
import { filedSearchAttributes } from '../../workflows/search-attributes';
import { clerk, validFiling } from '../helpers/cases';
import { historyEvents } from '../helpers/histories';
import { dataConverterFromEnv } from '../../codec/keys';

/** What the fake gateway does with a notice to a recipient (by national or legal-entity ID). */
export type Delivery =
  | { kind: 'deliver'; afterMs?: number; callback?: boolean }
  | { kind: 'unregistered' }
  | { kind: 'refuse'; type: string }
  | { kind: 'silent' }
  | { kind: 'lost' }
  | { kind: 'fail_delivery' };

export type ReferralBehaviour =
  { kind: 'progress'; to: ReferralState; afterMs?: number } | { kind: 'lost' } | { kind: 'refuse' };

export interface SentNotice {
  key: string;
  noticeId: string;
  caseRef: string;
  documentType: string;
  recipientId: string;
  title: string;
  body: string;
  sends: number;
  status: NoticeStatus;
}

export interface FakeGateway {
  notices: SentNotice[];
  referrals: { caseRef: string; key: string; referralId: string; sends: number; status: ReferralState }[];
  deliveryFor: Map<string, Delivery>;
  /** What the enforcement unit does with a case's referral, by case number; else it executes it. */
  referralFor: Map<string, ReferralBehaviour>;
  /** Entries projected so far, by case number. */
  audit: Map<string, AuditEntry[]>;
  /** The last snapshot projected, by case number: what the read model's case row would hold. */
  snapshots: Map<string, ProjectionInput['snapshot']>;
  /** Makes every projection take this long. */
  projectDelayMs: number;
  /** Makes every calendar computation take this long: an action that asks the calendar then outlasts a short ACTION_TIMEOUT_MS. */
  calendarDelayMs: number;
  /** Case numbers whose projections always fail, as a poisoned input once made them. */
  projectFails: Set<string>;
  /** Sends to these recipients wait for the promise before the gateway answers: a send kept in flight. */
  holdSends: Map<string, Promise<void>>;
  /** Every call of `sendNotice`, in order: a retry or another run's send of the same key is a call of its own. */
  sendCalls: { key: string; runId: string }[];
}

export interface Harness {
  client: Client;
  taskQueue: string;
  gateway: FakeGateway;
  start(options?: {
    filing?: Filing;
    policy?: Policy;
    referral?: ReferralBehaviour;
    /** Start without the search attributes the API gives a case (as a script or an older API might). */
    bareStart?: boolean;
  }): Promise<WorkflowHandleWithFirstExecutionRunId<typeof CaseWorkflow>>;
  close(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the workflow tier through jest, whose global setup starts Temporal`);
  return value;
}

function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.DAVAR_TEST_SDK_LOG ?? 'ERROR') as 'ERROR') });
  } catch {
    // already installed in this jest worker process
  }
}

const recipientIdOf = (input: SendNoticeInput) => input.recipient.nationalId ?? input.recipient.legalEntityId ?? '';
/**
 * Unref'd: a gateway event set far ahead (a referral that progresses after 60 s) must not keep jest's worker alive
 * after the last test; jest then reported "a worker process has failed to exit gracefully".
 */
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

function fakeActivities(client: Client, gateway: FakeGateway): CaseActivities {
  let ids = 0;
  const referralOf = (caseRef: string): ReferralBehaviour =>
    gateway.referralFor.get(caseRef) ?? { kind: 'progress', to: 'executed' };
  const calendarPolicy = (request: DeadlineRequest) => request.policy;
  const notify = (workflowId: string, notice: SentNotice, event: 'delivered' | 'failed', afterMs: number) => {
    void wait(afterMs).then(async () => {
      const at = new Date().toISOString();
      notice.status = {
        noticeId: notice.noticeId,
        status: event,
        acceptedAt: at,
        ...(event === 'delivered' ? { deliveredAt: at } : { failureReason: 'mailbox closed' }),
      };
      const failureReason = event === 'failed' ? 'mailbox closed' : undefined;
      // As the webhook hands a callback over (api/temporal.ts).
      await client.workflow
        .getHandle(workflowId)
        .executeUpdate(gatewayEventUpdate, {
          args: [
            {
              kind: 'notice',
              event: { noticeId: notice.noticeId, idempotencyKey: notice.key, event, at, failureReason },
            },
          ],
        })
        .catch(() => undefined); // the case may have closed meanwhile
    });
  };
  return {
    async computeDeadline(request) {
      if (gateway.calendarDelayMs) await wait(gateway.calendarDelayMs);
      const { dueAt, dueAtJalali, provisional } = computeDeadline(
        request.from,
        request.rule,
        calendarPolicy(request),
        holidaysForYear,
      );
      return { dueAt, dueAtJalali, provisional };
    },
    async computeReminder(request) {
      const { remindAt, provisional } = computeReminderAt(
        request.from,
        request.rule,
        calendarPolicy(request),
        holidaysForYear,
      );
      return { remindAt, provisional };
    },
    async sendNotice(input) {
      const { workflowExecution } = Context.current().info;
      gateway.sendCalls.push({ key: input.idempotencyKey, runId: workflowExecution?.runId ?? '' });
      await gateway.holdSends.get(recipientIdOf(input));
      const behaviour = gateway.deliveryFor.get(recipientIdOf(input)) ?? { kind: 'deliver' };
      if (behaviour.kind === 'unregistered') {
        throw ApplicationFailure.create({
          type: GatewayFailureType.RecipientNotRegistered,
          message: 'no electronic account',
          nonRetryable: true,
        });
      }
      if (behaviour.kind === 'refuse')
        throw ApplicationFailure.create({ type: behaviour.type, message: `refused (${behaviour.type})` });
      const existing = gateway.notices.find((n) => n.key === input.idempotencyKey);
      if (existing) {
        existing.sends += 1;
        return { noticeId: existing.noticeId, acceptedAt: existing.status.acceptedAt };
      }
      const acceptedAt = new Date().toISOString();
      const notice: SentNotice = {
        key: input.idempotencyKey,
        noticeId: `n-${++ids}`,
        caseRef: input.caseRef,
        documentType: input.documentType,
        recipientId: recipientIdOf(input),
        ...renderNotice(input.content),
        sends: 1,
        status: { noticeId: '', status: 'accepted', acceptedAt },
      };
      notice.status.noticeId = notice.noticeId;
      gateway.notices.push(notice);
      const workflowId = workflowExecution?.workflowId ?? '';
      if (behaviour.kind === 'deliver') {
        if (behaviour.callback === false) {
          notice.status = { ...notice.status, status: 'delivered', deliveredAt: acceptedAt };
        } else notify(workflowId, notice, 'delivered', behaviour.afterMs ?? 50);
      }
      if (behaviour.kind === 'fail_delivery') notify(workflowId, notice, 'failed', 50);
      return { noticeId: notice.noticeId, acceptedAt };
    },
    async getNoticeStatus(noticeId) {
      const notice = gateway.notices.find((n) => n.noticeId === noticeId);
      const behaviour = notice && gateway.deliveryFor.get(notice.recipientId);
      if (!notice || behaviour?.kind === 'lost') {
        throw ApplicationFailure.create({
          type: GatewayFailureType.GatewayNotFound,
          message: `no notice ${noticeId}`,
          nonRetryable: true,
        });
      }
      return notice.status;
    },
    async referToEnforcement(input: ReferInput) {
      const behaviour = referralOf(input.request.caseRef);
      if (behaviour.kind === 'refuse') {
        throw ApplicationFailure.create({
          type: GatewayFailureType.InvalidRequest,
          message: 'refused',
          nonRetryable: true,
        });
      }
      const existing = gateway.referrals.find((r) => r.key === input.idempotencyKey);
      if (existing) {
        existing.sends += 1;
        return { referralId: existing.referralId };
      }
      const referral: FakeGateway['referrals'][number] = {
        caseRef: input.request.caseRef,
        key: input.idempotencyKey,
        referralId: `r-${++ids}`,
        sends: 1,
        status: 'accepted',
      };
      gateway.referrals.push(referral);
      if (behaviour.kind === 'progress') {
        const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
        void wait(behaviour.afterMs ?? 50).then(async () => {
          referral.status = behaviour.to;
          const event = behaviour.to === 'accepted' ? 'order_issued' : behaviour.to;
          if (!workflowId) return;
          const at = new Date().toISOString();
          await client.workflow
            .getHandle(workflowId)
            .executeUpdate(gatewayEventUpdate, {
              args: [
                {
                  kind: 'referral',
                  event: { referralId: referral.referralId, idempotencyKey: referral.key, event, at },
                },
              ],
            })
            .catch(() => undefined);
        });
      }
      return { referralId: referral.referralId };
    },
    async getReferralStatus(referralId) {
      const referral = gateway.referrals.find((r) => r.referralId === referralId);
      if (!referral || referralOf(referral.caseRef).kind === 'lost') {
        throw ApplicationFailure.create({
          type: GatewayFailureType.GatewayNotFound,
          message: `no referral ${referralId}`,
          nonRetryable: true,
        });
      }
      return { referralId, status: referral.status, updatedAt: new Date().toISOString() };
    },
    async project(input: ProjectionInput) {
      if (gateway.projectDelayMs) await wait(gateway.projectDelayMs);
      if (gateway.projectFails.has(input.snapshot.caseNumber))
        throw new Error('invalid byte sequence for encoding "UTF8"');
      const entries = gateway.audit.get(input.snapshot.caseNumber) ?? [];
      for (const entry of input.entries) if (!entries.some((e) => e.seq === entry.seq)) entries.push(entry);
      gateway.audit.set(input.snapshot.caseNumber, entries);
      gateway.snapshots.set(input.snapshot.caseNumber, input.snapshot);
    },
  };
}

let caseSeq = 0;

export async function startHarness(options: { temporalAddress?: string } = {}): Promise<Harness> {
  quietRuntime();
  const address = options.temporalAddress ?? required('DAVAR_TEST_TEMPORAL_ADDRESS');
  const taskQueue = `wf-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: dataConverterFromEnv() });
  const nativeConnection = await NativeConnection.connect({ address });
  const gateway: FakeGateway = {
    notices: [],
    referrals: [],
    deliveryFor: new Map(),
    referralFor: new Map(),
    audit: new Map(),
    projectDelayMs: 0,
    snapshots: new Map(),
    calendarDelayMs: 0,
    projectFails: new Set(),
    holdSends: new Map(),
    sendCalls: [],
  };
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: required('DAVAR_TEST_WORKFLOW_BUNDLE') },
    dataConverter: dataConverterFromEnv(),
    activities: fakeActivities(client, gateway),
  });
  const running = worker.run();
  return {
    client,
    taskQueue,
    gateway,
    async start({ filing, policy, referral, bareStart = false } = {}) {
      const caseNumber = `THR-1398-${String(++caseSeq).padStart(6, '0')}`;
      if (referral) gateway.referralFor.set(caseNumber, referral);
      const filed = filing ?? validFiling();
      // The task queue is unique to this harness, so it keeps workflow IDs apart on the shared server.
      return client.workflow.start<typeof CaseWorkflow>('CaseWorkflow', {
        workflowId: `case-${caseNumber}-${taskQueue}`,
        taskQueue,
        typedSearchAttributes: bareStart ? undefined : filedSearchAttributes(filed), // as the API starts a case
        args: [
          {
            kind: 'new',
            case: {
              caseNumber,
              filing: filed,
              filedAt: new Date().toISOString(),
              filedBy: clerk,
              policy: policy ?? fastPolicy,
            },
          },
        ],
      });
    },
    async close() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}

export const respondentIdOf = (filing: Filing): string =>
  filing.respondent.legalEntityId ?? filing.respondent.nationalId ?? '';

/** The refusal an update failed with: the whole chain, update failure → ApplicationFailure with its type. */
export async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return { type: (cause as ApplicationFailure).type ?? undefined, message: (cause as ApplicationFailure).message };
}

/**
 * Causes the server gives a workflow task that completed while something new arrived (a signal, an update, a
 * cache eviction on a busy worker): Temporal runs the task again by design, and nothing in the case is wrong.
 */
const { WorkflowTaskFailedCause } = temporal.api.enums.v1;
const benignCauses = new Set([
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_UPDATE,
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_STICKY_TASK_QUEUE,
]);

/**
 * Workflow tasks that failed for a reason in the code (an unhandled rejection, a throw in a handler,
 * nondeterminism), each as "<cause>: <message>": none may appear.
 */
export async function workflowTaskFailures(handle: WorkflowHandle): Promise<string[]> {
  return (await historyEvents(handle)).flatMap(({ workflowTaskFailedEventAttributes: failed }) => {
    const cause = failed?.cause ?? 0;
    return failed && !benignCauses.has(cause)
      ? [`${WorkflowTaskFailedCause[cause]}: ${failed.failure?.message ?? ''}`]
      : [];
  });
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The patch IDs of a history's patch markers, in order. */
export function patchMarkers(events: HistoryEvent[]): string[] {
  return events
    .filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED)
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => {
      const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
      return (JSON.parse(Buffer.from(data ?? []).toString('utf8')) as { id: string }).id;
    });
}
