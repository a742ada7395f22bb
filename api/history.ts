/** A workflow history as one readable line per event, for engineers who do not want to read protobuf JSON. */
import { tsToMs } from '@temporalio/common/lib/time';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import type { HistorySummary } from './schemas';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type SummaryEvent = HistorySummary['events'][number];

const EventType = temporal.api.enums.v1.EventType;

/** `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` → `ActivityTaskScheduled`, the names Temporal's Web UI shows. */
function typeName(code: number | null | undefined): string {
  const name = code === null || code === undefined ? undefined : EventType[code];
  if (!name) return `Unknown(${String(code)})`;
  return name
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_m, _u: string, c: string) => c.toUpperCase());
}

// Int64 fields arrive as numbers or Long objects; both print as decimal digits.
const int = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(String(value));

function describe(event: HistoryEvent, activityTypes: Map<number, string>) {
  const scheduledType = (scheduledEventId: unknown) => activityTypes.get(int(scheduledEventId) ?? -1);
  const scheduled = event.activityTaskScheduledEventAttributes;
  if (scheduled) return { activityType: scheduled.activityType?.name ?? undefined };
  const started = event.activityTaskStartedEventAttributes;
  if (started) {
    return {
      activityType: scheduledType(started.scheduledEventId),
      attempt: started.attempt ?? undefined,
      failure: started.lastFailure?.message ?? undefined,
    };
  }
  const completed = event.activityTaskCompletedEventAttributes;
  if (completed) return { activityType: scheduledType(completed.scheduledEventId) };
  const failed = event.activityTaskFailedEventAttributes;
  if (failed)
    return { activityType: scheduledType(failed.scheduledEventId), failure: failed.failure?.message ?? undefined };
  const timedOut = event.activityTaskTimedOutEventAttributes;
  if (timedOut) {
    return { activityType: scheduledType(timedOut.scheduledEventId), failure: timedOut.failure?.message ?? undefined };
  }
  const timerId =
    event.timerStartedEventAttributes?.timerId ??
    event.timerFiredEventAttributes?.timerId ??
    event.timerCanceledEventAttributes?.timerId;
  if (timerId) return { timerId };
  const signal = event.workflowExecutionSignaledEventAttributes;
  if (signal) return { name: signal.signalName ?? undefined };
  const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
  if (accepted) return { name: accepted.acceptedRequest?.input?.name ?? undefined };
  const updateDone = event.workflowExecutionUpdateCompletedEventAttributes;
  if (updateDone) return { failure: updateDone.outcome?.failure?.message ?? undefined };
  const taskFailed = event.workflowTaskFailedEventAttributes;
  if (taskFailed) return { failure: taskFailed.failure?.message ?? undefined };
  const wfStarted = event.workflowExecutionStartedEventAttributes;
  if (wfStarted) return { name: wfStarted.workflowType?.name ?? undefined, attempt: wfStarted.attempt ?? undefined };
  const wfFailed = event.workflowExecutionFailedEventAttributes;
  if (wfFailed) return { failure: wfFailed.failure?.message ?? undefined };
  return {};
}

export function summarizeHistory(caseNumber: string, workflowId: string, history: History): HistorySummary {
  const activityTypes = new Map<number, string>();
  const events: SummaryEvent[] = (history.events ?? []).map((event) => {
    const eventId = int(event.eventId) ?? 0;
    const type = typeName(event.eventType);
    const details = describe(event, activityTypes);
    if (event.activityTaskScheduledEventAttributes && details.activityType) {
      activityTypes.set(eventId, details.activityType);
    }
    const time = new Date(tsToMs(event.eventTime)).toISOString();
    const parts = [
      time,
      `#${eventId}`,
      type,
      'activityType' in details && details.activityType,
      'timerId' in details && `timer ${details.timerId}`,
      'name' in details && details.name,
      'attempt' in details && details.attempt && details.attempt > 1 && `attempt ${details.attempt}`,
      'failure' in details && details.failure && `failure: ${details.failure}`,
    ];
    return { eventId, time, type, ...details, line: parts.filter(Boolean).join(' ') };
  });
  return { caseNumber, workflowId, events };
}
