/** A complaint as filed, validated at the door: parties, employment, claims and the statement. */
import { shared, z } from './schema-cache';
import { isValidLegalEntityId, isValidNationalId } from './ids';
import { provinceCodes } from './provinces';
import { printableId, safeText } from './text';
import { channels, claimKinds, roles, sides } from './vocabulary';

/** Whole non-negative rials that arithmetic keeps exact: past 2^53 an amount is implausible, never rounded. */
export const rialsSchema = shared('filing.rialsSchema', () =>
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
);

export const actorSchema = shared('filing.actorSchema', () =>
  z.object({
    userId: printableId(100),
    role: z.enum(roles),
    /** For a `party`: which side of the case they are, and the national ID its sign-in asserted. */
    side: z.enum(sides).optional(),
    nationalId: z
      .string()
      .regex(/^(\d{10}|\d{11})$/)
      .optional(),
  }),
);
/** Who acts: carried by every update so the workflow can check roles and write the audit log. */
export type Actor = z.infer<typeof actorSchema>;

/** A real calendar date: Iran's labour law and the Jalali calendar both start later than 1921-03-21 (1300/01/01). */
export const EARLIEST_DATE = '1921-03-21';
const isoDate = shared('filing.isoDate', () =>
  z.iso.date().refine((d) => d >= EARLIEST_DATE, `must be on or after ${EARLIEST_DATE}`),
);

export const nationalIdSchema = shared('filing.nationalIdSchema', () =>
  z
    .string()
    .regex(/^\d{10}$/, 'must be 10 digits')
    .refine(isValidNationalId, 'national ID check digit is wrong'),
);
export const legalEntityIdSchema = shared('filing.legalEntityIdSchema', () =>
  z
    .string()
    .regex(/^\d{11}$/, 'must be 11 digits')
    .refine(isValidLegalEntityId, 'legal entity ID check digit is wrong'),
);

export const complainantSchema = shared('filing.complainantSchema', () =>
  z.object({
    nationalId: nationalIdSchema,
    name: safeText(200, { min: 2, multiline: false }),
    phone: z
      .string()
      .regex(/^\+?\d{7,15}$/, 'must be a phone number')
      .optional(),
    address: safeText(500).optional(),
  }),
);

export const respondentSchema = shared('filing.respondentSchema', () =>
  z
    .object({
      legalEntityId: legalEntityIdSchema.optional(),
      nationalId: nationalIdSchema.optional(),
      name: safeText(200, { min: 2, multiline: false }),
      workshopAddress: safeText(500).optional(),
    })
    .refine((r) => Boolean(r.legalEntityId) !== Boolean(r.nationalId), {
      message: 'give exactly one of legalEntityId or nationalId',
      path: ['legalEntityId'],
    }),
);

export const employmentSchema = shared('filing.employmentSchema', () =>
  z
    .object({
      startedOn: isoDate,
      endedOn: isoDate.optional(),
      jobTitle: safeText(200, { multiline: false }),
      monthlyWageRials: rialsSchema,
    })
    .refine((e) => !e.endedOn || e.endedOn >= e.startedOn, {
      message: 'endedOn is before startedOn',
      path: ['endedOn'],
    }),
);

export const claimSchema = shared('filing.claimSchema', () =>
  z.object({
    kind: z.enum(claimKinds),
    amountRials: rialsSchema.optional(),
    description: safeText(2000),
  }),
);
export type Claim = z.infer<typeof claimSchema>;

export const filingSchema = shared('filing.filingSchema', () =>
  z.object({
    channel: z.enum(channels),
    province: z.enum(provinceCodes),
    complainant: complainantSchema,
    respondent: respondentSchema,
    employment: employmentSchema,
    claims: z.array(claimSchema).min(1).max(20),
    statement: safeText(20000),
  }),
);
export type Filing = z.infer<typeof filingSchema>;

/** What a correction may change: anything but where and how the complaint was filed. */
export const filingChangesSchema = shared('filing.filingChangesSchema', () =>
  filingSchema.omit({ province: true, channel: true }).partial(),
);
export type FilingChanges = z.infer<typeof filingChangesSchema>;

/**
 * What no schema can say without a clock: a date after `today` (the filing's Tehran date) is implausible. The API
 * passes today; the workflow, its own deterministic now. Each problem names its field.
 */
export function implausibleDates(
  employment: { startedOn?: string; endedOn?: string } | undefined,
  today: string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const field of ['startedOn', 'endedOn'] as const) {
    const date = employment?.[field];
    if (date && date > today)
      problems.push({ path: `employment.${field}`, message: `must not be after today (${today})` });
  }
  return problems;
}
