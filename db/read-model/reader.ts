/** Reads of the read model for the API: case lists, a case's timeline and notices, escalations and statistics. */
import type { Knex } from 'knex';
import type { Stage } from '../../domain/case';
import { stages } from '../../domain/case';
import type { ProvinceCode } from '../../domain/provinces';
import { decodeCursor, encodeCursor } from './cursor';
import type { CaseListItem, EscalationItem, NoticeRow, Stats, TimelineEntry } from './items';
import type { AuditRow, CaseRow, EscalationRow, NoticeDbRow, PartyRow } from './tables';
import { toCaseListItem, toEscalationItem, toNoticeRow, toTimelineEntry } from './tables';

/** The case list's filters, as the API parses them. */
export interface CaseFilter {
  stage?: Stage;
  province?: ProvinceCode;
  overdue?: boolean;
  boardMemberId?: string;
  q?: string;
  filedFrom?: string;
  filedTo?: string;
  cursor?: string;
  limit: number;
}

export interface EscalationFilter {
  level?: number;
  kind?: EscalationItem['kind'];
  province?: ProvinceCode;
  cursor?: string;
  limit: number;
}

export async function pingDb(db: Knex): Promise<void> {
  await db.raw('select 1');
}

/** What a list may show the caller: set by the routes from the token. */
export interface ListScope {
  provinces?: string[];
  /** A party: only the cases where this ID is this side's party. */
  party?: { side: 'complainant' | 'respondent'; nationalId: string };
  boardMemberId?: string;
  personalData: boolean;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A date names a whole Tehran day; an instant is taken as it is. */
function boundary(value: string, end: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const startOfDay = Date.parse(`${value}T00:00:00+03:30`);
  return new Date(end ? startOfDay + 86_400_000 : startOfDay).toISOString();
}

export async function listCases(
  db: Knex,
  query: CaseFilter,
  scope: ListScope,
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const q = db<CaseRow>('cases').select('*');
  if (scope.provinces) q.whereIn('province', scope.provinces);
  if (scope.party) {
    const { side, nationalId } = scope.party;
    q.whereExists((sub) =>
      sub
        .select(db.raw('1'))
        .from('parties')
        .whereRaw('parties.case_number = cases.case_number')
        .where('parties.role', side)
        .where((w) => w.where('parties.national_id', nationalId).orWhere('parties.legal_entity_id', nationalId)),
    );
  }
  // `@>`, not `= any(...)`: only containment is served by the GIN index (124 ms against a few at 1,000,000 rows).
  const onBoardOf = (memberId: string) => q.whereRaw('board_member_ids @> array[?]::text[]', [memberId]);
  if (scope.boardMemberId) onBoardOf(scope.boardMemberId);
  if (query.stage) q.where('stage', query.stage);
  if (query.province) q.where('province', query.province);
  if (query.overdue !== undefined) q.where('overdue', query.overdue);
  if (query.boardMemberId) onBoardOf(query.boardMemberId);
  if (query.filedFrom) q.where('filed_at', '>=', boundary(query.filedFrom, false));
  if (query.filedTo) {
    // A date is inclusive of its whole day; an instant is inclusive of itself.
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(query.filedTo);
    q.where('filed_at', isDate ? '<' : '<=', boundary(query.filedTo, true));
  }
  if (query.q) {
    const text = query.q;
    // Each arm has an index (004; the names' trigram ones of 002 where pg_trgm exists): a rare `q` is not a scan.
    q.where((w) => {
      w.where('case_number', 'like', `${escapeLike(text.toUpperCase())}%`);
      // Engineers search case numbers only: a name search would let them probe personal data.
      if (scope.personalData) {
        w.orWhere('complainant_name', 'ilike', `%${escapeLike(text)}%`);
        w.orWhere('respondent_name', 'ilike', `%${escapeLike(text)}%`);
      }
    });
  }
  if (query.cursor) {
    const [filedAt, caseNumber] = decodeCursor(query.cursor);
    q.whereRaw('(filed_at, case_number) < (?::timestamptz, ?)', [filedAt, caseNumber]);
  }
  const rows = await q
    .orderBy([
      { column: 'filed_at', order: 'desc' },
      { column: 'case_number', order: 'desc' },
    ])
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => toCaseListItem(row, scope.personalData)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.filed_at.toISOString(), last.case_number]) : null,
  };
}

/**
 * Who may read a case's lists: its board and its parties' IDs, from the read model; undefined until the case's
 * first projection lands.
 */
export async function caseAccess(
  db: Knex,
  caseNumber: string,
): Promise<
  | {
      boardMemberIds: string[];
      parties: { complainant: { nationalId: string }; respondent: { nationalId?: string; legalEntityId?: string } };
    }
  | undefined
> {
  const row = await db<CaseRow>('cases').where({ case_number: caseNumber }).first('board_member_ids');
  if (!row) return undefined;
  const parties = await db<PartyRow>('parties')
    .where({ case_number: caseNumber })
    .select('role', 'national_id', 'legal_entity_id');
  const complainant = parties.find((p) => p.role === 'complainant');
  const respondent = parties.find((p) => p.role === 'respondent');
  return {
    boardMemberIds: row.board_member_ids,
    parties: {
      complainant: { nationalId: complainant?.national_id ?? '' },
      respondent: {
        nationalId: respondent?.national_id ?? undefined,
        legalEntityId: respondent?.legal_entity_id ?? undefined,
      },
    },
  };
}

export async function timeline(db: Knex, caseNumber: string): Promise<TimelineEntry[]> {
  const rows = await db<AuditRow>('audit_log')
    .where({ case_number: caseNumber })
    .orderBy('event_seq')
    .select('event_seq', 'at', 'kind', 'summary', 'actor_id', 'actor_role', 'data');
  return rows.map(toTimelineEntry);
}

export async function notices(db: Knex, caseNumber: string): Promise<NoticeRow[]> {
  const rows = await db<NoticeDbRow>('notices')
    .where({ case_number: caseNumber })
    .orderByRaw('coalesce(accepted_at, updated_at), idempotency_key')
    .select('*');
  return rows.map(toNoticeRow);
}

// ── Escalations and statistics ──────────────────────────────────────────────────────────────────

/** Open escalations, oldest first (the longest-waiting are the most urgent). */
export async function openEscalations(
  db: Knex,
  query: EscalationFilter,
  provinces: string[] | undefined,
): Promise<{ items: EscalationItem[]; nextCursor: string | null }> {
  const q = db<EscalationRow>('escalations').whereNull('resolved_at');
  if (provinces) q.whereIn('province', provinces);
  if (query.province) q.where('province', query.province);
  if (query.level !== undefined) q.where('level', query.level);
  if (query.kind) q.where('kind', query.kind);
  if (query.cursor) {
    const [raisedAt, id] = decodeCursor(query.cursor);
    q.whereRaw('(raised_at, id) > (?::timestamptz, ?)', [raisedAt, id]);
  }
  const rows = await q
    .orderBy([
      { column: 'raised_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(query.limit + 1)
    .select('id', 'case_number', 'province', 'kind', 'level', 'raised_at');
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toEscalationItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.raised_at.toISOString(), last.id]) : null,
  };
}

const toCount = (value: string | number): number => Number(value);

/**
 * Counts per stage and province, overdue counts and open escalations by level. The median is over open cases
 * of the time since they entered the stage they are in now: how long the current queue has been waiting.
 */
export async function stats(db: Knex, provinces: string[] | undefined): Promise<Stats> {
  const scoped = (table: string) => {
    const q = db(table);
    if (provinces) q.whereIn('province', provinces);
    return q;
  };
  const [byProvinceAndStage, overdue, escalations, medians] = await Promise.all([
    scoped('cases')
      .select('province', 'stage')
      .count<{ province: ProvinceCode; stage: Stage; count: string }[]>('* as count')
      .groupBy('province', 'stage')
      .orderBy(['province', 'stage']),
    scoped('cases')
      .where('overdue', true)
      .select('province')
      .count<{ province: ProvinceCode; count: string }[]>('* as count')
      .groupBy('province')
      .orderBy('province'),
    scoped('escalations')
      .whereNull('resolved_at')
      .select('level')
      .count<{ level: number; count: string }[]>('* as count')
      .groupBy('level')
      .orderBy('level'),
    scoped('cases')
      .whereNot('stage', 'closed')
      .select('stage')
      .count<{ stage: Stage; cases: string; median_days: number | string }[]>('* as cases')
      .select(
        db.raw(
          'percentile_cont(0.5) within group (order by extract(epoch from (now() - stage_entered_at)) / 86400) as median_days',
        ),
      )
      .groupBy('stage')
      .orderBy('stage'),
  ]);
  const byStage = new Map<Stage, number>();
  for (const row of byProvinceAndStage) byStage.set(row.stage, (byStage.get(row.stage) ?? 0) + toCount(row.count));
  const lifecycleOrder = (a: { stage: Stage }, b: { stage: Stage }) =>
    stages.indexOf(a.stage) - stages.indexOf(b.stage);
  return {
    generatedAt: new Date().toISOString(),
    byStage: [...byStage.entries()].map(([stage, count]) => ({ stage, count })).sort(lifecycleOrder),
    byProvinceAndStage: byProvinceAndStage.map((row) => ({
      province: row.province,
      stage: row.stage,
      count: toCount(row.count),
    })),
    overdue: {
      total: overdue.reduce((sum, row) => sum + toCount(row.count), 0),
      byProvince: overdue.map((row) => ({ province: row.province, count: toCount(row.count) })),
    },
    openEscalations: escalations.map((row) => ({ level: row.level, count: toCount(row.count) })),
    medianDaysInStage: medians
      .map((row) => ({
        stage: row.stage,
        cases: toCount(row.cases),
        medianDays: Math.max(0, Math.round(Number(row.median_days) * 1000) / 1000),
      }))
      .sort(lifecycleOrder),
  };
}

/** For the scrape-time gauges: cases per stage and province, open escalations per level and kind. */
export async function metricsSnapshot(db: Knex): Promise<{
  cases: { stage: string; province: string; count: number }[];
  escalations: { level: number; kind: string; count: number }[];
}> {
  const [cases, escalations] = await Promise.all([
    db('cases')
      .select('stage', 'province')
      .count<{ stage: string; province: string; count: string }[]>('* as count')
      .groupBy('stage', 'province'),
    db('escalations')
      .whereNull('resolved_at')
      .select('level', 'kind')
      .count<{ level: number; kind: string; count: string }[]>('* as count')
      .groupBy('level', 'kind'),
  ]);
  return {
    cases: cases.map((r) => ({ stage: r.stage, province: r.province, count: toCount(r.count) })),
    escalations: escalations.map((r) => ({ level: r.level, kind: r.kind, count: toCount(r.count) })),
  };
}
