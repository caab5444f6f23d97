#!/usr/bin/env bash
# Set up (first run only) and compare the bundled German/English example pair.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
mkdir -p reports
.venv/bin/translator compare examples/de-en-news/de.md examples/de-en-news/en.md -o reports/de-en-news.html
