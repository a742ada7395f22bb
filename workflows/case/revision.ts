/**
 * Which paths of the workflow code a case run takes. Every change to workflow code since 0.3 went behind a patch,
 * and a patch costs each new run a marker and an upsert of `TemporalChangeVersion` (an event pair and a visibility
 * write) the first time the run reaches it: four per case by 0.3.9, one of them in the first workflow task of every
 * filing. A revision gathers them: a run that records `case-revision-1` at its start takes the new path of every
 * patch listed for it without a marker of its own. A run without that marker in its history (started before 0.3.10)
 * asks each patch as it always did, so its history replays as it ran.
 *
 * Why a marker and not a flag in the run's input: the code that runs a case's first task must be the one that says
 * which paths it took. The API (or a run continuing as new) may be newer or older than the worker that takes the
 * task during a rolling deploy; a marker is written by that worker alone.
 */
import { patched } from '@temporalio/workflow';

/** 0.3: updates answer without waiting for the read model (handlers.ts). */
export const ANSWER_BEFORE_PROJECTION = 'answer-before-projection';
/** 0.3: a met deadline's closure is an audit entry (deadlines.ts). */
export const AUDIT_DEADLINE_CLOSE = 'audit-deadline-close';
/** 0.3.1: search attributes are written with the projection, not after each audit entry (context.ts). */
export const SEARCH_ATTRIBUTES_WITH_PROJECTION = 'search-attributes-with-projection';
/** 0.3: a reminder still being sent when its window closes gives way (reminders.ts). */
export const REMINDER_GIVES_WAY = 'reminder-gives-way';
/** 0.3.9: a stage that finishes in the activation that interrupts it keeps its exit (index.ts; `runScoped` in tasks.ts). */
export const EXIT_BEFORE_INTERRUPTION = 'exit-before-interruption';

/**
 * 0.3.10: the patches above without their markers, and no upsert of the search attributes the run started with
 * (the API sets them at the start: writing them again in the first task was a second visibility write per filing).
 */
export const REVISION_1 = 'case-revision-1';

const inRevision1: ReadonlySet<string> = new Set([
  ANSWER_BEFORE_PROJECTION,
  AUDIT_DEADLINE_CLOSE,
  SEARCH_ATTRIBUTES_WITH_PROJECTION,
  REMINDER_GIVES_WAY,
  EXIT_BEFORE_INTERRUPTION,
]);

/**
 * 0.3.12: a run does not continue as new while a gateway send is in flight (index.ts). Not in a revision: asked only
 * by a run that Temporal asks to continue as new during a send, so only such a run carries its marker.
 */
export const CONTINUE_AFTER_SENDS = 'continue-after-sends';

export class Revision {
  /** 1 for a run that recorded `case-revision-1`, 0 for one started before it. */
  readonly level: 0 | 1;

  /** Call once, in the run's first activation (`CaseContext`): the marker is the first command of a new run. */
  constructor() {
    this.level = patched(REVISION_1) ? 1 : 0;
  }

  /** Whether this run takes the new path of `patchId`: without a marker from revision 1 on, else as the patch says. */
  has(patchId: string): boolean {
    return (this.level >= 1 && inRevision1.has(patchId)) || patched(patchId);
  }
}
