#!/usr/bin/env bash
# Runs the end-to-end tests in the real window: starts Xvfb when there is no display, builds
# what the tests drive, and runs them with node's test runner. From the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1366x768x24 >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB 2>/dev/null || true' EXIT
  export DISPLAY=:97
  sleep 1
fi
export PATH="$HOME/.cargo/bin:$PATH"
# The app turns WebKit's compositing off by default (less memory); WebKitWebDriver's
# screenshots hang in that mode, so the end-to-end run keeps compositing on.
export WEBKIT_DISABLE_COMPOSITING_MODE="${WEBKIT_DISABLE_COMPOSITING_MODE:-0}"
# The test builds honour COACTIVA_RELOJ (the tests' "today"); release builds never do.
cargo build -p coactiva-app -p coactiva --bins --features coactiva-app/reloj-prueba,coactiva-core/reloj-prueba
node --test --test-concurrency=1 tests/e2e/
