#!/usr/bin/env bash
# Sets everything up and runs every test: the core's unit and integration tests, the
# desktop shell's, and the end-to-end tests in the real window under Xvfb.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$raiz"
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0
# Tests never touch the user's own data: scratch data directories.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/datos" XDG_CACHE_HOME="$scratch/cache" XDG_CONFIG_HOME="$scratch/config"
cargo fmt --all --check
cargo test --workspace
tests/e2e/run.sh
