/** Filing a case, reading its live state, and the read-model lists: cases, a case's timeline and notices. */
import { Router } from 'express';
import { toKebab } from '../../domain/actions';
import { jalaliYearOf } from '../../domain/calendar';
import { filingSchema, implausibleDates, type Filing } from '../../domain/case';
import { tehranIsoDate } from '../../domain/case-queries';
import type { Principal } from '../auth';
import {
  assertBoardMember,
  assertPartyOf,
  assertProvince,
  principalOf,
  provinceScope,
  requireRole,
  seesPersonalData,
} from '../auth';
import type { RouteContext } from '../context';
import { ApiError, invalidInput, parseOr422 } from '../errors';
import { allocateCase, hashOf, scopeOf } from '../../db/read-model/idempotency';
import { caseAccess, listCases, notices, timeline } from '../../db/read-model/reader';
import {
  caseDetailSchema,
  caseListQuerySchema,
  caseListSchema,
  caseParamsSchema,
  caseReadQuerySchema,
  createCaseHeadersSchema,
  createdCaseSchema,
  noticeListSchema,
  timelineSchema,
  type TimelineEntry,
} from '../schemas';
import { readCase, startCase } from '../temporal';
import { caseDetail, caseLinks, createdCase, viewOptionsFor } from '../views';
import { DEFAULT_WAIT_S, readCaseOrWait, WaitingReads } from '../wait-for-change';
import { timingOf } from '../server-timing';
import { caseNumberOf, error, requiredIdempotencyKey } from './common';

/** For read-model routes: the case must have been projected; a board member must sit on its board, a party be one. */
async function assertListedCase(ctx: RouteContext, principal: Principal, caseNumber: string): Promise<void> {
  const access = await caseAccess(ctx.db, caseNumber);
  if (!access) throw new ApiError(404, 'case_not_found', `no case ${caseNumber}`);
  assertBoardMember(principal, access.boardMemberIds);
  assertPartyOf(principal, access.parties);
}

/** A party files online, as the complainant its sign-in says it is. */
function assertOwnFiling(principal: Principal, filing: Filing): void {
  if (principal.role !== 'party') return;
  if (
    principal.side !== 'complainant' ||
    filing.channel !== 'online' ||
    filing.complainant.nationalId !== principal.nationalId
  ) {
    throw new ApiError(403, 'forbidden', 'a party files online only, as the complainant its sign-in names');
  }
}

/** Free text an engineer must not read: notes and reasons, and action summaries that quote them. */
function redactEntry(entry: TimelineEntry): TimelineEntry {
  const { note: _note, reason: _reason, terms: _terms, ...data } = entry.data;
  const action = typeof data.action === 'string' ? toKebab(data.action) : undefined;
  return { ...entry, summary: entry.kind === 'action' && action ? action : entry.summary, data };
}

/** How reading one case is refused, the same for each of its views. */
const readRefusals = {
  400: error('`invalid_case_number`'),
  403: error('`forbidden_province` or `forbidden`'),
  404: error('`case_not_found`'),
};

export function casesRouter(ctx: RouteContext): Router {
  const router = Router();
  const waiting = new WaitingReads();
  const { operations } = ctx;

  operations.add(
    router,
    {
      method: 'post',
      path: '/api/v1/cases',
      operationId: 'fileComplaint',
      summary: 'File a complaint: allocates the case number and starts its workflow',
      tag: 'cases',
      security: 'bearer',
      headers: createCaseHeadersSchema,
      body: { schema: filingSchema, required: true },
      responses: {
        201: { description: 'Filed', schema: createdCaseSchema },
        200: { description: 'The same key and body were filed before: the same case', schema: createdCaseSchema },
        400: error('`idempotency_key_required`, `invalid_idempotency_key` or `malformed_json`'),
        403: error('`forbidden` (role) or `forbidden_province`'),
        409: error('`idempotency_conflict`: the key was used with another body'),
        413: error('`payload_too_large`'),
        422: error('`invalid_input`; `details.issues` lists the fields'),
        503: error(
          '`unavailable` (Temporal or PostgreSQL): retry with the same key. `case_numbers_used_up`: the province has given all its numbers for the year',
        ),
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      requireRole(principal, ['clerk', 'officer', 'supervisor', 'party'], 'file complaints');
      const key = requiredIdempotencyKey(req);
      const filing = parseOr422(filingSchema, req.body ?? {});
      assertProvince(principal, filing.province);
      assertOwnFiling(principal, filing);
      const filedAt = new Date().toISOString();
      const implausible = implausibleDates(filing.employment, tehranIsoDate(filedAt));
      if (implausible.length) throw invalidInput(implausible, 'the filing has implausible values');
      const timing = timingOf(res);
      timing.lap('parse');

      const allocation = await allocateCase(
        ctx.db,
        {
          scope: scopeOf('POST /api/v1/cases', principal.sub),
          key,
          requestHash: hashOf(filing),
          province: filing.province,
          jalaliYear: jalaliYearOf(filedAt),
          filedAt,
        },
        createdCase,
      );
      timing.lap('allocate');
      if (allocation.kind === 'conflict') {
        throw new ApiError(409, 'idempotency_conflict', 'this Idempotency-Key was used with a different body');
      }
      if (allocation.kind === 'numbers_used_up') {
        throw new ApiError(
          503,
          'case_numbers_used_up',
          `the ${allocation.max} case numbers of ${filing.province} for this year are all given; nothing was filed`,
        );
      }
      // Started after the commit; a replay starts it again in case the first start failed (a no-op otherwise).
      await startCase(ctx.client, ctx.taskQueue, {
        caseNumber: allocation.caseNumber,
        filing,
        filedAt: allocation.filedAt,
        filedBy: principal.actor,
        policy: ctx.policy,
      });
      timing.lap('start');
      req.log.info({ caseNumber: allocation.caseNumber, replay: allocation.kind === 'replay' }, 'case filed');
      res
        .status(allocation.kind === 'new' ? 201 : 200)
        .location(caseLinks(allocation.caseNumber).self)
        .json(allocation.kind === 'new' ? createdCase(allocation.caseNumber) : allocation.response);
    },
  );

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/cases',
      operationId: 'listCases',
      summary: 'List cases from the read model, newest first',
      description:
        'Limited to the caller’s provinces; a party sees their own cases, a board member the cases of their boards.',
      tag: 'cases',
      security: 'bearer',
      query: caseListQuerySchema,
      responses: {
        200: { description: 'A page of cases', schema: caseListSchema },
        403: error('`forbidden_province` when filtering by a province the caller cannot see'),
        422: error('`invalid_input`, e.g. `limit` above 200 or an unknown parameter'),
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      const query = parseOr422(caseListQuerySchema, req.query);
      if (query.province) assertProvince(principal, query.province);
      const page = await listCases(ctx.db, query, {
        provinces: provinceScope(principal),
        party:
          principal.role === 'party' && principal.side && principal.nationalId
            ? { side: principal.side, nationalId: principal.nationalId }
            : undefined,
        boardMemberId: principal.role === 'board_member' ? principal.sub : undefined,
        personalData: seesPersonalData(principal),
      });
      res.json(page);
    },
  );

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/cases/:caseNumber',
      operationId: 'getCase',
      summary: 'The live state of a case (workflow query), with the actions the caller may take now',
      description:
        'With `after`, a long poll: answered once the case’s `version` is above `after` (an action, a notice event, a stage change, a deadline), or when `wait` seconds have passed, with the case as it is then; a closed case answers at once, and so does a read past the caller’s ten already waiting. One request instead of a read every few hundred milliseconds while a case moves.',
      tag: 'cases',
      security: 'bearer',
      params: caseParamsSchema,
      query: caseReadQuerySchema,
      responses: {
        200: { description: 'The case', schema: caseDetailSchema },
        ...readRefusals,
        422: error('`invalid_input`: `after` not a whole number ≥ 0, `wait` outside 1–30 or without `after`'),
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      const caseNumber = caseNumberOf(req, principal);
      const query = parseOr422(caseReadQuerySchema, req.query);
      const read = async () => {
        const answer = await readCase(ctx.client, caseNumber, principal.actor);
        assertBoardMember(principal, answer.state.board?.members.map((m) => m.userId) ?? []);
        assertPartyOf(principal, answer.state.filing);
        return answer;
      };
      // The wait ends early when the caller hangs up: nothing is left waiting for nobody.
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      const answer = await readCaseOrWait(
        { changes: ctx.changes, waiting, caller: principal.sub, caseNumber },
        { after: query.after, waitMs: (query.wait ?? DEFAULT_WAIT_S) * 1000, gone: gone.signal },
        read,
      );
      const options = viewOptionsFor(principal, caseNumber, {
        uiUrl: ctx.temporalUiUrl,
        namespace: ctx.client.options.namespace,
      });
      res.json(caseDetail(answer.state, answer.availableActions, options));
    },
  );

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/cases/:caseNumber/timeline',
      operationId: 'getTimeline',
      summary: 'The audit log of a case: stage changes, actions, notices, deadlines and escalations',
      tag: 'cases',
      security: 'bearer',
      params: caseParamsSchema,
      responses: {
        200: { description: 'Entries in order, with ISO and Jalali times', schema: timelineSchema },
        ...readRefusals,
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      const caseNumber = caseNumberOf(req, principal);
      await assertListedCase(ctx, principal, caseNumber);
      const items = await timeline(ctx.db, caseNumber);
      res.json({ caseNumber, items: seesPersonalData(principal) ? items : items.map(redactEntry) });
    },
  );

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/cases/:caseNumber/notices',
      operationId: 'getNotices',
      summary: 'The notices of a case and their gateway status',
      tag: 'cases',
      security: 'bearer',
      params: caseParamsSchema,
      responses: {
        200: { description: 'Notices', schema: noticeListSchema },
        ...readRefusals,
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      const caseNumber = caseNumberOf(req, principal);
      await assertListedCase(ctx, principal, caseNumber);
      res.json({ caseNumber, items: await notices(ctx.db, caseNumber) });
    },
  );

  return router;
}
