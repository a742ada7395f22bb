/**
 * Item 6 (reads): `GET /cases` with filters and `q` on a read model of N rows, bulk-seeded with one SQL
 * statement (generate_series), not through workflows: the list reads only the read model, so how the rows got
 * there does not matter, and a million cases through workflows would take days on two cores.
 */
import type { Knex } from 'knex';
import pino from 'pino';
import { provinces } from '../../domain/provinces';
import { stages } from '../../domain/vocabulary';
import { openDatabase, startApi } from '../../scripts/lib/stack';
import type { BenchStack } from '../lib/bench-stack';
import { at, request } from '../lib/http';
import { summarize, type Summary } from '../lib/stats';

const FIRST = ['Maryam', 'Ali', 'Zahra', 'Reza', 'Fatemeh', 'Hossein', 'Sara', 'Mehdi', 'Narges', 'Amir'];
const LAST = ['Ahmadi', 'Hosseini', 'Karimi', 'Rahimi', 'Moradi', 'Jafari', 'Ghasemi', 'Sadeghi', 'Rezaei', 'Kazemi'];

/** Seeds `rows` cases: every province, every stage, filing dates over two years, board members on later stages. */
export async function seedCases(db: Knex, rows: number): Promise<void> {
  const codes = provinces.map((p) => p.code);
  // Constants of this file, passed as array literals (knex would spread a JS array into a list of bindings).
  const array = (xs: readonly string[]) => `{${xs.join(',')}}`;
  // In chunks, each in a transaction without the pool's statement timeout (a chunk with its index updates is slow).
  const chunk = 100_000;
  for (let from = 1; from <= rows; from += chunk) {
    await db.transaction(async (trx) => {
      await trx.raw('SET LOCAL statement_timeout = 0');
      await insertChunk(trx, from, Math.min(rows, from + chunk - 1));
    });
  }
  await db.raw('ANALYZE cases');

  async function insertChunk(trx: Knex.Transaction, first: number, last: number): Promise<void> {
    await trx.raw(
      `INSERT INTO cases (case_number, province, channel, stage, outcome, filed_at, complainant_name, respondent_name,
       overdue, escalation_level, next_deadline, board_member_ids, last_event_seq, stage_entered_at, summary)
     SELECT c.province || '-1400-' || lpad(((g / ${codes.length}) % 1000000)::text, 6, '0'),
            c.province, 'counter', c.stage,
            CASE WHEN c.stage = 'closed' THEN 'complied' END,
            now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second',
            (?::text[])[1 + g % 10] || ' ' || (?::text[])[1 + (g / 10) % 10] || ' ' || g,
            'Employer ' || (?::text[])[1 + (g / 100) % 10] || ' Co. ' || (g % 5000),
            g % 7 = 0, CASE WHEN g % 7 = 0 THEN 1 ELSE 0 END,
            now() + (g % 30) * interval '1 day',
            CASE WHEN c.stage IN ('hearing', 'ruling', 'appeal') THEN ARRAY['member-' || (g % 500)] ELSE '{}' END,
            10, now() - (g % 20) * interval '1 day', '{"claims": 1, "hearingAt": null}'::jsonb
       FROM generate_series(?::int, ?::int) AS g,
            LATERAL (SELECT (?::text[])[1 + g % ${codes.length}] AS province,
                            (?::text[])[1 + (g / 7) % ${stages.length}] AS stage) AS c`,
      [array(FIRST), array(LAST), array(LAST), first, last, array(codes), array(stages)],
    );
  }
}

export interface ListOptions {
  rows: number;
  repeats: number;
  log: (message: string) => void;
}

/** The queries a clerk of Tehran runs on the console's list: each `repeats` times, one after the other. */
function queries(): Record<string, string> {
  const year = new Date().getUTCFullYear();
  return {
    'newest (no filter)': '',
    'stage=hearing': 'stage=hearing',
    'stage=response&overdue=true': 'stage=response&overdue=true',
    'filedFrom/filedTo (one month)': `filedFrom=${year - 1}-03-01&filedTo=${year - 1}-03-31`,
    'boardMemberId=member-42': 'boardMemberId=member-42',
    'q=case number prefix': 'q=THR-1400-0012',
    'q=party name (common)': 'q=Ahmadi',
    'q=party name (rare)': 'q=Narges%20Kazemi%20999',
    'q=no match': 'q=Zzyzx',
    'stage=hearing&q=Karimi': 'stage=hearing&q=Karimi',
  };
}

export async function runList(stack: BenchStack, options: ListOptions) {
  const schema = `bench_list_${process.pid}`;
  const { db } = await openDatabase({ url: stack.databaseUrl, schema, poolMax: 5 });
  const api = await startApi({
    client: stack.client,
    db,
    taskQueue: 'unused',
    policy: stack.policy,
    jwtSecret: 'bench-jwt-secret',
    webhookSecret: 'bench-webhook-secret',
    logger: pino({ level: 'silent' }),
    port: 0,
    host: '127.0.0.1',
  });
  try {
    options.log(`list: seeding ${options.rows} read-model rows`);
    const seeded = performance.now();
    await seedCases(db, options.rows);
    const seedS = Math.round((performance.now() - seeded) / 100) / 10;
    const clerk = await stack.token({ role: 'clerk', sub: 'bench-list-clerk' });
    const results: Record<string, Summary & { items: number }> = {};
    for (const [name, query] of Object.entries(queries())) {
      const samples: number[] = [];
      let items = 0;
      for (let i = 0; i < options.repeats + 2; i += 1) {
        const reply = await request(api.url, 'GET', `/api/v1/cases?${query}`, clerk);
        if (reply.status !== 200) throw new Error(`${name}: ${reply.status} ${JSON.stringify(reply.body)}`);
        items = (at(reply.body, 'items') as unknown[]).length;
        if (i >= 2) samples.push(reply.ms); // two warm-up requests: the first plans and caches
      }
      results[name] = { ...summarize(samples), items };
    }
    return { rows: options.rows, seedSeconds: seedS, repeats: options.repeats, queriesMs: results };
  } finally {
    await api.stop();
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await db.destroy();
  }
}

export type ListResult = Awaited<ReturnType<typeof runList>>;
