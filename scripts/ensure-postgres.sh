#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:$CI_PG_PORT with a role and database for the tests.
# Idempotent; needs root. (Variables are not named PG*: libpq and postgresql-common read those.)
set -euo pipefail
CI_PG_VERSION=${CI_PG_VERSION:-15}
CI_PG_CLUSTER=${CI_PG_CLUSTER:-main}
CI_PG_PORT=${CI_PG_PORT:-5432}
DB_NAME=${DB_NAME:-pathways}
DB_USER=${DB_USER:-pathways}
DB_PASSWORD=${DB_PASSWORD:-pathways}

cd /  # psql run as postgres warns when it cannot read the caller's directory
if [ ! -x "/usr/lib/postgresql/$CI_PG_VERSION/bin/postgres" ] || ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "postgresql-$CI_PG_VERSION" postgresql-client
fi
if ! pg_isready -q -h 127.0.0.1 -p "$CI_PG_PORT"; then
  if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$CI_PG_VERSION/$CI_PG_CLUSTER"; then
    pg_createcluster "$CI_PG_VERSION" "$CI_PG_CLUSTER" -p "$CI_PG_PORT"
  fi
  pg_ctlcluster "$CI_PG_VERSION" "$CI_PG_CLUSTER" start || true  # exits 2 when already running
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$CI_PG_PORT" && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p "$CI_PG_PORT"
psql=(runuser -u postgres -- psql -p "$CI_PG_PORT" -v ON_ERROR_STOP=1 -qtA)
# CREATEDB: the test runner creates and drops test_$DB_NAME itself.
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'")" != 1 ]; then
  "${psql[@]}" -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
fi
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'")" != 1 ]; then
  runuser -u postgres -- createdb -p "$CI_PG_PORT" -O "$DB_USER" "$DB_NAME"
fi
