# Shared by scripts/example.sh and scripts/test.sh: create .venv when missing
# and install the project with pinned versions (constraints.txt). Re-runs are
# quick: pip is skipped while pyproject.toml and constraints.txt are unchanged.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3}
extras=${1:-}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=".venv/.installed${extras:+-$extras}"
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c constraints.txt -e ".${extras:+[$extras]}"
  echo "$want" > "$stamp"
fi
