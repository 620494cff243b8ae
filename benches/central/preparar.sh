#!/usr/bin/env bash
# 24 units of ~50 000 changes each, delivered to one folder.
set -e
B=~/.cache/coactiva/target/release/coactiva
export COACTIVA_USUARIO=jefe COACTIVA_CLAVE=clave-de-prueba-1 COACTIVA_CLAVE_NUEVA=clave-de-prueba-1 XDG_DATA_HOME=/tmp/bc/xdg COACTIVA_DOCUMENTOS=/tmp/bc/docs
CENTRAL=/tmp/bc/clave.db
rm -f $CENTRAL
CLAVE=$($B central clave-publica --db $CENTRAL)
: > /tmp/bc/unidades.txt
for p in $(seq -w 1 24); do
  db=/tmp/bc/u/$p.db
  $B --db $db init --provincia $p --unidad "Unidad $p" --ciudad "Ciudad $p" --jefe jefe >/dev/null 2>&1
  $B --db $db configuracion cambiar clave_central $CLAVE >/dev/null
  $B --db $db demo --abogados 10 --procesos 19000 --fojas 36000 --semilla $((10#$p)) >/dev/null
  $B --db $db sincronizar --destino /tmp/bc/paquetes >/dev/null
  echo "${p}001 $($B --db $db clave-publica)" >> /tmp/bc/unidades.txt
done
