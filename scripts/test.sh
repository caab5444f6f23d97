#!/usr/bin/env bash
# Set up (first run only) with the development extras and run the whole test suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" dev
exec .venv/bin/python -m pytest "$@"
