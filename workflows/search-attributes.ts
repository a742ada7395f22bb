/** The custom search attributes of a case (CASE-LIFECYCLE.md); registered by the dev launcher and the tests. */
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

export const CaseStage = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
export const Province = defineSearchAttributeKey('Province', SearchAttributeType.KEYWORD);
export const Overdue = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const EscalationLevel = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
export const Channel = defineSearchAttributeKey('Channel', SearchAttributeType.KEYWORD);

export const caseSearchAttributes = [CaseStage, Province, Overdue, NextDeadline, EscalationLevel, Channel];

/**
 * What a case is started with, so it is searchable from the first moment; no personal data goes into IDs or search
 * attributes. A run of revision 1 (workflows/case/revision.ts) does not write these values again.
 */
export function filedSearchAttributes(filing: { province: string; channel: string }): SearchAttributePair[] {
  return [
    { key: CaseStage, value: 'intake' },
    { key: Province, value: filing.province },
    { key: Channel, value: filing.channel },
    { key: Overdue, value: false },
    { key: EscalationLevel, value: 0 },
  ];
}
