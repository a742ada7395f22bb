/** What supervisors and engineers watch: open escalations, statistics, and a case's workflow history. */
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Router } from 'express';
import type { Role } from '../../domain/case';
import { assertProvince, principalOf, provinceScope, requireRole } from '../auth';
import type { RouteContext } from '../context';
import { parseOr422 } from '../errors';
import { summarizeHistory } from '../history';
import { openEscalations, stats } from '../../db/read-model/reader';
import {
  caseParamsSchema,
  escalationListQuerySchema,
  escalationListSchema,
  historyQuerySchema,
  historyResponseSchema,
  statsQuerySchema,
  statsSchema,
} from '../schemas';
import { fetchCaseHistory, workflowIdOf } from '../temporal';
import { caseNumberOf, error } from './common';

/** Parties and board members work case by case; the overviews are for staff. */
const overviewRoles: Role[] = ['clerk', 'officer', 'supervisor', 'engineer'];
const historyRoles: Role[] = ['engineer', 'supervisor'];

export function oversightRouter(ctx: RouteContext): Router {
  const router = Router();
  const { operations } = ctx;

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/escalations',
      operationId: 'listEscalations',
      summary: 'Open escalations in the caller’s provinces, longest waiting first',
      tag: 'oversight',
      security: 'bearer',
      query: escalationListQuerySchema,
      responses: {
        200: { description: 'A page of open escalations', schema: escalationListSchema },
        403: error('`forbidden` (parties and board members) or `forbidden_province`'),
        422: error('`invalid_input`'),
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      requireRole(principal, overviewRoles, 'list escalations');
      const query = parseOr422(escalationListQuerySchema, req.query);
      if (query.province) assertProvince(principal, query.province);
      res.json(await openEscalations(ctx.db, query, provinceScope(principal)));
    },
  );

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/stats',
      operationId: 'getStats',
      summary: 'Counts per stage and province, overdue counts, open escalations and median days in stage',
      tag: 'oversight',
      security: 'bearer',
      query: statsQuerySchema,
      responses: {
        200: { description: 'Statistics', schema: statsSchema },
        403: error('`forbidden` (parties and board members) or `forbidden_province`'),
        422: error('`invalid_input`'),
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      requireRole(principal, overviewRoles, 'read statistics');
      const query = parseOr422(statsQuerySchema, req.query);
      if (query.province) assertProvince(principal, query.province);
      res.json(await stats(ctx.db, query.province ? [query.province] : provinceScope(principal)));
    },
  );

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/cases/:caseNumber/history',
      operationId: 'getHistory',
      summary: 'The case’s workflow history: one line per event, or Temporal’s own JSON for replay',
      description:
        '`format=raw` is `temporal.api.history.v1.History` as proto3 JSON, loadable by `Worker.runReplayHistories`. ' +
        'It contains the workflow’s payloads; production deployments encrypt them with a payload codec.',
      tag: 'oversight',
      security: 'bearer',
      params: caseParamsSchema,
      query: historyQuerySchema,
      responses: {
        200: { description: 'A `HistorySummary`, or with `format=raw` a `RawHistory`', schema: historyResponseSchema },
        403: error('`forbidden` (only engineers and supervisors) or `forbidden_province`'),
        404: error('`case_not_found`'),
      },
    },
    async (req, res) => {
      const principal = principalOf(req);
      requireRole(principal, historyRoles, 'read workflow histories');
      const caseNumber = caseNumberOf(req, principal);
      const { format } = parseOr422(historyQuerySchema, req.query);
      const history = await fetchCaseHistory(ctx.client, caseNumber);
      if (format === 'raw') {
        res.type('application/json').send(historyToJSON(history));
        return;
      }
      res.json(summarizeHistory(caseNumber, workflowIdOf(caseNumber), history));
    },
  );

  return router;
}
