#!/bin/sh
# Fails if src/support/unicode_db_tables.inc is not what tools/gen_unicode_db.py
# generates now (someone hand-edited it, or changed the generator without rerunning it).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
/usr/bin/python3.11 "$root/tools/gen_unicode_db.py" "$tmp" 2>/dev/null
if cmp -s "$tmp" "$root/src/support/unicode_db_tables.inc"; then
  echo "unicode_db_tables.inc is up to date"
else
  diff -u "$root/src/support/unicode_db_tables.inc" "$tmp" | head -40
  echo "unicode_db_tables.inc is stale: run /usr/bin/python3.11 tools/gen_unicode_db.py" >&2
  exit 1
fi
