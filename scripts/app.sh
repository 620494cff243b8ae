#!/usr/bin/env bash
# Sets everything up and opens Coactiva on the default database (in the user's data
# directory), or on the one named by COACTIVA_DB.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$raiz"
exec cargo run --release -p coactiva-app
