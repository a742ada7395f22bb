/** Which form each action opens: one entry per action of the API, so a new action cannot go without a form. */
import type { ComponentType } from 'react';
import type { ActionSegment } from '../api/client';
import type { FormProps } from './common';
import {
  AcceptComplaint,
  FileAppeal,
  RecordManualService,
  RecordResponse,
  RejectComplaint,
  RequestCorrection,
  SetAsideService,
  Settle,
  SubmitCorrection,
  Withdraw,
} from './intake';
import {
  AdjournHearing,
  AssignBoard,
  ExtendDeadline,
  RecordCompliance,
  RecordEnforcementDecision,
  RecordHearingHeld,
  ScheduleHearing,
} from './officer';
import { CastVote } from './vote';

export const actionForms: { [S in ActionSegment]: ComponentType<FormProps<S>> } = {
  'accept-complaint': AcceptComplaint,
  'request-correction': RequestCorrection,
  'submit-correction': SubmitCorrection,
  'reject-complaint': RejectComplaint,
  'record-manual-service': RecordManualService,
  'record-response': RecordResponse,
  'assign-board': AssignBoard,
  'schedule-hearing': ScheduleHearing,
  'adjourn-hearing': AdjournHearing,
  'record-hearing-held': RecordHearingHeld,
  'cast-vote': CastVote,
  'file-appeal': FileAppeal,
  'extend-deadline': ExtendDeadline,
  'record-compliance': RecordCompliance,
  'record-enforcement-decision': RecordEnforcementDecision,
  settle: Settle,
  withdraw: Withdraw,
  'set-aside-service': SetAsideService,
};
