/** Read-only calendar endpoints for staff: a year's public holidays and how a deadline is counted. */
import { Router } from 'express';
import { explainDeadline, holidaysForYear } from '../../domain/calendar';
import type { Role } from '../../domain/case';
import { policyByName } from '../../domain/policy';
import { principalOf, requireRole } from '../auth';
import { deadlineQuerySchema, deadlineReportSchema, holidaysQuerySchema, holidayYearSchema } from '../calendar-schemas';
import type { RouteContext } from '../context';
import { parseOr422 } from '../errors';
import { error } from './common';

/** Every staff role; parties see their deadlines in their cases, not the calculator. */
const staffRoles: Role[] = ['clerk', 'officer', 'board_member', 'supervisor', 'engineer'];

export function calendarRouter(ctx: RouteContext): Router {
  const router = Router();
  const { operations } = ctx;

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/calendar/holidays',
      operationId: 'listHolidays',
      summary: 'The public holidays of a Jalali year, solar and lunar, and where the dates come from',
      description:
        'Lunar holidays follow Iran’s official calendar where it is kept; other years are estimated and marked ' +
        '`provisional`.',
      tag: 'calendar',
      security: 'bearer',
      query: holidaysQuerySchema,
      responses: {
        200: { description: 'The holidays of the year', schema: holidayYearSchema },
        403: error('`forbidden` (parties)'),
        422: error('`invalid_input`: a year that is not a whole number from 1300 to 1500'),
      },
    },
    (req, res) => {
      requireRole(principalOf(req), staffRoles, 'read the holiday calendar');
      const { year } = parseOr422(holidaysQuerySchema, req.query);
      res.json(holidaysForYear(year));
    },
  );

  operations.add(
    router,
    {
      method: 'get',
      path: '/api/v1/calendar/deadline',
      operationId: 'computeDeadline',
      summary: 'When a window opened at `from` closes, with the days it skipped',
      description:
        'The count cases use: the day of `from` is not counted, business days skip the policy’s weekend days and ' +
        'holidays, a calendar-day window ending on a day off ends on the next business day, and a window ends at ' +
        'the end of its last day, Tehran time.',
      tag: 'calendar',
      security: 'bearer',
      query: deadlineQuerySchema,
      responses: {
        200: { description: 'The deadline and how it was counted', schema: deadlineReportSchema },
        403: error('`forbidden` (parties)'),
        422: error('`invalid_input` naming `from`, `rule` or `policy`'),
      },
    },
    (req, res) => {
      requireRole(principalOf(req), staffRoles, 'compute deadlines');
      const { from, rule, policy } = parseOr422(deadlineQuerySchema, req.query);
      res.json(explainDeadline(from, rule, policyByName(policy)));
    },
  );

  return router;
}
