#!/usr/bin/env bash
# Whole-process measurements of mentorlog on the large demo journal (50 partnerships,
# 5,000 meetings, 2,000 goals, 20,000 ticks), beside grep (the floor) and jrnl (the same
# 5,000 meetings as one jrnl file). Every figure in BENCHMARKS.md's "Whole process" section
# comes from this script.
#
#   benches/whole_process.sh            # prints Markdown to stdout, also target/whole-process.md
#   KEEP=1 benches/whole_process.sh     # keep the temporary journals and print where they are
#
# Needs: hyperfine (Debian/Ubuntu: apt-get install -y hyperfine), jrnl 4.6 (pip install jrnl),
# python3, GNU time at /usr/bin/time (apt-get install -y time), and optionally script(1) from
# util-linux for the full-screen open. Nothing is written outside target/ and a temporary
# directory: HOME and the XDG directories point into that directory while measuring.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TODAY=2026-11-23
WARMUP=2
RUNS=10
# "closed question" is the phrase the small demo's notes use; the large demo has it in no
# meeting, so every tool scans everything and finds nothing (mentorlog's fuzzy search still
# matches framework items). "plenaries" is in the focus of about 540 of the 5,000 meetings.
QUERIES=("closed question" "plenaries")

# ---------------------------------------------------------------- prerequisites
missing=0
if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is missing: install it with 'apt-get install -y hyperfine' (or 'cargo install hyperfine')" >&2
    missing=1
fi
if ! command -v jrnl >/dev/null; then
    echo "jrnl is missing: install it with 'pip install jrnl==4.6'" >&2
    missing=1
fi
if ! command -v python3 >/dev/null; then
    echo "python3 is missing: install it with 'apt-get install -y python3'" >&2
    missing=1
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "GNU time is missing: install it with 'apt-get install -y time'" >&2
    missing=1
fi
((missing == 0)) || exit 1
HAVE_SCRIPT=0
command -v script >/dev/null && HAVE_SCRIPT=1

# jrnl behind a pyenv shim would be timed with pyenv's start-up too, and the shim needs the
# real HOME: resolve the real executable now.
JRNL=$(command -v jrnl)
if command -v pyenv >/dev/null && real=$(pyenv which jrnl 2>/dev/null); then
    JRNL=$real
fi
JRNL_VERSION=$("$JRNL" --version | awk 'NR == 1 {print $2}')
PYTHON=$(command -v python3)
if command -v pyenv >/dev/null && real=$(pyenv which python3 2>/dev/null); then
    PYTHON=$real
fi

# ---------------------------------------------------------------- build
echo "Building the release binary..." >&2
cargo build --release >&2
BIN=$ROOT/target/release/mentorlog
RUSTC_VERSION=$(rustc --version)
# COMMIT may be given for a tree exported with `git archive`, which has no .git.
if [[ -z ${COMMIT:-} ]]; then
    COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ $COMMIT != unknown && -n $(git status --porcelain -- src benches Cargo.toml Cargo.lock 2>/dev/null) ]]; then
        COMMIT="$COMMIT with uncommitted changes"
    fi
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
REPORT=$ROOT/target/whole-process.md
: >"$REPORT"

WORK=$(mktemp -d -t mentorlog-bench.XXXXXX)
if [[ ${KEEP:-0} == 1 ]]; then
    echo "Keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi
DIR=$WORK/journal         # the large demo journal; only read
SCRATCH=$WORK/scratch     # a copy for the commands that write
JFILE=$WORK/jrnl/journal.txt
CFG=$WORK/jrnl/jrnl.yaml
mkdir -p "$WORK/home/.config" "$WORK/home/.local/share" "$WORK/home/.cache" \
    "$WORK/home/.local/state" "$WORK/jrnl"
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share \
    XDG_CACHE_HOME=$WORK/home/.cache XDG_STATE_HOME=$WORK/home/.local/state
unset MENTORLOG_DIR EDITOR VISUAL NO_COLOR

out() { printf '%s\n' "$@" | tee -a "$REPORT"; }
q() { printf '%q' "$1"; }
ML="$(q "$BIN") --data-dir $(q "$DIR") --today $TODAY"
MS="$(q "$BIN") --data-dir $(q "$SCRATCH") --today $TODAY"
JR="$(q "$JRNL") --config-file $(q "$CFG")"

# hyperfine GROUP_FILE [hyperfine options and name/command pairs...]: times, keeps the
# Markdown table, prints it.
bench() {
    local md=$1
    shift
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --time-unit millisecond \
        --export-markdown "$md" "$@" >&2
    tee -a "$REPORT" <"$md"
    out ""
}

# peak RSS in KB of a command (max over 5 runs)
peak_kb() {
    local max=0 kb
    for _ in 1 2 3 4 5; do
        /usr/bin/time -o "$WORK/rss" -f '%M' "$@" >/dev/null 2>&1 || true
        kb=$(tail -n 1 "$WORK/rss")
        ((kb > max)) && max=$kb
    done
    echo "$max"
}

# ---------------------------------------------------------------- the machine
out "# Whole-process measurements" ""
out "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit $COMMIT by \`benches/whole_process.sh\`;" \
    "hyperfine --warmup $WARMUP --runs $RUNS, times in ms (mean ± σ, min, max)." ""
out "| machine | |" "| --- | --- |"
out "| CPUs (nproc) | $(nproc) |"
out "| model | $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |"
out "| memory | $(free -h | awk '/^Mem:/ {print $2}') |"
out "| kernel | $(uname -r) |"
out "| load average (1, 5, 15 min) at the start | $LOAD_BEFORE |"
out "| rustc | $RUSTC_VERSION |"
out "| hyperfine | $(hyperfine --version | awk '{print $2}') |"
out "| jrnl | $JRNL_VERSION (Python $("$PYTHON" -c 'import platform; print(platform.python_version())')) |"
out ""

# ---------------------------------------------------------------- the data
echo "Writing the large demo journal..." >&2
/usr/bin/time -o "$WORK/demo.time" -f '%e %M' \
    "$BIN" --data-dir "$DIR" --today "$TODAY" demo --size large >&2
read -r DEMO_S DEMO_KB <"$WORK/demo.time"
APPARENT_H=$(du -sh --apparent-size "$DIR" | cut -f1)
ONDISK_H=$(du -sh "$DIR" | cut -f1)
APPARENT_B=$(du -sb "$DIR" | cut -f1)
ONDISK_B=$(($(du -sk "$DIR" | cut -f1) * 1024))
FILES=$(find "$DIR" -type f | wc -l)
MEETINGS=$(find "$DIR/partnerships" -path '*/meetings/*.ron' -type f | wc -l)
cp -a "$DIR" "$SCRATCH"

# ---- the same meetings as a jrnl journal
echo "Converting the meetings to a jrnl journal..." >&2
"$PYTHON" "$ROOT/benches/jrnl_convert.py" "$DIR" "$JFILE" "$CFG" "$JRNL_VERSION" >"$WORK/jrnl.count"
JRNL_ENTRIES=$(cat "$WORK/jrnl.count")
# jrnl must read it: the last three entries, then every entry once.
"$JRNL" --config-file "$CFG" -n 3 >"$WORK/jrnl.n3" 2>"$WORK/jrnl.n3.err"
if [[ $(grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2} ' "$WORK/jrnl.n3") != 3 ]]; then
    echo "jrnl did not read the converted journal:" >&2
    cat "$WORK/jrnl.n3" "$WORK/jrnl.n3.err" >&2
    exit 1
fi
JRNL_READ=$("$JRNL" --config-file "$CFG" --short 2>/dev/null | grep -cE '^[0-9]{4}-')
if [[ $JRNL_READ != "$MEETINGS" ]]; then
    echo "jrnl read $JRNL_READ entries of $MEETINGS meetings" >&2
    exit 1
fi
echo "jrnl reads the converted journal ($JRNL_READ entries); its last three:" >&2
cat "$WORK/jrnl.n3" >&2

out "## The data" ""
out "| journal | records | files | apparent size | on disk | written in |" \
    "| --- | --- | ---: | ---: | ---: | ---: |"
out "| mentorlog \`demo --size large\` | 50 partnerships, $MEETINGS meetings, 2,000 goals, 20,000 ticks | $FILES | $APPARENT_H ($APPARENT_B B) | $ONDISK_H | ${DEMO_S} s |"
out "| the same meetings as one jrnl file | $JRNL_ENTRIES entries | 1 | $(du -sh --apparent-size "$JFILE" | cut -f1) ($(stat -c %s "$JFILE") B) | $(du -sh "$JFILE" | cut -f1) | |"
out ""

# ---------------------------------------------------------------- search
# What each finds, checked once outside the timing (this also proves every command runs).
out "## Search" ""
out "mentorlog prints its best 20 hits (\`--limit\` defaults to 20); grep lists every file that" \
    "contains the phrase; jrnl prints every matching entry in full." ""
out "| query | mentorlog hits (of which meetings) | grep files | jrnl entries |" \
    "| --- | ---: | ---: | ---: |"
for query in "${QUERIES[@]}"; do
    "$BIN" --data-dir "$DIR" --today "$TODAY" search "$query" >/dev/null
    "$BIN" --data-dir "$DIR" --today "$TODAY" search --json "$query" >"$WORK/search.json"
    hits=$("$PYTHON" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(len(r), sum(h["kind"]=="meeting" for h in r))' "$WORK/search.json")
    rc=0
    files=$(grep -ril -- "$query" "$DIR" | wc -l) || rc=$?
    ((rc <= 1)) || exit "$rc"
    entries=$("$JRNL" --config-file "$CFG" -contains "$query" --short 2>/dev/null | grep -cE '^[0-9]{4}-' || true)
    out "| \"$query\" | ${hits% *} (${hits#* }) | $files | $entries |"
done
out ""
n=0
for query in "${QUERIES[@]}"; do
    n=$((n + 1))
    out "### \"$query\"" ""
    # -i: grep exits 1 when nothing matches; every command was checked to run just above.
    bench "$WORK/search$n.md" -N -i \
        -n "mentorlog search \"$query\"" "$ML search $(q "$query")" \
        -n "mentorlog search --json \"$query\"" "$ML search --json $(q "$query")" \
        -n "grep -ril \"$query\" (the floor)" "grep -ril -- $(q "$query") $(q "$DIR")" \
        -n "jrnl -contains \"$query\"" "$JR -contains $(q "$query")"
done

# ---------------------------------------------------------------- status and opening
out "## Status and opening the journal" ""
bench "$WORK/status.md" -N \
    -n "mentorlog status" "$ML status" \
    -n "mentorlog status --json" "$ML status --json" \
    -n "mentorlog status --with p00-sam-lee" "$ML status --with p00-sam-lee"
if ((HAVE_SCRIPT)); then
    # The full-screen journal in a 140x40 pseudo-terminal: start, load, draw the first
    # frame, read the 'q' already waiting, restore the terminal, exit. The baseline is the
    # same pseudo-terminal running `true`. Run through a shell (hyperfine subtracts its
    # start-up) for the redirection.
    printf q >"$WORK/q"
    out "The full-screen journal, opened in a 140x40 pseudo-terminal by \`script\`, quit at once" \
        "with \`q\` (the first frame is always drawn before a key is read):" ""
    bench "$WORK/open.md" \
        -n "open, first frame, quit" \
        "timeout 20 script -qec $(q "stty cols 140 rows 40; $ML") /dev/null <$(q "$WORK/q")" \
        -n "baseline: the same pseudo-terminal running true" \
        "timeout 20 script -qec $(q "stty cols 140 rows 40; true") /dev/null <$(q "$WORK/q")"
fi

# ---------------------------------------------------------------- writes
# On the scratch copy. `log` adds a meeting each run (12 in all); the tick and its undo each
# start from the other's result, so each run is one durable save of the tick sheet.
out "## Writes (each a durable save)" ""
out "On a copy of the large journal; \`log\` adds one meeting a run; \`tick\` runs after an" \
    "undo and \`tick --undo\` after a tick (hyperfine \`--prepare\`)." ""
TICK="tick --with p00-sam-lee curee/mentor-open-questions"
cat >"$WORK/untick.sh" <<EOF
$MS $TICK --undo >/dev/null 2>&1 || true
EOF
cat >"$WORK/retick.sh" <<EOF
$MS $TICK --evidence x >/dev/null
EOF
"$BIN" --data-dir "$SCRATCH" --today "$TODAY" log --with p00-sam-lee --focus Bench "quick note" >/dev/null
# --prepare and -n pair with the commands by position.
bench "$WORK/writes.md" -N \
    --prepare "true" --prepare "bash $(q "$WORK/untick.sh")" \
    --prepare "bash $(q "$WORK/retick.sh")" --prepare "true" \
    -n "mentorlog log --with p00-sam-lee --focus Bench \"quick note\"" \
    "$MS log --with p00-sam-lee --focus Bench 'quick note'" \
    -n "mentorlog tick ... --evidence x" "$MS $TICK --evidence x" \
    -n "mentorlog tick ... --undo" "$MS $TICK --undo" \
    -n "baseline: mentorlog --version" "$(q "$BIN") --version"

# ---------------------------------------------------------------- memory
echo "Measuring peak memory..." >&2
out "## Peak memory" ""
out "Maximum resident set size (GNU time \`%M\`, the largest of 5 runs, 3 for the full-screen" \
    "journal) against the journal's apparent size, $APPARENT_H ($APPARENT_B B); on disk it takes $ONDISK_H." ""
out "| command | peak RSS | x apparent size | x on-disk size |" "| --- | ---: | ---: | ---: |"
mem_row() {
    local name=$1 kb
    shift
    kb=$(peak_kb "$@")
    out "| $name | $((kb / 1024)).$(((kb % 1024) * 10 / 1024)) MiB | $(awk -v k="$kb" -v b="$APPARENT_B" 'BEGIN {printf "%.2f", k * 1024 / b}') | $(awk -v k="$kb" -v b="$ONDISK_B" 'BEGIN {printf "%.2f", k * 1024 / b}') |"
}
mem_row "mentorlog --version (no journal read)" "$BIN" --version
mem_row "mentorlog status" "$BIN" --data-dir "$DIR" --today "$TODAY" status
mem_row "mentorlog status --json" "$BIN" --data-dir "$DIR" --today "$TODAY" status --json
for query in "${QUERIES[@]}"; do
    mem_row "mentorlog search \"$query\"" "$BIN" --data-dir "$DIR" --today "$TODAY" search "$query"
done
if ((HAVE_SCRIPT)); then
    # The first frame reads one partnership; the rest is read in the background. So the
    # peak when quit at once (q already waiting), after 3 s (everything read), and after a
    # search typed into / (the search index built too).
    tui_peak() {
        local name=$1 keys=$2 kb=0 v
        for _ in 1 2 3; do
            # The keys after the app has quit meet a closed pipe: not a failure.
            (bash -c "$keys" 2>/dev/null || true) | timeout 30 script -qec \
                "stty cols 140 rows 40; /usr/bin/time -o $(q "$WORK/tui.rss") -f %M $ML" \
                /dev/null >/dev/null
            v=$(tail -n 1 "$WORK/tui.rss")
            ((v > kb)) && kb=$v
        done
        out "| $name | $((kb / 1024)).$(((kb % 1024) * 10 / 1024)) MiB | $(awk -v k="$kb" -v b="$APPARENT_B" 'BEGIN {printf "%.2f", k * 1024 / b}') | $(awk -v k="$kb" -v b="$ONDISK_B" 'BEGIN {printf "%.2f", k * 1024 / b}') |"
    }
    tui_peak "full-screen journal, quit at its first frame (140x40)" "printf q"
    tui_peak "full-screen journal, quit after 3 s (whole journal read)" "sleep 3; printf q"
    tui_peak "full-screen journal, /${QUERIES[0]} typed after 2 s (index built), Esc, quit" \
        "sleep 2; printf '/%s' $(q "${QUERIES[0]}"); sleep 1; printf '\\033'; sleep 0.5; printf q; sleep 0.5; printf q"
fi
mem_row "jrnl -contains \"${QUERIES[0]}\" (on its ${JRNL_ENTRIES}-entry file)" "$JRNL" --config-file "$CFG" -contains "${QUERIES[0]}"
# the demo's figure was taken while it wrote the journal, above
out "| mentorlog demo --size large (writing it) | $((DEMO_KB / 1024)).$(((DEMO_KB % 1024) * 10 / 1024)) MiB | | |"
out ""
out "Load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg); anything else running" \
    "on the machine shows in these figures." ""
echo "Written to $REPORT" >&2
