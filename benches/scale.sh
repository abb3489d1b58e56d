#!/usr/bin/env bash
# How mentorlog's whole-process times grow with the journal: the large demo journal written
# at several scales (`demo --size large --scale N`: 50·N partnerships, 5,000·N meetings),
# each operation timed at each scale, beside grep (the floor) and jrnl (the same meetings as
# one jrnl file) timed on the same data.
#
#   benches/scale.sh              # scales "1 4 10"; Markdown to stdout, also target/scale.md
#   benches/scale.sh "1 2"        # other scales (the first is the base of the ratios)
#   RUNS=10 WARMUP=2 benches/scale.sh
#   KEEP=1 benches/scale.sh       # keep the temporary journals and print where they are
#   BEFORE=/path/to/older/mentorlog benches/scale.sh
#                                 # also time an older build on the same journals, each of
#                                 # its rows beside ours ("before: ...")
#
# Needs: hyperfine (Debian/Ubuntu: apt-get install -y hyperfine, or cargo install hyperfine)
# and python3. Optional, each row skipped with a note when missing: GNU time at
# /usr/bin/time (apt-get install -y time) for peak memory, script(1) from util-linux for the
# full screen's memory and tui-journal's first frame, tmux for a change reaching another screen, jrnl 4.6 (pip install jrnl==4.6), tui-journal.
# Nothing is written outside target/ and a temporary directory: HOME and the XDG directories
# point into that directory while measuring.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SCALES=(${1:-1 4 10})
TODAY=2026-11-23
WARMUP=${WARMUP:-1}
RUNS=${RUNS:-5}
# "plenaries" is in the focus of about one meeting in ten of the large demo.
QUERY=plenaries

for s in "${SCALES[@]}"; do
    if ! [[ $s =~ ^[0-9]+$ ]] || ((s < 1 || s > 100)); then
        echo "scales are whole numbers from 1 to 100, not '$s'" >&2
        exit 2
    fi
done

# ---------------------------------------------------------------- prerequisites
missing=0
if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is missing: install it with 'apt-get install -y hyperfine' (or 'cargo install hyperfine')" >&2
    missing=1
fi
if ! command -v python3 >/dev/null; then
    echo "python3 is missing: install it with 'apt-get install -y python3'" >&2
    missing=1
fi
((missing == 0)) || exit 1
NOTES=()
HAVE_TIME=0
if [[ -x /usr/bin/time ]]; then
    HAVE_TIME=1
else
    NOTES+=("Peak memory not measured: GNU time is missing (apt-get install -y time).")
fi
HAVE_TMUX=0
if command -v tmux >/dev/null; then
    HAVE_TMUX=1
else
    NOTES+=("A change reaching another screen not measured: tmux is missing (apt-get install -y tmux).")
fi
HAVE_SCRIPT=0
if command -v script >/dev/null; then
    HAVE_SCRIPT=1
else
    NOTES+=("The full screen's memory not measured: script(1) is missing (apt-get install -y util-linux).")
fi
# jrnl behind a pyenv shim would be timed with pyenv's start-up too, and the shim needs the
# real HOME: resolve the real executables now.
JRNL=
if command -v jrnl >/dev/null; then
    JRNL=$(command -v jrnl)
    if command -v pyenv >/dev/null && real=$(pyenv which jrnl 2>/dev/null); then
        JRNL=$real
    fi
    JRNL_VERSION=$("$JRNL" --version | awk 'NR == 1 {print $2}')
else
    NOTES+=("jrnl not measured: it is not installed (pip install jrnl==4.6).")
fi
PYTHON=$(command -v python3)
if command -v pyenv >/dev/null && real=$(pyenv which python3 2>/dev/null); then
    PYTHON=$real
fi
TJ=$(command -v tjournal || command -v tui-journal || true)
if [[ -z $TJ ]]; then
    NOTES+=("tui-journal not measured: it is not installed (cargo install tui-journal --no-default-features --features json).")
elif ((HAVE_SCRIPT == 0)); then
    NOTES+=("tui-journal not measured: its first frame is timed through script(1), which is missing.")
    TJ=
else
    NOTES+=("tui-journal ($TJ): its first frame only, on the same meetings in its JSON file; it searches only inside its full-screen view, which this script does not drive.")
fi

# ---------------------------------------------------------------- build
echo "Building the release binary..." >&2
CARGO_TARGET_DIR=$ROOT/target cargo build --release >&2
BIN=$ROOT/target/release/mentorlog
if [[ -z ${COMMIT:-} ]]; then
    COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ $COMMIT != unknown && -n $(git status --porcelain -- src benches Cargo.toml Cargo.lock 2>/dev/null) ]]; then
        COMMIT="$COMMIT with uncommitted changes"
    fi
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
REPORT=$ROOT/target/scale.md
mkdir -p "$ROOT/target"
: >"$REPORT"

WORK=$(mktemp -d -t mentorlog-scale.XXXXXX)
if [[ ${KEEP:-0} == 1 ]]; then
    echo "Keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/home/.config" "$WORK/home/.local/share" "$WORK/home/.cache" \
    "$WORK/home/.local/state"
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share \
    XDG_CACHE_HOME=$WORK/home/.cache XDG_STATE_HOME=$WORK/home/.local/state
unset MENTORLOG_DIR MENTORLOG_TODAY EDITOR VISUAL NO_COLOR

out() { printf '%s\n' "$@" | tee -a "$REPORT"; }
q() { printf '%q' "$1"; }
printf q >"$WORK/q"

# RESULT[row|scale] = the figure; ROWS in the order first met; KIND[row] = ours or anchor.
declare -A RESULT KIND
ROWS=()
put() {
    local row=$1 scale=$2 value=$3 kind=${4:-ours}
    [[ -v "KIND[$row]" ]] || ROWS+=("$row")
    KIND[$row]=$kind
    RESULT[$row|$scale]=$value
}

# median ROW SCALE KIND [hyperfine options...] COMMAND: the median of whole-process runs, ms.
median() {
    local row=$1 scale=$2 kind=$3
    shift 3
    local json=$WORK/h.json
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "$@" >&2
    put "$row" "$scale" "$("$PYTHON" -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json")" "$kind"
}

# ours ROW SCALE [hyperfine options...] COMMAND: our median, and the older build's beside it
# when BEFORE names one (the same command with its binary).
ours() {
    local row=$1 scale=$2
    shift 2
    median "$row" "$scale" ours "$@"
    if [[ -n ${BEFORE:-} ]]; then
        local args=("$@") n=$(($# - 1))
        args[n]=${args[n]//$(q "$BIN")/$(q "$BEFORE")}
        median "before: $row" "$scale" before "${args[@]}"
    fi
}

# live BIN DIR PID: the full-screen journal in tmux on DIR showing PID's meetings; another
# process logs a meeting there; the median of 5 times (ms) from the start of that process
# to the meeting on the other screen.
live() {
    local bin=$1 dir=$2 pid=$3 sock=ml-scale-$$ times=() t0 t1 i tag=$RANDOM
    tmux -L "$sock" new-session -d -x 140 -y 40 "$(q "$bin") --data-dir $(q "$dir") --today $TODAY"
    sleep 3 # everything read, the watcher started
    tmux -L "$sock" send-keys 2
    sleep 1
    for i in 1 2 3 4 5; do
        t0=$(date +%s%N)
        "$bin" --data-dir "$dir" --today "$TODAY" log --with "$pid" --focus "Live change $tag-$i" "x" >/dev/null 2>&1
        until tmux -L "$sock" capture-pane -p | grep -q "Live change $tag-$i"; do
            if (($(date +%s%N) - t0 > 10000000000)); then
                break
            fi
            sleep 0.002
        done
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000000)))
        sleep 1
    done
    tmux -L "$sock" kill-server 2>/dev/null || true
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

# peak RSS in MiB of a command (the largest of 3 runs, after one not measured: a command
# answering from a cache is measured with the cache as that run left it)
peak_mib() {
    local max=0 kb
    "$@" >/dev/null 2>&1 || true
    for _ in 1 2 3; do
        /usr/bin/time -o "$WORK/rss" -f '%M' "$@" >/dev/null 2>&1 || true
        kb=$(tail -n 1 "$WORK/rss")
        ((kb > max)) && max=$kb
    done
    awk -v k="$max" 'BEGIN {printf "%.1f", k / 1024}'
}

# ---------------------------------------------------------------- each scale
for s in "${SCALES[@]}"; do
    DIR=$WORK/s$s/journal       # only read
    SCRATCH=$WORK/s$s/scratch   # a copy for the commands that write
    mkdir -p "$WORK/s$s"
    echo "Scale $s: writing the large demo journal at --scale $s..." >&2
    start=$(date +%s.%N)
    "$BIN" --data-dir "$DIR" --today "$TODAY" demo --size large --scale "$s" >&2
    put "demo --size large --scale N, written in (s)" "$s" \
        "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
    put "files" "$s" "$(find "$DIR" -type f | wc -l)" data
    put "apparent size (MB)" "$s" "$(awk -v b="$(du -sb "$DIR" | cut -f1)" 'BEGIN {printf "%.1f", b / 1e6}')" data
    MEETINGS=$(find "$DIR/partnerships" -path '*/meetings/*.ron' -type f | wc -l)
    put "shared meetings (what grep and jrnl see)" "$s" "$MEETINGS" data
    cp -a "$DIR" "$SCRATCH"
    # The first partnership, Sam Lee's, whatever the width of the scale's ids.
    PID=$(basename "$(find "$DIR/partnerships" -mindepth 1 -maxdepth 1 -type d -name 'p0*-sam-lee' | sort | head -n 1)")
    ML="$(q "$BIN") --data-dir $(q "$DIR") --today $TODAY"
    MS="$(q "$BIN") --data-dir $(q "$SCRATCH") --today $TODAY"
    # Every command runs once outside the timing, once the demo's folders are older than the
    # two seconds in which the cache trusts no folder time (a journal is not written a
    # second before it is searched).
    sleep 3
    "$BIN" --data-dir "$DIR" --today "$TODAY" search "$QUERY" >/dev/null
    "$BIN" --data-dir "$DIR" --today "$TODAY" status --with "$PID" >/dev/null

    # The full-screen journal in a 140x40 pseudo-terminal: start, load, draw the first frame,
    # read the 'q' sent after it, quit (benches/first_frame.py --until-exit, 20 runs; not
    # script(1), which may wait 250 ms after its input ends).
    for which in ours before; do
        bin=$BIN
        if [[ $which == before ]]; then
            [[ -n ${BEFORE:-} ]] || continue
            bin=$BEFORE
        fi
        row="full screen: start to first frame, quit (ms)"
        [[ $which == before ]] && row="before: $row"
        put "$row" "$s" "$("$PYTHON" "$ROOT/benches/first_frame.py" --until-exit 20 "$bin" --data-dir "$DIR" --today "$TODAY")" "$which"
    done
    put "baseline: the same pseudo-terminal running printf, one cursor move (ms)" "$s" \
        "$("$PYTHON" "$ROOT/benches/first_frame.py" --until-exit 20 printf '\033[1;1H')" anchor
    # Process start to the first frame, timed from the output (benches/first_frame.py, 40
    # runs), less the same harness running a program that prints one cursor move.
    frame_floor=$("$PYTHON" "$ROOT/benches/first_frame.py" 40 printf '\033[1;1H')
    put "floor: first_frame.py on printf, one cursor move (ms)" "$s" "$frame_floor" anchor
    for which in ours before; do
        bin=$BIN
        if [[ $which == before ]]; then
            [[ -n ${BEFORE:-} ]] || continue
            bin=$BEFORE
        fi
        t=$("$PYTHON" "$ROOT/benches/first_frame.py" 40 "$bin" --data-dir "$DIR" --today "$TODAY")
        row="full screen: process start to first frame, the floor taken away (ms)"
        [[ $which == before ]] && row="before: $row"
        put "$row" "$s" "$(awk -v a="$t" -v b="$frame_floor" 'BEGIN {printf "%.1f", a - b}')" "$which"
    done
    ours "mentorlog search $QUERY (ms)" "$s" -N "$ML search $QUERY"
    # -i: grep exits 1 when nothing matches.
    median "grep -rli $QUERY, the same data directory (ms)" "$s" anchor -N -i "grep -rli $QUERY $(q "$DIR")"
    JFILE=$WORK/s$s/jrnl/journal.txt
    CFG=$WORK/s$s/jrnl/jrnl.yaml
    TJFILE=$WORK/s$s/jrnl/tui-journal.json
    mkdir -p "$WORK/s$s/jrnl"
    if [[ -n $JRNL || -n $TJ ]]; then
        entries=$("$PYTHON" "$ROOT/benches/jrnl_convert.py" --tui-journal="$TJFILE" "$DIR" "$JFILE" "$CFG" "${JRNL_VERSION:-v4.6}")
    fi
    if [[ -n $TJ ]]; then
        median "tui-journal: start to first frame, quit, the same meetings (ms)" "$s" anchor \
            "timeout 60 script -qec $(q "stty cols 140 rows 40; $(q "$TJ") -j $(q "$TJFILE")") /dev/null <$(q "$WORK/q")"
    fi
    if [[ -n $JRNL ]]; then
        read_n=$("$JRNL" --config-file "$CFG" --short 2>/dev/null | grep -cE '^[0-9]{4}-' || true)
        if [[ $read_n != "$entries" ]]; then
            echo "jrnl read $read_n entries of the $entries written" >&2
            exit 1
        fi
        median "jrnl -contains $QUERY, the same meetings in one file (ms)" "$s" anchor \
            "$(q "$JRNL") --config-file $(q "$CFG") -contains $QUERY"
    fi
    ours "mentorlog status (ms)" "$s" -N "$ML status"
    ours "mentorlog status --with P (ms)" "$s" -N "$ML status --with $PID"
    # On the scratch copy: `log` adds one meeting a run; `tick` runs after an undo (hyperfine
    # --prepare), so each run is one durable save and the journal stays whole.
    ours "mentorlog log --with P (ms)" "$s" -N \
        "$MS log --with $PID --focus Bench 'quick note'"
    TICK="tick --with $PID curee/mentor-open-questions"
    printf '%s\n' "$MS $TICK --undo >/dev/null 2>&1 || true" >"$WORK/untick.sh"
    ours "mentorlog tick --with P (ms)" "$s" -N \
        --prepare "bash $(q "$WORK/untick.sh")" "$MS $TICK --evidence x"
    "$BIN" --data-dir "$SCRATCH" --today "$TODAY" status >/dev/null 2>"$WORK/scratch.err"
    if grep -qi warning "$WORK/scratch.err"; then
        echo "the scratch journal does not read back cleanly after the writes:" >&2
        cat "$WORK/scratch.err" >&2
        exit 1
    fi
    if ((HAVE_TIME)); then
        # With its cache up to date, and building it (the cache file removed first: every
        # partnership read, as on the first run after an upgrade).
        for cmd in "search $QUERY" status; do
            name=${cmd%% *}
            put "peak RSS, mentorlog $name, its cache up to date (MiB)" "$s" \
                "$(peak_mib "$BIN" --data-dir "$DIR" --today "$TODAY" $cmd)"
            rm -f "$DIR/private/.mentorlog/cache/$name.cache"
            /usr/bin/time -o "$WORK/rss" -f '%M' "$BIN" --data-dir "$DIR" --today "$TODAY" $cmd \
                >/dev/null 2>&1 || true
            put "peak RSS, mentorlog $name, building its cache (MiB)" "$s" \
                "$(awk -v k="$(tail -n 1 "$WORK/rss")" 'BEGIN {printf "%.1f", k / 1024}')"
        done
    fi
    if ((HAVE_TIME && HAVE_SCRIPT)); then
        # The full-screen journal left 3 s, everything read in the background, then quit.
        tui_peak() {
            local max=0 kb
            for _ in 1 2 3; do
                (sleep 3; printf q) | timeout 60 script -qec \
                    "stty cols 140 rows 40; /usr/bin/time -o $(q "$WORK/tui.rss") -f %M $1 --data-dir $(q "$DIR") --today $TODAY" \
                    /dev/null >/dev/null 2>&1 || true
                kb=$(tail -n 1 "$WORK/tui.rss")
                ((kb > max)) && max=$kb
            done
            awk -v k="$max" 'BEGIN {printf "%.1f", k / 1024}'
        }
        put "peak RSS, full screen after 3 s (its background work done) (MiB)" "$s" "$(tui_peak "$(q "$BIN")")"
        if [[ -n ${BEFORE:-} ]]; then
            put "before: peak RSS, full screen after 3 s (its background work done) (MiB)" "$s" \
                "$(tui_peak "$(q "$BEFORE")")" before
        fi
    fi
    if ((HAVE_TMUX)); then
        put "a meeting logged by another process, on screen (ms)" "$s" "$(live "$BIN" "$SCRATCH" "$PID")"
        if [[ -n ${BEFORE:-} ]]; then
            put "before: a meeting logged by another process, on screen (ms)" "$s" \
                "$(live "$BEFORE" "$SCRATCH" "$PID")" before
        fi
    fi
    if [[ ${KEEP:-0} != 1 ]]; then
        rm -rf "$WORK/s$s"
    fi
done

# ---------------------------------------------------------------- the table
base=${SCALES[0]}
out "# How mentorlog grows with the journal" ""
out "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit $COMMIT by \`benches/scale.sh \"${SCALES[*]}\"\`" \
    "on $(nproc) CPUs ($(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))," \
    "load average $LOAD_BEFORE at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end." \
    "Whole processes; times are hyperfine medians of $RUNS runs after $WARMUP warm-up, in ms;" \
    "P is the first partnership, Nx the large demo at \`--scale N\`" \
    "(50·N partnerships, 5,000·N meetings, 2,000·N goals, 20,000·N ticks)." ""
if [[ -n ${BEFORE:-} ]]; then
    out "Rows marked \`before:\` are the older build \`$BEFORE\` (${BEFORE_COMMIT:-commit not given}) timed the same way on the same journals in the same run." ""
fi
header="| operation |"
rule="| --- |"
for s in "${SCALES[@]}"; do
    header+=" ${s}x |"
    rule+=" ---: |"
done
for s in "${SCALES[@]:1}"; do
    header+=" ${s}x/${base}x |"
    rule+=" ---: |"
done
row_of() {
    local row=$1 label=$2 line v b
    line="| $label |"
    for s in "${SCALES[@]}"; do
        line+=" ${RESULT[$row|$s]:-} |"
    done
    b=${RESULT[$row|$base]:-}
    for s in "${SCALES[@]:1}"; do
        v=${RESULT[$row|$s]:-}
        line+=" $(awk -v v="$v" -v b="$b" 'BEGIN {if (b + 0 > 0 && v != "") printf "%.2f", v / b}') |"
    done
    out "$line"
}
out "$header" "$rule"
for kind in data ours anchor; do
    for row in "${ROWS[@]}"; do
        [[ ${KIND[$row]} == "$kind" ]] || continue
        case $kind in
        anchor) row_of "$row" "anchor: $row" ;;
        *) row_of "$row" "$row" ;;
        esac
        # The older build's figure right under ours.
        if [[ -v "KIND[before: $row]" ]]; then
            row_of "before: $row" "before: $row"
        fi
    done
done
out ""
for n in "${NOTES[@]}"; do
    out "- $n"
done
((${#NOTES[@]} == 0)) || out ""
echo "Written to $REPORT" >&2
