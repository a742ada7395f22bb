/** Mirroring a Davar history into the bare workflow's shape: one step per workflow task, same work, same order. */
import { temporal } from '@temporalio/proto';
import { countEvents, messagesOf, shapeOf, workOf, workOfShape, type EventLike } from '../../../bench/lib/shape';

const T = temporal.api.enums.v1.EventType;
let id = 0;
const ev = (eventType: temporal.api.enums.v1.EventType, attrs: Partial<EventLike> = {}): EventLike => ({
  eventId: ++id,
  eventType,
  ...attrs,
});
const task = () => [
  ev(T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
  ev(T.EVENT_TYPE_WORKFLOW_TASK_STARTED),
  ev(T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
];

function history(): EventLike[] {
  id = 0;
  const events: EventLike[] = [ev(T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED), ...task()];
  const scheduled = ev(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, {
    activityTaskScheduledEventAttributes: { activityType: { name: 'project' } },
  });
  events.push(
    scheduled,
    ev(T.EVENT_TYPE_MARKER_RECORDED, { markerRecordedEventAttributes: { markerName: 'core_patch' } }),
    ev(T.EVENT_TYPE_TIMER_STARTED, {
      timerStartedEventAttributes: { timerId: '1', startToFireTimeout: { seconds: 3, nanos: 500_000_000 } },
    }),
    ev(T.EVENT_TYPE_TIMER_STARTED, {
      timerStartedEventAttributes: { timerId: '2', startToFireTimeout: { seconds: 9 } },
    }),
    ev(T.EVENT_TYPE_ACTIVITY_TASK_STARTED),
    ev(T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, {
      activityTaskCompletedEventAttributes: { scheduledEventId: scheduled.eventId },
    }),
    ev(T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
      workflowExecutionSignaledEventAttributes: { signalName: 'noticeEvent' },
    }),
    ...task(),
    ev(T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, {
      workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: 'acceptComplaint' } } },
    }),
    ev(T.EVENT_TYPE_MARKER_RECORDED, { markerRecordedEventAttributes: { markerName: 'core_local_activity' } }),
    ev(T.EVENT_TYPE_TIMER_CANCELED, { timerCanceledEventAttributes: { timerId: '2' } }),
    ev(T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED),
    ev(T.EVENT_TYPE_TIMER_FIRED, { timerFiredEventAttributes: { timerId: '1' } }),
    ...task(),
    ev(T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED),
  );
  return events;
}

describe('bench shape', () => {
  it('makes one step per completed workflow task, waiting for what woke it', () => {
    const { steps } = shapeOf(history());
    expect(steps).toEqual([
      {
        awaits: [],
        commands: [
          { kind: 'activity', ref: 5, name: 'project' },
          { kind: 'startTimer', ref: '1', ms: 3500 },
          { kind: 'startTimer', ref: '2', ms: 9000 },
        ],
      },
      {
        awaits: [
          { kind: 'activity', ref: 5 },
          { kind: 'signal', name: 'noticeEvent' },
          { kind: 'update', name: 'acceptComplaint' },
        ],
        commands: [
          { kind: 'localActivity', name: 'core_local_activity' },
          { kind: 'cancelTimer', ref: '2' },
        ],
      },
      { awaits: [{ kind: 'timer', ref: '1' }], commands: [] },
    ]);
  });

  it('does the work the history did, patch markers aside', () => {
    const events = history();
    const shape = shapeOf(events);
    const { searchAttributeUpserts: _upserts, workflowTasks, ...work } = workOf(events);
    expect(workflowTasks).toBe(3);
    expect(workOfShape(shape)).toEqual(work);
    expect(work).toMatchObject({ activities: 1, localActivities: 1, timersStarted: 2, timersFired: 1, updates: 1 });
    expect(countEvents(events).MARKER_RECORDED).toBe(2);
    expect(messagesOf(shape)).toEqual([
      { kind: 'signal', name: 'noticeEvent' },
      { kind: 'update', name: 'acceptComplaint' },
    ]);
  });
});
