#!/usr/bin/env bash
# Installs what Coactiva needs on a fresh Debian/Ubuntu machine, and nothing already there:
# system packages (WebKitGTK for the window, Xvfb and WebKitWebDriver for the end-to-end
# tests, poppler for PDF checks), the UI's npm packages and tauri-driver. Then builds the UI.
# Sourced by scripts/app.sh and scripts/test.sh.
set -euo pipefail

PAQUETES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev webkit2gtk-driver xvfb xauth imagemagick poppler-utils
  fonts-dejavu-core perl)
PAQUETES_EXTRA=("${PAQUETES_EXTRA[@]+"${PAQUETES_EXTRA[@]}"}")
# Callers add their own (scripts/test.sh: faketime).
PAQUETES+=("${PAQUETES_EXTRA[@]}")
# Node may come from elsewhere (nvm, NodeSource): a working node and npm are enough.
command -v node >/dev/null && command -v npm >/dev/null || PAQUETES+=(nodejs npm)

faltan=()
for p in "${PAQUETES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || faltan+=("$p")
done
if [ ${#faltan[@]} -gt 0 ]; then
  echo "Instalando paquetes del sistema: ${faltan[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${faltan[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "Falta Rust (cargo). Instálelo con rustup: https://rustup.rs" >&2
  exit 1
fi

raiz="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Builds are kept outside the clone so a new clone reuses them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/coactiva/target}"

( cd "$raiz/ui" && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build )
