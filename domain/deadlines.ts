/** Deadline IDs, built in one place so that the workflow, the actions and the tests cannot spell them differently. */
import type { Instance } from './case';
import type { DeadlineKind, Side } from './vocabulary';

export type DeadlineId = string & { readonly __deadlineId: unique symbol };
const id = (s: string) => s as DeadlineId;

export const deadlineIds = {
  /** The complainant's window to correct the complaint, one per request. */
  correction: (request: number) => id(`correction:${request}`),
  /** The gateway must report delivery of this notice in time, or the case escalates. */
  noticeDelivery: (noticeKey: string) => id(`notice_delivery:${noticeKey}`),
  /** A clerk must serve this notice by hand in time. */
  manualService: (noticeKey: string) => id(`manual_service:${noticeKey}`),
  response: () => id('response'),
  hearingScheduling: (instance: Instance, session: number) => id(`hearing_scheduling:${instance}:${session}`),
  ruling: (instance: Instance, session: number) => id(`ruling:${instance}:${session}`),
  appeal: (party: Side) => id(`appeal:${party}`),
  compliance: () => id('compliance'),
} satisfies Record<string, (...args: never[]) => DeadlineId>;

/** The kind each builder makes, to check a deadline record against its ID. */
export const kindOfBuilder: Record<keyof typeof deadlineIds, DeadlineKind> = {
  correction: 'correction',
  noticeDelivery: 'notice_delivery',
  manualService: 'manual_service',
  response: 'response',
  hearingScheduling: 'hearing_scheduling',
  ruling: 'ruling',
  appeal: 'appeal',
  compliance: 'compliance',
};

/** Windows the law fixes: no officer may extend them. */
export const statutoryDeadlines: readonly DeadlineKind[] = ['appeal'];

/** Deadlines that belong to a party, with the side that gets a reminder before they pass. */
export const partyDeadlines: Partial<Record<DeadlineKind, Side | 'own'>> = {
  correction: 'complainant',
  response: 'respondent',
  appeal: 'own',
  compliance: 'respondent',
};

/** Who a deadline reminds: its own party for a per-party window, else the side the table names. */
export function reminderRecipient(deadline: { kind: DeadlineKind; party?: Side }): Side | undefined {
  const who = partyDeadlines[deadline.kind];
  return who === 'own' ? deadline.party : who;
}
