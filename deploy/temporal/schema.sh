#!/bin/sh
# Temporal's two PostgreSQL databases (persistence and visibility), created if missing and brought to the schema
# that the SQL tool of the pinned server embeds. Every step is idempotent. Run by `DAVAR_ENGINE=server npm start`
# and the tests (scripts/lib/server-engine/schema.ts) and by docker-compose's `temporal-schema` service, so the
# schemas are made one way everywhere. The connection comes from SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD.
set -eu
tool="${SQL_TOOL:-temporal-sql-tool}"
for step in "${DBNAME:-temporal}:postgresql/v12/temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:postgresql/v12/visibility"; do
  db="${step%%:*}"
  schema="${step#*:}"
  "$tool" --plugin postgres12 --db "$db" create-database
  "$tool" --plugin postgres12 --db "$db" setup-schema -v 0.0
  "$tool" --plugin postgres12 --db "$db" update-schema --schema-name "$schema"
done
