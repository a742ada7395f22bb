/** Lists the migrations statically so they run the same under tsx, jest and compiled JavaScript. */
import type { Knex } from 'knex';
import * as readModel from './001_read_model';
import * as search from './002_search';
import * as textColumns from './003_text_columns';
import * as caseNumberPrefix from './004_case_number_prefix';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void>; config?: { transaction?: boolean } };

const migrations: Record<string, Migration> = {
  '001_read_model': readModel,
  '002_search': search,
  '003_text_columns': textColumns,
  '004_case_number_prefix': caseNumberPrefix,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = migrations[name];
    if (!migration) throw new Error(`Unknown migration ${name}`);
    return migration;
  },
};
