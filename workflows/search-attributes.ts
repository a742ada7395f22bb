/** The custom search attributes of a case (CASE-LIFECYCLE.md); registered by the dev launcher and the tests. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CaseStage = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
export const Province = defineSearchAttributeKey('Province', SearchAttributeType.KEYWORD);
export const Overdue = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const EscalationLevel = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
export const Channel = defineSearchAttributeKey('Channel', SearchAttributeType.KEYWORD);

export const caseSearchAttributes = [CaseStage, Province, Overdue, NextDeadline, EscalationLevel, Channel];
