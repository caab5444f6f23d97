#!/usr/bin/env bash
# Set up (first run only) and compare the bundled German/English example pair.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
# Without a translation model the aligner leans on FreeDict dictionaries for
# the examples' language pair (German/English). Install Debian's packages
# when missing and we may (root with apt); otherwise say the one command
# that would (or 'translator dictionaries install de en', no root needed).
packages=()
for pair in deu-eng eng-deu; do
  [ -f "/usr/share/dictd/freedict-$pair.index" ] || packages+=("dict-freedict-$pair")
done
if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${packages[*]} for the example's alignment (apt-get)..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >/dev/null 2>&1 \
      || echo "warning: could not install ${packages[*]}; the example runs without a dictionary" >&2
  elif ! .venv/bin/translator dictionaries list de en --format json | grep -q '"install": null'; then
    echo "note: no German/English dictionary; install one with: sudo apt-get install ${packages[*]}" >&2
    echo "      (or, without root: .venv/bin/translator dictionaries install de en)" >&2
  fi
fi
mkdir -p reports
.venv/bin/translator compare examples/de-en-news/de.md examples/de-en-news/en.md -o reports/de-en-news.html
