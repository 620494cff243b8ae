#!/usr/bin/env bash
# Ingest of the 24 units' bundles into a fresh centre holding the centre's key: $1 = sqlite | pg.
set -e
B=~/.cache/coactiva/target/release/coactiva
export XDG_DATA_HOME=/tmp/bc/xdg
read SECRETA PUBLICA < /tmp/bc/clave.hex
if [ "$1" = pg ]; then
  psql -q -h 127.0.0.1 -p 55433 -U postgres -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" postgres 2>/dev/null
  DB=postgres://postgres@127.0.0.1:55433/bench
else
  rm -f /tmp/bc/central.db*; DB=/tmp/bc/central.db
fi
while read u k; do $B central unidades agregar --db $DB --unidad $u --clave $k >/dev/null; done < /tmp/bc/unidades.txt
if [ "$1" = pg ]; then
  psql -q -h 127.0.0.1 -p 55433 -U postgres -d bench -c "INSERT INTO clave_central VALUES (1, decode('$SECRETA', 'hex'), '$PUBLICA', 'x')"
else
  python3 -c "import sqlite3; c=sqlite3.connect('$DB'); c.execute(\"INSERT INTO clave_central VALUES (1, x'$SECRETA', '$PUBLICA', 'x')\"); c.commit()"
fi
rm -rf /tmp/bc/paquetes/acuses
$B central recibir --db $DB /tmp/bc/paquetes > /tmp/bc/recibir-$1.log
