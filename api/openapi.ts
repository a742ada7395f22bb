/** Routes registered together with their OpenAPI description, and the OpenAPI 3.1 document built from the same zod schemas. */
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { actionBodySchemas, toKebab } from '../domain/actions';
import { filingSchema } from '../domain/case';
import { gatewayCallbackSchema } from '../gateway/port';
import { deadlineReportSchema, holidayYearSchema } from './calendar-schemas';
import {
  caseDetailSchema,
  caseListSchema,
  createdCaseSchema,
  errorResponseSchema,
  escalationListSchema,
  historyResponseSchema,
  historySummarySchema,
  noticeListSchema,
  rawHistorySchema,
  readySchema,
  healthSchema,
  statsSchema,
  timelineSchema,
  webhookReplySchema,
} from './schemas';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** `application/json` unless said otherwise. */
  contentType?: string;
}

export interface Operation {
  method: 'get' | 'post';
  /** Express syntax (`/api/v1/cases/:caseNumber`); turned into `{caseNumber}` in the document. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  security: 'bearer' | 'gateway' | 'none';
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: { schema: z.ZodType; required: boolean; contentType?: string };
  responses: Record<number, ResponseSpec>;
}

/**
 * Routes go through `add`, so a route cannot exist without its description nor a description without its
 * route: the document lists exactly what the app serves.
 */
export class OperationRegistry {
  readonly operations: Operation[] = [];

  add(router: Router, operation: Operation, ...handlers: RequestHandler[]): void {
    this.operations.push(operation);
    if (operation.method === 'get') router.get(operation.path, ...handlers);
    else router.post(operation.path, ...handlers);
  }
}

const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());

/** Named schemas become components (`$ref`); any other schema is written inline where it is used. */
const requestComponents: Record<string, z.ZodType> = {
  Filing: filingSchema,
  GatewayCallback: gatewayCallbackSchema,
  ...Object.fromEntries(
    Object.entries(actionBodySchemas).map(([name, schema]) => [`${pascal(toKebab(name))}Body`, schema]),
  ),
};
const responseComponents: Record<string, z.ZodType> = {
  Error: errorResponseSchema,
  CreatedCase: createdCaseSchema,
  CaseDetail: caseDetailSchema,
  CaseList: caseListSchema,
  Timeline: timelineSchema,
  NoticeList: noticeListSchema,
  EscalationList: escalationListSchema,
  Stats: statsSchema,
  HistorySummary: historySummarySchema,
  RawHistory: rawHistorySchema,
  History: historyResponseSchema,
  WebhookReply: webhookReplySchema,
  Health: healthSchema,
  Ready: readySchema,
  HolidayYear: holidayYearSchema,
  CalendarDeadline: deadlineReportSchema,
};

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 is OpenAPI 3.1's dialect; `$schema` and `$id` are dropped inside the document. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function componentsOf(named: Record<string, z.ZodType>, io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, clean(s as JsonSchema)]));
}

function schemaRef(schema: z.ZodType, named: Record<string, z.ZodType>, io: 'input' | 'output'): JsonSchema {
  const name = Object.entries(named).find(([, s]) => s === schema)?.[0];
  if (name) return { $ref: `#/components/schemas/${name}` };
  return clean(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema);
}

function parameters(where: 'path' | 'query' | 'header', object: z.ZodObject | undefined) {
  if (!object) return [];
  return Object.entries(object.shape).map(([name, field]) => {
    const schema = clean(z.toJSONSchema(field, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }));
    const { description, ...rest } = schema;
    return {
      name: where === 'header' ? name.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase()) : name,
      in: where,
      // Optional and defaulted fields accept a missing value.
      required: where === 'path' || !field.safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const standardErrors: Record<Operation['security'], Record<number, string>> = {
  bearer: { 401: 'Missing, malformed or expired token (`unauthorized`)', 429: 'Too many requests (`rate_limited`)' },
  gateway: {},
  none: {},
};

export function openApiDocument(operations: readonly Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    const all: Record<string, ResponseSpec> = {
      ...Object.fromEntries(
        Object.entries(standardErrors[op.security]).map(([status, description]) => [
          status,
          { description, schema: errorResponseSchema },
        ]),
      ),
      ...op.responses,
    };
    for (const [status, spec] of Object.entries(all)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema || spec.contentType
          ? {
              content: {
                [spec.contentType ?? 'application/json']: spec.schema
                  ? { schema: schemaRef(spec.schema, responseComponents, 'output') }
                  : {},
              },
            }
          : {}),
      };
    }
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security:
        op.security === 'bearer' ? [{ bearer: [] }] : op.security === 'gateway' ? [{ gatewaySignature: [] }] : [],
      parameters: [
        ...parameters('path', op.params),
        ...parameters('query', op.query),
        ...parameters('header', op.headers),
      ],
      ...(op.body
        ? {
            requestBody: {
              required: op.body.required,
              content: {
                [op.body.contentType ?? 'application/json']: {
                  schema: schemaRef(op.body.schema, requestComponents, 'input'),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Davar API',
      version: '1.0.0',
      description:
        'Labor-dispute cases, one Temporal workflow each. Errors are always `{ error: { code, message, details? } }`.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'cases', description: 'Filing, reading and listing cases' },
      { name: 'actions', description: 'Staff and party actions (workflow updates)' },
      { name: 'oversight', description: 'Escalations, statistics and workflow history' },
      { name: 'calendar', description: 'Public holidays and deadline counting on the Iranian calendar' },
      { name: 'gateway', description: 'Callbacks from the e-notice gateway' },
      { name: 'ops', description: 'Health, readiness, metrics and this document' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        gatewaySignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Gateway-Signature',
          description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the shared secret',
        },
      },
      schemas: { ...componentsOf(requestComponents, 'input'), ...componentsOf(responseComponents, 'output') },
    },
  };
}
