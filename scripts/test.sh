#!/usr/bin/env bash
# Sets everything up and runs every test: the core's unit and integration tests, the
# desktop shell's, the core's tests again under faked clocks (a time bomb turns this red),
# clippy, and the end-to-end tests in the real window under Xvfb.
set -euo pipefail
# Only the tests need faketime (the clocks below); setup.sh installs it with the rest.
PAQUETES_EXTRA=(faketime postgresql chromium chromium-driver)
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$raiz"
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
# Tests never touch the user's own data: scratch data directories.
scratch="$(mktemp -d)"
# The centre's PostgreSQL for the tests (#20): a throw-away cluster on a loopback port.
source "$raiz/scripts/postgres.sh"
trap 'rm -rf "$scratch"; parar_postgres' EXIT
export XDG_DATA_HOME="$scratch/datos" XDG_CACHE_HOME="$scratch/cache" XDG_CONFIG_HOME="$scratch/config"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# Crates along one direction: the core links no terminal, HTTP or Tauri crate.
if cargo tree -p coactiva-core -e normal --prefix none | grep -E '^(tauri|clap|rpassword|anyhow|tiny_http|ureq|reqwest|hyper) '; then
  echo "el núcleo (coactiva-core) no debe depender de la terminal, la red HTTP ni Tauri" >&2
  exit 1
fi
cargo test --workspace
# The centre's suite again, on PostgreSQL: the same tests, the other engine.
COACTIVA_CENTRAL_MOTOR=postgres cargo test --test integracion sync::
# The window's TypeScript types are generated from the core's: a stale ui/src/tipos.ts fails here.
cargo clippy -p coactiva-core --all-targets --features ts -- -D warnings
cargo test -p coactiva-core --features ts tipos

# The same core test binaries, already built, at other machine clocks: a holiday, the last
# minutes of the year in Guayaquil (the run rolls into 2027), and a clock behind the fixtures.
# Built first, run afterwards, so cargo's own file timestamps are not disturbed.
mapfile -t binarios < <(cargo test -p coactiva-core -p coactiva --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m.get("profile", {}).get("test"):
        print(m["executable"])')
[ ${#binarios[@]} -gt 0 ] || { echo "no se encontraron los binarios de prueba" >&2; exit 1; }
for reloj in "2026-12-25 10:00:00" "2026-12-31 23:50:00" "2026-01-01 08:00:00"; do
  echo "== pruebas del núcleo con el reloj de la máquina en $reloj (Guayaquil)"
  for b in "${binarios[@]}"; do
    TZ=America/Guayaquil faketime "$reloj" "$b" -q
  done
done

tests/e2e/run.sh
