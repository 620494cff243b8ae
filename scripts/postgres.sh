#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on a loopback port for the tests (Debian's server, no Docker,
# nothing downloaded): sourced by scripts/test.sh, which stops it on exit. Exports
# COACTIVA_PRUEBA_POSTGRES, the URL of its maintenance database; each test creates its own.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pg_bin/initdb" ] || { echo "falta el servidor PostgreSQL (paquete postgresql)" >&2; exit 1; }
pg_dir="$(mktemp -d /tmp/coactiva-pg.XXXXXX)"
pg_puerto="${COACTIVA_PG_PUERTO:-55432}"
como_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$pg_dir"
  como_pg=(runuser -u postgres --)
fi
"${como_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/datos" -A trust -U postgres -E UTF8 >/dev/null
"${como_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/datos" -l "$pg_dir/registro.log" \
  -o "-p $pg_puerto -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" -w start >/dev/null
parar_postgres() {
  "${como_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/datos" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
export COACTIVA_PRUEBA_POSTGRES="postgres://postgres@127.0.0.1:$pg_puerto/postgres"
