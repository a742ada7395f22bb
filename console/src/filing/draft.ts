/** The complaint as the clerk fills it in, step by step, and the filing body the API takes, built from it. */
import { isValidLegalEntityId, isValidNationalId } from '../../../domain/ids';
import type { ClaimKind, Channel } from '../../../domain/vocabulary';
import type { Filing } from '../api/client';

export interface DraftClaim {
  kind: ClaimKind;
  amountRials?: number;
  description: string;
}

export interface Draft {
  province: string;
  channel: Extract<Channel, 'counter' | 'office'>;
  workerName: string;
  workerId: string;
  phone: string;
  address: string;
  employerIsCompany: boolean;
  employerName: string;
  employerId: string;
  workshopAddress: string;
  startedOn: string;
  endedOn: string;
  jobTitle: string;
  wage: number | string;
  claims: DraftClaim[];
  statement: string;
}

export const emptyDraft = (province: string): Draft => ({
  province,
  channel: 'counter',
  workerName: '',
  workerId: '',
  phone: '',
  address: '',
  employerIsCompany: true,
  employerName: '',
  employerId: '',
  workshopAddress: '',
  startedOn: '',
  endedOn: '',
  jobTitle: '',
  wage: '',
  claims: [],
  statement: '',
});

export type IdCheck = 'empty' | 'incomplete' | 'invalid' | 'valid';

/** The check of an ID as it is typed: wrong only once all its digits are there. */
export function checkId(value: string, length: 10 | 11): IdCheck {
  if (!value) return 'empty';
  if (value.length < length) return 'incomplete';
  const valid = length === 10 ? isValidNationalId(value) : isValidLegalEntityId(value);
  return valid ? 'valid' : 'invalid';
}

export const steps = ['stepWorker', 'stepEmployer', 'stepWork', 'stepClaims', 'stepStatement', 'stepConfirm'] as const;
export type Step = (typeof steps)[number];

/** Whether a step is complete enough to go on; the API checks everything again. */
export function stepComplete(step: Step, d: Draft): boolean {
  switch (step) {
    case 'stepWorker':
      return d.workerName.trim().length >= 2 && checkId(d.workerId, 10) === 'valid';
    case 'stepEmployer':
      return d.employerName.trim().length >= 2 && checkId(d.employerId, d.employerIsCompany ? 11 : 10) === 'valid';
    case 'stepWork':
      return Boolean(d.startedOn) && d.jobTitle.trim().length > 0 && d.wage !== '' && Number(d.wage) >= 0;
    case 'stepClaims':
      return d.claims.length > 0;
    case 'stepStatement':
      return d.statement.trim().length > 0;
    case 'stepConfirm':
      return true;
  }
}

export function filingOf(d: Draft): Filing {
  const optional = (key: string, value: string) => (value.trim() ? { [key]: value.trim() } : {});
  return {
    channel: d.channel,
    province: d.province as Filing['province'],
    complainant: {
      nationalId: d.workerId,
      name: d.workerName.trim(),
      ...optional('phone', d.phone),
      ...optional('address', d.address),
    },
    respondent: {
      ...(d.employerIsCompany ? { legalEntityId: d.employerId } : { nationalId: d.employerId }),
      name: d.employerName.trim(),
      ...optional('workshopAddress', d.workshopAddress),
    },
    employment: {
      startedOn: d.startedOn,
      ...(d.endedOn ? { endedOn: d.endedOn } : {}),
      jobTitle: d.jobTitle.trim(),
      monthlyWageRials: Number(d.wage),
    },
    claims: d.claims.map((c) => ({
      kind: c.kind,
      ...(c.amountRials !== undefined ? { amountRials: c.amountRials } : {}),
      description: c.description,
    })),
    statement: d.statement.trim(),
  };
}
