/** Lists the migrations statically so they run the same under tsx, jest and compiled JavaScript. */
import type { Knex } from 'knex';
import * as readModel from './001_read_model';
import * as search from './002_search';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

const migrations: Record<string, Migration> = {
  '001_read_model': readModel,
  '002_search': search,
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
