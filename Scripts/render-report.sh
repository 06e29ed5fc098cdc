#!/usr/bin/env bash
# Renders a tonecheck HTML report in headless Chromium, as a person would see it, and
# checks the page loaded: the expected headings are in the rendered DOM, no console
# errors, no blocked requests, and a screenshot was taken.
#
# Usage: Scripts/render-report.sh [REPORT.html] [SCREENSHOT.png]
#   With no REPORT, builds /tmp/report.html from Corpus/report/ops-support.jsonl with the debug binary.
# Installs chromium with apt-get when it is missing (Debian). Exit 0 when the page is good.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
html=${1:-}
png=${2:-/tmp/report.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "render-report: installing chromium" >&2
    apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null; }
    browser=$(command -v chromium)
fi

if [ -z "$html" ]; then
    html=/tmp/report.html
    bin=${TONECHECK:-$root/.build/debug/tonecheck}
    [ -x "$bin" ] || (cd "$root" && swift build >/dev/null)
    "$bin" report "$root/Corpus/report/ops-support.jsonl" --teams "$root/Corpus/report/teams.json5" --html "$html" >/dev/null 2>"$work/tonecheck.err" || { cat "$work/tonecheck.err" >&2; exit 1; }
fi
html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")

flags=(--headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check --hide-scrollbars
       --disable-dev-shm-usage --user-data-dir="$work/profile")
# The DOM after scripts ran, with console messages logged to stderr.
"$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$html" >"$work/dom.html" 2>"$work/log.txt" || true
"$browser" "${flags[@]}" --screenshot="$png" --window-size=1280,2000 "file://$html" >/dev/null 2>>"$work/shot.txt" || true

fail=0
for heading in "Score distribution" "Score per team per week" "Most frequent rules" "By team" "By ISO week" "By sender" "Demands with unreasonable lead times" "Worst messages"; do
    if ! grep -q "<h2[^>]*>$heading" "$work/dom.html"; then echo "render-report: missing heading: $heading" >&2; fail=1; fi
done
svgs=$(grep -o "<svg" "$work/dom.html" | wc -l)
[ "$svgs" -ge 3 ] || { echo "render-report: expected 3 charts, found $svgs" >&2; fail=1; }
# The sort script ran: it makes every heading focusable.
grep -q '<th scope="col"[^>]*tabindex="0"' "$work/dom.html" || { echo "render-report: the table script did not run" >&2; fail=1; }
if grep -E "CONSOLE|Uncaught|Refused to|ERR_|Content Security Policy" "$work/log.txt" | grep -v -E "dbus|gpu|viz|sandbox" >&2; then
    echo "render-report: the page logged errors (above)" >&2; fail=1
fi
[ -s "$png" ] || { echo "render-report: no screenshot" >&2; fail=1; }
if [ "$fail" = 0 ]; then
    echo "render-report: ok: $html → $png ($(wc -c <"$png") bytes), $svgs charts, all headings present, no console errors"
fi
exit $fail
