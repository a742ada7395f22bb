/**
 * Reads a Davar case's history into the shape the bare workflow mirrors (bench/baseline/shape-types.ts), and
 * counts its events by type so the report can show that both sides did the same work. Pure: the unit tests feed
 * it hand-made events.
 */
import { temporal } from '@temporalio/proto';
import type { Command, Message, Shape, Step, Trigger } from '../baseline/shape-types';

const T = temporal.api.enums.v1.EventType;
type LongLike = number | string | { toNumber(): number } | null | undefined;

/** The few fields of a history event the mirror needs (the SDK's IHistoryEvent has them all). */
export interface EventLike {
  eventId?: LongLike;
  eventType?: temporal.api.enums.v1.EventType | null;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  activityTaskCompletedEventAttributes?: { scheduledEventId?: LongLike } | null;
  activityTaskFailedEventAttributes?: { scheduledEventId?: LongLike } | null;
  activityTaskTimedOutEventAttributes?: { scheduledEventId?: LongLike } | null;
  timerStartedEventAttributes?: {
    timerId?: string | null;
    startToFireTimeout?: { seconds?: LongLike; nanos?: number | null } | null;
  } | null;
  timerFiredEventAttributes?: { timerId?: string | null } | null;
  timerCanceledEventAttributes?: { timerId?: string | null } | null;
  markerRecordedEventAttributes?: { markerName?: string | null } | null;
  workflowExecutionSignaledEventAttributes?: { signalName?: string | null } | null;
  workflowExecutionUpdateAcceptedEventAttributes?: {
    acceptedRequest?: { input?: { name?: string | null } | null } | null;
  } | null;
}

export function toNumber(value: LongLike): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return value.toNumber();
}

export function eventTypeName(type: temporal.api.enums.v1.EventType | null | undefined): string {
  const name = T[type ?? T.EVENT_TYPE_UNSPECIFIED] ?? 'EVENT_TYPE_UNSPECIFIED';
  return name.replace(/^EVENT_TYPE_/, '');
}

/** The marker the TypeScript SDK (its Rust core) records for a local activity. */
export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
const isLocalActivity = (event: EventLike) => event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER;

/** How many events of each type the history holds (e.g. ACTIVITY_TASK_SCHEDULED: 37). */
export function countEvents(events: readonly EventLike[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) {
    const name = eventTypeName(event.eventType);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** Activities, timers, signals and updates of a history; what the bare workflow must match. */
export function workOf(events: readonly EventLike[]): Record<string, number> {
  const counts = countEvents(events);
  const get = (name: string) => counts[name] ?? 0;
  return {
    activities: get('ACTIVITY_TASK_SCHEDULED'),
    localActivities: events.filter(isLocalActivity).length,
    timersStarted: get('TIMER_STARTED'),
    timersFired: get('TIMER_FIRED'),
    timersCanceled: get('TIMER_CANCELED'),
    signals: get('WORKFLOW_EXECUTION_SIGNALED'),
    updates: get('WORKFLOW_EXECUTION_UPDATE_ACCEPTED'),
    searchAttributeUpserts: get('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'),
    workflowTasks: get('WORKFLOW_TASK_COMPLETED'),
  };
}

const durationMs = (d: { seconds?: LongLike; nanos?: number | null } | null | undefined) =>
  toNumber(d?.seconds) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);

/**
 * One step per completed workflow task. Events after a WORKFLOW_TASK_COMPLETED are that task's commands (and the
 * updates it accepted); completions, fired timers and signals before the next one are what woke the next task.
 */
export function shapeOf(events: readonly EventLike[]): Shape {
  const steps: Step[] = [];
  let pending: Trigger[] = [];
  let current: Step | undefined;
  for (const event of events) {
    const type = event.eventType;
    const completedRef = (attrs: { scheduledEventId?: LongLike } | null | undefined) =>
      pending.push({ kind: 'activity', ref: toNumber(attrs?.scheduledEventId) });
    switch (type) {
      case T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        current = { awaits: pending, commands: [] };
        steps.push(current);
        pending = [];
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        current?.commands.push({
          kind: 'activity',
          ref: toNumber(event.eventId),
          name: event.activityTaskScheduledEventAttributes?.activityType?.name ?? '',
        });
        break;
      case T.EVENT_TYPE_MARKER_RECORDED:
        // Patch markers (core_patch) are bookkeeping, not work: only local activities are mirrored.
        if (isLocalActivity(event)) current?.commands.push({ kind: 'localActivity', name: LOCAL_ACTIVITY_MARKER });
        break;
      case T.EVENT_TYPE_TIMER_STARTED: {
        const attrs = event.timerStartedEventAttributes;
        current?.commands.push({
          kind: 'startTimer',
          ref: attrs?.timerId ?? '',
          ms: durationMs(attrs?.startToFireTimeout),
        });
        break;
      }
      case T.EVENT_TYPE_TIMER_CANCELED:
        current?.commands.push({ kind: 'cancelTimer', ref: event.timerCanceledEventAttributes?.timerId ?? '' });
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        current?.awaits.push({
          kind: 'update',
          name: event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? '',
        });
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
        completedRef(event.activityTaskCompletedEventAttributes);
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_FAILED:
        completedRef(event.activityTaskFailedEventAttributes);
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
        completedRef(event.activityTaskTimedOutEventAttributes);
        break;
      case T.EVENT_TYPE_TIMER_FIRED:
        pending.push({ kind: 'timer', ref: event.timerFiredEventAttributes?.timerId ?? '' });
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        pending.push({ kind: 'signal', name: event.workflowExecutionSignaledEventAttributes?.signalName ?? '' });
        break;
      default:
        break;
    }
  }
  return { steps };
}

/** The signals and updates the bare driver sends, in the order the case received them. */
export function messagesOf(shape: Shape): Message[] {
  return shape.steps.flatMap((step) =>
    step.awaits.flatMap((t): Message[] => (t.kind === 'signal' || t.kind === 'update' ? [t] : [])),
  );
}

/** The work a shape performs, counted like workOf counts a history (for the report's side-by-side check). */
export function workOfShape(shape: Shape): Record<string, number> {
  const commands: Command[] = shape.steps.flatMap((s) => s.commands);
  const triggers: Trigger[] = shape.steps.flatMap((s) => s.awaits);
  const count = <K extends string>(list: { kind: K }[], kind: K) => list.filter((x) => x.kind === kind).length;
  return {
    activities: count(commands, 'activity'),
    localActivities: count(commands, 'localActivity'),
    timersStarted: count(commands, 'startTimer'),
    timersFired: count(triggers, 'timer'),
    timersCanceled: count(commands, 'cancelTimer'),
    signals: count(triggers, 'signal'),
    updates: count(triggers, 'update'),
  };
}

/** How many of each activity the shape schedules (projections, deadlines, notices…): where a case's tasks go. */
export function activitiesByName(shape: Shape): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const command of shape.steps.flatMap((s) => s.commands)) {
    if (command.kind === 'activity') counts[command.name] = (counts[command.name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
}
