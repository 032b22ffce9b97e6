# Shared shell helpers for bench/run_all.sh and bench/memory.sh (sourced, not run).
#
# A results file holds one JSON object per line and figure:
#   {"name":"import.1M.wall","value":2.31,"unit":"s","better":"lower","commit":"<sha>",
#    "dirty":true,"date":"2026-11-23T12:00:00Z","ref":1.87,"ref_label":"sqlite3 .import",
#    "n":3,"note":"..."}
# "ref"/"ref_label" are the in-session reference (absent when there is none), "n" how many runs
# the value is the median of, "better" which direction is an improvement.

RS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RS_COMMIT=$(git -C "$RS_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
RS_SHORT=${RS_COMMIT:0:7}
# Read-only check for local changes (diff-index does not rewrite the index).
if git -C "$RS_ROOT" diff-index --quiet HEAD -- 2>/dev/null; then RS_DIRTY=false; else RS_DIRTY=true; fi
RS_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# "1M" -> 1000000, "25M" -> 25000000, "100k" -> 100000, "5000" -> 5000
size_rows() {
    local s=${1,,}
    case $s in
        *m) awk -v n="${s%m}" 'BEGIN { printf "%d", n * 1000000 }' ;;
        *k) awk -v n="${s%k}" 'BEGIN { printf "%d", n * 1000 }' ;;
        *) printf '%d' "$s" ;;
    esac
}

# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# emit NAME VALUE UNIT BETTER [REF REF_LABEL] [N] [NOTE]  - appends one line to $RESULTS
emit() {
    local name=$1 value=$2 unit=$3 better=$4 ref=${5:-} reflabel=${6:-} n=${7:-1} note=${8:-}
    if [ -z "$value" ] || [ "$value" = null ]; then
        log "no value for $name (skipped)"
        return 0
    fi
    jq -nc --arg name "$name" --argjson value "$value" --arg unit "$unit" --arg better "$better" \
        --arg commit "$RS_COMMIT" --argjson dirty "$RS_DIRTY" --arg date "$RS_DATE" \
        --arg ref "$ref" --arg reflabel "$reflabel" --argjson n "$n" --arg note "$note" \
        '{name: $name, value: $value, unit: $unit, better: $better, commit: $commit,
          dirty: $dirty, date: $date}
         + (if $ref == "" or $ref == "null" then {} else {ref: ($ref | tonumber), ref_label: $reflabel} end)
         + {n: $n} + (if $note == "" then {} else {note: $note} end)' >> "$RESULTS"
}

# timed LABEL CMD... - runs CMD with /usr/bin/time; stdout to $LOGS/LABEL.out, stderr to
# $LOGS/LABEL.err; prints "WALL_SECONDS PEAK_RSS_KB"; returns CMD's status.
timed() {
    local label=$1; shift
    local status=0
    /usr/bin/time -f '%e %M' -o "$LOGS/$label.time" "$@" > "$LOGS/$label.out" 2> "$LOGS/$label.err" || status=$?
    if [ $status -ne 0 ]; then
        log "FAILED ($status): $* (see $LOGS/$label.err)"
        tail -5 "$LOGS/$label.err" >&2
    fi
    tail -1 "$LOGS/$label.time"
    return $status
}

# The latest results file in DIR not from commit SHA (by the "date" of its first line).
previous_results() {
    local dir=$1 sha=$2 best="" bestDate="" f d c
    for f in "$dir"/*.jsonl; do
        [ -s "$f" ] || continue
        c=$(head -1 "$f" | jq -r '.commit // ""' 2>/dev/null) || continue
        d=$(head -1 "$f" | jq -r '.date // ""' 2>/dev/null) || continue
        [ "$c" = "$sha" ] && continue
        if [ -z "$bestDate" ] || [[ "$d" > "$bestDate" ]]; then best=$f; bestDate=$d; fi
    done
    printf '%s' "$best"
}

# print_table RESULTS [PREVIOUS] - the markdown table: figure | value | reference | ratio |
# previous | vs previous. Ratios are value / reference and value / previous.
print_table() {
    python3 - "$1" "${2:-}" <<'PY'
import json, sys

def load(path):
    out = {}
    if path:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line:
                    r = json.loads(line)
                    out[r["name"]] = r
    return out

def fmt(v, unit=""):
    if v is None:
        return "-"
    a = abs(v)
    if a == 0:
        s = "0"
    elif a >= 1e6:
        s = f"{v:,.0f}"
    elif a >= 100:
        s = f"{v:.0f}"
    elif a >= 10:
        s = f"{v:.1f}"
    elif a >= 1:
        s = f"{v:.2f}"
    else:
        s = f"{v:.3g}"
    return f"{s} {unit}".strip()

cur = load(sys.argv[1])
prev = load(sys.argv[2]) if len(sys.argv) > 2 else {}
print("| figure | value | reference | ratio | previous | vs previous |")
print("|---|---|---|---|---|---|")
for name, r in cur.items():
    unit = r.get("unit", "")
    ref = r.get("ref")
    refText = f"{fmt(ref, unit)} ({r.get('ref_label', '')})" if ref is not None else "-"
    ratio = f"{r['value'] / ref:.3f}" if ref else "-"
    p = prev.get(name)
    pv = p["value"] if p else None
    vs = f"{r['value'] / pv:.3f}" if pv else "-"
    label = name + (" ↓" if r.get("better") == "lower" else " ↑" if r.get("better") == "higher" else "")
    n = r.get("n", 1)
    value = fmt(r["value"], unit) + (f" (median of {n})" if n and n > 1 else "")
    print(f"| {label} | {value} | {refText} | {ratio} | {fmt(pv, unit)} | {vs} |")
if prev:
    some = next(iter(prev.values()))
    print(f"\nprevious: {sys.argv[2]} (commit {some.get('commit', '?')[:7]}, {some.get('date', '?')})")
else:
    print("\nprevious: none (no earlier results file from another commit)")
print("↓ lower is better, ↑ higher is better; ratio = value / reference, vs previous = value / previous")
PY
}
