/**
 * What a notice says. The workflow passes facts (instants, amounts, decisions) and the `sendNotice` activity
 * renders them here, so the text is the same on every retry of one notice and the workflow never formats dates.
 */
import { toJalali } from './calendar';
import type { Award, Instance } from './case';
import type { DurationRule } from './policy';
import { formatRials } from './money';
import type { DeadlineKind, HearingMode, Side, VoteDecision } from './vocabulary';

export type NoticeContent =
  | { kind: 'complaint'; caseNumber: string; claims: number; responseWindow: DurationRule }
  | {
      kind: 'summons';
      caseNumber: string;
      instance: Instance;
      session: number;
      at: string;
      mode: HearingMode;
      location?: string;
      recipient: Side;
    }
  | {
      kind: 'ruling';
      caseNumber: string;
      instance: Instance;
      decision: VoteDecision;
      awards: Award[];
      recipient: Side;
      /** For a first-instance ruling: the last instant this party may appeal, if served the day it is sent. */
      appealUntil?: string;
      appealWindow?: DurationRule;
    }
  | { kind: 'reminder'; caseNumber: string; deadline: DeadlineKind; dueAt: string; recipient: Side };

const unitNames: Record<DurationRule['unit'], string> = {
  business_days: 'business days',
  calendar_days: 'calendar days',
  hours: 'hours',
  minutes: 'minutes',
  seconds: 'seconds',
};
const describeRule = (rule: DurationRule) => `${rule.amount} ${unitNames[rule.unit]}`;

const boards: Record<Instance, string> = { 1: 'Diagnosis Board', 2: 'Dispute Resolution Board' };

const deadlineNames: Record<DeadlineKind, string> = {
  correction: 'your window to correct the complaint',
  notice_delivery: 'the delivery of a notice',
  manual_service: 'service of a notice by hand',
  response: 'your window to answer the complaint',
  hearing_scheduling: 'the scheduling of the hearing',
  ruling: 'the ruling',
  appeal: 'your window to appeal the ruling',
  compliance: 'your window to comply with the final ruling',
};

const decisions: Record<VoteDecision, string> = {
  uphold: 'the claims are upheld',
  partial: 'the claims are upheld in part',
  reject: 'the claims are rejected',
};

export function renderNotice(content: NoticeContent): { title: string; body: string } {
  const ref = `Case ${content.caseNumber}`;
  switch (content.kind) {
    case 'complaint':
      return {
        title: 'Labor complaint filed against you',
        body: [
          `${ref}: a complaint with ${content.claims} claim(s) has been filed against you.`,
          'Both sides are invited to conciliation first; a settlement both sign closes the case.',
          `You may answer within ${describeRule(content.responseWindow)} of this notice's delivery.`,
        ].join('\n'),
      };
    case 'summons': {
      const where =
        content.mode === 'remote' ? 'a remote review (the board reads the file and votes online)' : 'a session';
      return {
        title: `Summons to the ${boards[content.instance]} on ${toJalali(content.at)}`,
        body: [
          `${ref}: the ${boards[content.instance]} holds ${where} on ${toJalali(content.at)} (${content.at}).`,
          content.location ? `Place: ${content.location}.` : '',
          'Absence does not stop the hearing.',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    }
    case 'ruling': {
      const awards = content.awards.map((a) => `claim ${a.claimIndex + 1}: ${formatRials(a.amountRials)} rials`);
      const appeal =
        content.appealUntil && content.appealWindow
          ? `The ${content.recipient} may appeal in writing to the Dispute Resolution Board within ${describeRule(
              content.appealWindow,
            )} of this notice's delivery: until ${toJalali(content.appealUntil)} if it is delivered today.`
          : 'This ruling is final and cannot be appealed.';
      return {
        title: `Ruling of the ${boards[content.instance]}`,
        body: [`${ref}: ${decisions[content.decision]}.`, ...awards, appeal].join('\n'),
      };
    }
    case 'reminder':
      return {
        title: `Reminder: ${deadlineNames[content.deadline]} ends on ${toJalali(content.dueAt)}`,
        body: `${ref}: ${deadlineNames[content.deadline]} ends on ${toJalali(content.dueAt)} (${content.dueAt}).`,
      };
  }
}
