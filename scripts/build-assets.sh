#!/usr/bin/env bash
# Build static/css/site.css from assets/scss/site.scss (GOV.UK Frontend v5 Sass
# sources + our own styles). The built file is committed, so running the site
# needs no Node; only changing the styles does.
#
# Usage:
#   scripts/build-assets.sh           # (re)build static/css/site.css
#   scripts/build-assets.sh --check   # build to a temp file; exit 1 if the
#                                     # committed static/css/site.css is stale
#
# Needs node + npm. Installs the locked devDependencies (npm ci) when
# node_modules is missing or does not match package-lock.json.
set -euo pipefail

cd "$(dirname "$0")/.."

mode=build
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

entry=assets/scss/site.scss
out=static/css/site.css

command -v npm >/dev/null 2>&1 || { echo "build-assets: npm not found (install Node.js 18+)" >&2; exit 1; }

# npm ci when node_modules is missing, or older than the lockfile.
if [ ! -x node_modules/.bin/sass ] || [ ! -d node_modules/govuk-frontend ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "build-assets: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

compile() {
  # --no-source-map: collectstatic (ManifestStaticFilesStorage) fails on a
  #   sourceMappingURL pointing at a file that is not shipped.
  # --quiet-deps / --silence-deprecation=import: GOV.UK Frontend v5 uses
  #   @import and older Sass functions; those warnings are not ours to fix.
  node_modules/.bin/sass \
    --style=compressed \
    --no-source-map \
    --load-path=node_modules \
    --quiet-deps \
    --silence-deprecation=import \
    "$entry" "$1"
}

if [ "$mode" = check ]; then
  tmp="$(mktemp "${TMPDIR:-/tmp}/site.css.XXXXXX")"
  trap 'rm -f "$tmp"' EXIT
  compile "$tmp"
  if [ ! -f "$out" ]; then
    echo "build-assets: $out is missing; run scripts/build-assets.sh" >&2
    exit 1
  fi
  if ! cmp -s "$tmp" "$out"; then
    echo "build-assets: $out is out of date with assets/scss; run scripts/build-assets.sh and commit it" >&2
    diff <(tr '}' '\n' <"$out") <(tr '}' '\n' <"$tmp") | head -20 >&2 || true
    exit 1
  fi
  echo "build-assets: $out is up to date ($(wc -c <"$out") bytes)"
  exit 0
fi

mkdir -p "$(dirname "$out")"
tmp="$(mktemp "$out.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
compile "$tmp"
# Guard rails: no url() (nothing is shipped beside the CSS) and no source map.
if grep -q 'url(' "$tmp"; then
  echo "build-assets: built CSS contains url(); ship the files or remove the rule:" >&2
  grep -o 'url([^)]*)' "$tmp" | sort -u >&2
  exit 1
fi
if grep -q 'sourceMappingURL' "$tmp"; then
  echo "build-assets: built CSS references a source map" >&2
  exit 1
fi
chmod 0644 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "build-assets: wrote $out ($(wc -c <"$out") bytes, $(gzip -9 -c "$out" | wc -c) gzipped)"
