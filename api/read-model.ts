/** The API's PostgreSQL queries: case numbers and idempotency keys, gateway event IDs, and reads of the read model. */
import type { Knex } from 'knex';
import { toJalali } from '../domain/calendar';
import type { Role, Stage } from '../domain/case';
import { stages } from '../domain/case';
import { formatCaseNumber } from '../domain/ids';
import type { ProvinceCode } from '../domain/provinces';
import { ApiError } from './errors';
import type {
  auditKinds,
  CaseListItem,
  CaseListQuery,
  CreatedCase,
  EscalationItem,
  EscalationListQuery,
  NoticeRow,
  Stats,
  TimelineEntry,
} from './schemas';

export const CREATE_CASE_SCOPE = 'create_case';

export type Allocation =
  | { kind: 'new'; caseNumber: string; filedAt: string }
  | { kind: 'replay'; caseNumber: string; filedAt: string; response: CreatedCase }
  | { kind: 'conflict' };

interface IdempotencyRow {
  scope: string;
  key: string;
  request_hash: string;
  case_number: string | null;
  response: CreatedCase | null;
  created_at: Date;
}

/**
 * Records the idempotency key and takes the next case number in one transaction, so a key never names
 * two cases and a number is never given twice. A concurrent request with the same key waits on the primary
 * key, then finds the winner's row.
 */
export async function allocateCase(
  db: Knex,
  args: { key: string; requestHash: string; province: ProvinceCode; jalaliYear: number; filedAt: string },
  response: (caseNumber: string) => CreatedCase,
): Promise<Allocation> {
  return db.transaction(async (trx) => {
    const inserted = await trx('idempotency_keys')
      .insert({ scope: CREATE_CASE_SCOPE, key: args.key, request_hash: args.requestHash, created_at: args.filedAt })
      .onConflict(['scope', 'key'])
      .ignore()
      .returning('key');
    if (inserted.length === 0) {
      const row = await trx<IdempotencyRow>('idempotency_keys')
        .where({ scope: CREATE_CASE_SCOPE, key: args.key })
        .first('request_hash', 'case_number', 'response', 'created_at');
      if (!row || row.request_hash !== args.requestHash || !row.case_number || !row.response) {
        return { kind: 'conflict' as const };
      }
      return {
        kind: 'replay' as const,
        caseNumber: row.case_number,
        filedAt: row.created_at.toISOString(),
        response: row.response,
      };
    }
    const [sequence] = await trx('case_sequences')
      .insert({ province: args.province, jalali_year: args.jalaliYear, last_value: 1 })
      .onConflict(['province', 'jalali_year'])
      .merge({ last_value: trx.raw('case_sequences.last_value + 1') })
      .returning<{ last_value: number }[]>('last_value');
    if (!sequence) throw new Error('case_sequences upsert returned no row');
    const caseNumber = formatCaseNumber(args.province, args.jalaliYear, sequence.last_value);
    await trx('idempotency_keys')
      .where({ scope: CREATE_CASE_SCOPE, key: args.key })
      .update({ case_number: caseNumber, status_code: 201, response: JSON.stringify(response(caseNumber)) });
    return { kind: 'new' as const, caseNumber, filedAt: args.filedAt };
  });
}

/** True if this event ID is new; false for a replay. */
export async function recordGatewayEvent(db: Knex, eventId: string, payload: unknown): Promise<boolean> {
  const rows = await db('gateway_events')
    .insert({ event_id: eventId, payload: JSON.stringify(payload) })
    .onConflict('event_id')
    .ignore()
    .returning('event_id');
  return rows.length > 0;
}

/** Undoes `recordGatewayEvent` when the event could not be handed over, so the gateway's retry is not a "replay". */
export async function forgetGatewayEvent(db: Knex, eventId: string): Promise<void> {
  await db('gateway_events').where({ event_id: eventId }).delete();
}

export async function pingDb(db: Knex): Promise<void> {
  await db.raw('select 1');
}

// ── Cursors ─────────────────────────────────────────────────────────────────────────────────────

/** Opaque to clients: base64url of the sort key of the last row served. */
export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      typeof key[0] === 'string' &&
      !Number.isNaN(Date.parse(key[0])) &&
      typeof key[1] === 'string'
    ) {
      return [key[0], key[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError(422, 'invalid_input', 'the cursor is not one this API gave out', {
    issues: [{ path: 'cursor', message: 'invalid cursor' }],
  });
}

// ── Cases ───────────────────────────────────────────────────────────────────────────────────────

/** What a list may show the caller: set by the routes from the token. */
export interface ListScope {
  provinces?: string[];
  caseNumbers?: string[];
  boardMemberId?: string;
  personalData: boolean;
}

interface CaseRow {
  case_number: string;
  province: ProvinceCode;
  channel: CaseListItem['channel'];
  stage: Stage;
  outcome: CaseListItem['outcome'] | null;
  filed_at: Date;
  complainant_name: string;
  respondent_name: string;
  overdue: boolean;
  escalation_level: number;
  next_deadline: Date | null;
  board_member_ids: string[];
  stage_entered_at: Date;
  updated_at: Date;
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
  query: CaseListQuery,
  scope: ListScope,
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const q = db<CaseRow>('cases').select('*');
  if (scope.provinces) q.whereIn('province', scope.provinces);
  if (scope.caseNumbers) q.whereIn('case_number', scope.caseNumbers);
  if (scope.boardMemberId) q.whereRaw('? = any(board_member_ids)', [scope.boardMemberId]);
  if (query.stage) q.where('stage', query.stage);
  if (query.province) q.where('province', query.province);
  if (query.overdue !== undefined) q.where('overdue', query.overdue);
  if (query.boardMemberId) q.whereRaw('? = any(board_member_ids)', [query.boardMemberId]);
  if (query.filedFrom) q.where('filed_at', '>=', boundary(query.filedFrom, false));
  if (query.filedTo) {
    // A date is inclusive of its whole day; an instant is inclusive of itself.
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(query.filedTo);
    q.where('filed_at', isDate ? '<' : '<=', boundary(query.filedTo, true));
  }
  if (query.q) {
    const text = query.q;
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
    items: page.map((row) => caseListItem(row, scope.personalData)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.filed_at.toISOString(), last.case_number]) : null,
  };
}

function caseListItem(row: CaseRow, personalData: boolean): CaseListItem {
  const filedAt = row.filed_at.toISOString();
  const next = row.next_deadline?.toISOString();
  return {
    caseNumber: row.case_number,
    province: row.province,
    channel: row.channel,
    stage: row.stage,
    outcome: row.outcome ?? undefined,
    filedAt,
    filedAtJalali: toJalali(filedAt),
    stageEnteredAt: row.stage_entered_at.toISOString(),
    complainantName: personalData ? row.complainant_name : undefined,
    respondentName: personalData ? row.respondent_name : undefined,
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    nextDeadline: next,
    nextDeadlineJalali: next ? toJalali(next) : undefined,
    boardMemberIds: row.board_member_ids,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The read model's view of who sits on the case's board; undefined until the case's first projection lands. */
export async function caseBoard(db: Knex, caseNumber: string): Promise<{ boardMemberIds: string[] } | undefined> {
  const row = await db<CaseRow>('cases').where({ case_number: caseNumber }).first('board_member_ids');
  return row && { boardMemberIds: row.board_member_ids };
}

interface AuditRow {
  case_number: string;
  event_seq: number;
  at: Date;
  kind: (typeof auditKinds)[number];
  summary: string;
  actor_id: string | null;
  actor_role: Role | null;
  data: Record<string, unknown>;
}

export async function timeline(db: Knex, caseNumber: string): Promise<TimelineEntry[]> {
  const rows = await db<AuditRow>('audit_log')
    .where({ case_number: caseNumber })
    .orderBy('event_seq')
    .select('event_seq', 'at', 'kind', 'summary', 'actor_id', 'actor_role', 'data');
  return rows.map((row) => {
    const at = row.at.toISOString();
    return {
      seq: row.event_seq,
      at,
      atJalali: toJalali(at),
      kind: row.kind,
      summary: row.summary,
      actor: row.actor_id && row.actor_role ? { userId: row.actor_id, role: row.actor_role } : undefined,
      data: row.data,
    };
  });
}

interface NoticeDbRow {
  case_number: string;
  idempotency_key: string;
  document_type: NoticeRow['documentType'];
  recipient: NoticeRow['recipient'];
  notice_id: string | null;
  status: NoticeRow['status'];
  accepted_at: Date | null;
  delivered_at: Date | null;
  viewed_at: Date | null;
  failure_reason: string | null;
  updated_at: Date;
}

export async function notices(db: Knex, caseNumber: string): Promise<NoticeRow[]> {
  const rows = await db<NoticeDbRow>('notices')
    .where({ case_number: caseNumber })
    .orderByRaw('coalesce(accepted_at, updated_at), idempotency_key')
    .select('*');
  return rows.map((row) => {
    const deliveredAt = row.delivered_at?.toISOString();
    return {
      key: row.idempotency_key,
      documentType: row.document_type,
      recipient: row.recipient,
      status: row.status,
      noticeId: row.notice_id ?? undefined,
      acceptedAt: row.accepted_at?.toISOString(),
      deliveredAt,
      deliveredAtJalali: deliveredAt ? toJalali(deliveredAt) : undefined,
      viewedAt: row.viewed_at?.toISOString(),
      failureReason: row.failure_reason ?? undefined,
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

// ── Escalations and statistics ──────────────────────────────────────────────────────────────────

interface EscalationRow {
  id: string;
  case_number: string;
  province: ProvinceCode;
  kind: EscalationItem['kind'];
  level: number;
  raised_at: Date;
}

/** Open escalations, oldest first (the longest-waiting are the most urgent). */
export async function openEscalations(
  db: Knex,
  query: EscalationListQuery,
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
    items: page.map((row) => {
      const raisedAt = row.raised_at.toISOString();
      return {
        id: row.id,
        caseNumber: row.case_number,
        province: row.province,
        kind: row.kind,
        level: row.level,
        raisedAt,
        raisedAtJalali: toJalali(raisedAt),
      };
    }),
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
