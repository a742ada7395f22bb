/**
 * A case run of revision 1 (workflows/case/revision.ts) records one patch marker, at its start, and takes the new
 * path of every older patch without a marker of its own; it does not write again the search attributes it was
 * started with. Runs started before it replay from test/fixtures/histories (the integration tier).
 */
import { temporal } from '@temporalio/proto';
import { act, toHearing } from '../helpers/actions';
import { historyEvents } from '../helpers/histories';
import { complainantParty, validFiling, waitForState } from '../helpers/cases';
import { CaseStage, Channel, EscalationLevel, Overdue, Province } from '../../workflows/search-attributes';
import { REVISION_1 } from '../../workflows/case/revision';
import { patchMarkers, startHarness, workflowTaskFailures, type Harness } from './harness';

const EventType = temporal.api.enums.v1.EventType;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The search attribute names each upsert of a history wrote, in order. */
function upserts(events: HistoryEvent[]): string[][] {
  return events
    .filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
    .map((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}));
}

const commandEvents = new Set([
  EventType.EVENT_TYPE_MARKER_RECORDED,
  EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  EventType.EVENT_TYPE_TIMER_STARTED,
]);

/** The events the first workflow task's commands made: those right after its completion. */
function firstTaskCommands(events: HistoryEvent[]): HistoryEvent[] {
  const completed = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const after = events.slice(completed + 1);
  const end = after.findIndex((e) => !commandEvents.has(e.eventType ?? EventType.EVENT_TYPE_UNSPECIFIED));
  return end < 0 ? after : after.slice(0, end);
}

describe('revision 1', () => {
  it.concurrent(
    'a case records one patch marker, at its start, through updates, met windows, reminders and a closing',
    async () => {
      const handle = await harness.start();
      await toHearing(handle); // updates answered, the response window met, its reminder
      await act(handle, 'withdraw', complainantParty, { reason: 'paid in full' }); // a closing interrupts the stage
      expect(await handle.result()).toMatchObject({ stage: 'closed', outcome: 'withdrawn' });
      expect(await workflowTaskFailures(handle)).toEqual([]);

      const events = await historyEvents(handle);
      expect(patchMarkers(events)).toEqual([REVISION_1]);
      const written = upserts(events);
      expect(written.filter((names) => names.includes('TemporalChangeVersion'))).toEqual([['TemporalChangeVersion']]);
      // The case's own search attributes were written as they changed (accepted, in hearing, closed), never for nothing.
      expect(written.filter((names) => names.includes(CaseStage.name)).length).toBeGreaterThanOrEqual(2);
    },
  );

  it.concurrent('the first task does not write again the search attributes the case was started with', async () => {
    const handle = await harness.start();
    await waitForState(handle, (s) => s.projectedSeq >= 1); // the first task's projection has run
    const first = firstTaskCommands(await historyEvents(handle));
    expect(first.map((e) => EventType[e.eventType ?? 0])).toEqual([
      'EVENT_TYPE_MARKER_RECORDED',
      'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', // TemporalChangeVersion, with the marker
      'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED', // the read model's row
    ]);
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(CaseStage)).toBe('intake');
    expect(typedSearchAttributes.get(Province)).toBe('THR');
  });

  it.concurrent('a case started without search attributes gets them from its first task', async () => {
    const filing = validFiling({ province: 'ISF' });
    const handle = await harness.start({ filing, bareStart: true });
    await waitForState(handle, (s) => s.projectedSeq >= 1);
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(CaseStage)).toBe('intake');
    expect(typedSearchAttributes.get(Province)).toBe('ISF');
    expect(typedSearchAttributes.get(Channel)).toBe(filing.channel);
    expect(typedSearchAttributes.get(Overdue)).toBe(false);
    expect(typedSearchAttributes.get(EscalationLevel)).toBe(0);
  });
});
