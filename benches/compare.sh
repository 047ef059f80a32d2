#!/usr/bin/env bash
# Cross-language comparison: the programs in benches/compare/ (each written in Eclexia, Lua 5.4
# and Python 3, all printing the same line) run RUNS times each; the table shows the median
# wall time per language and Eclexia's ratio to the other two. Then the cost of loop metering
# (loop_metered.ecl with the default 1 mJ per iteration against `--loop-energy 0J`) and the
# start-up time (hello) in milliseconds.
#
#   bash benches/install-tools.sh          # once: Lua 5.4
#   bash benches/compare.sh                # 5 runs per program and language
#   RUNS=11 PROGRAMS="fib loop" bash benches/compare.sh
#
# Every run's output is compared with the expected line. A run that fails or prints anything
# else makes that cell "n/a (reason)"; the other cells are still measured, and the script
# exits 1 at the end. Wall time is the whole process: start-up, compilation and run.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PROGRAMS=${PROGRAMS:-"fib loop strings adaptive hello"}
DIR=benches/compare
ECL=${ECLEXIA:-target/release/eclexia}   # another build can be compared with ECLEXIA=

case "$RUNS" in
    '' | *[!0-9]* | 0) echo "compare.sh: RUNS must be a positive integer, not '$RUNS'" >&2; exit 1 ;;
esac

declare -A EXPECTED=(
    [fib]=832040
    [loop]=50000005000000
    [strings]=200000
    [adaptive]=500001500000
    [hello]=hello
    [loop_metered]=50000005000000
)

for tool in lua5.4 python3; do
    command -v "$tool" >/dev/null || {
        echo "compare.sh: $tool is not installed (run: bash benches/install-tools.sh)" >&2
        exit 1
    }
done
# The interpreter itself, not a version manager's wrapper script in front of it (which can
# add a few hundred milliseconds to every start).
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}

echo "building the release CLI..." >&2
cargo build --release -p eclexia-cli --quiet

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILED=0

# The CLI without a `run` command cannot take part at all: say so once.
ECL_MISSING=
if ! "$ECL" run --help >/dev/null 2>&1; then
    ECL_MISSING="the CLI has no working 'run' command yet"
fi

# Microseconds since the epoch, without starting a process (bash 5), else from date(1).
now_us() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        local t=${EPOCHREALTIME/./}
        echo "${t//,/}"
    else
        echo $(($(date +%s%N) / 1000))
    fi
}

# median_s US… : the median of the given microsecond figures, in seconds.
median_s() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.4f", m / 1e6 }'
}

# measure PROGRAM LABEL CMD… : runs CMD RUNS times (after one untimed warm-up run), checks every
# run's output against EXPECTED[PROGRAM] and prints the median wall time in seconds, or
# "n/a (reason)" after reporting the failure on stderr.
measure() {
    local prog=$1 label=$2
    shift 2
    local want=${EXPECTED[$prog]} times=() i t0 t1 rc got
    for ((i = 0; i <= RUNS; i++)); do
        rc=0
        t0=$(now_us)
        "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
        t1=$(now_us)
        if [ "$rc" -ne 0 ]; then
            local why
            why=$(grep -m1 . "$WORK/err" || true)
            echo "FAIL: $label: $prog: exit $rc: ${why:-no message}" >&2
            echo "n/a (exit $rc: ${why:-no message})"
            FAILED=1
            return
        fi
        got=$(cat "$WORK/out")
        if [ "$got" != "$want" ]; then
            echo "FAIL: $label: $prog: expected '$want', got '$(head -c 200 "$WORK/out")'" >&2
            echo "n/a (wrong output, expected '$want')"
            FAILED=1
            return
        fi
        [ "$i" -eq 0 ] || times+=($((t1 - t0)))
    done
    median_s "${times[@]}"
}

measure_ecl() {
    local prog=$1
    shift
    if [ -n "$ECL_MISSING" ]; then
        FAILED=1
        echo "n/a ($ECL_MISSING)"
        return
    fi
    measure "$prog" eclexia "$ECL" run "$DIR/$prog.ecl" --fuel 0 "$@"
}

is_number() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

# ratio A B : A / B to two decimals, or "-" when either is not a time.
ratio() {
    if is_number "$1" && is_number "$2" && [ "$(awk -v b="$2" 'BEGIN { print (b > 0) }')" = 1 ]; then
        awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
    else
        echo "-"
    fi
}

# short CELL : the cell as the table shows it (a time, or "n/a").
short() { if is_number "$1"; then echo "$1"; else echo "n/a"; fi; }

# note LANGUAGE CELL : under a table row, why the cell is not a time.
note() {
    if ! is_number "$2"; then
        FAILED=1
        echo "    $1: $2"
    fi
}

ms() {
    if is_number "$1"; then awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; else echo "n/a"; fi
}

echo "runs per cell: $RUNS (median; one warm-up run first); $(lua5.4 -v 2>&1 | cut -d' ' -f1,2); $("$PYTHON" --version 2>&1); $("$ECL" --version 2>/dev/null || echo eclexia)"
echo
ROW='%-14s %-12s %-10s %-10s %-12s %-14s\n'
# shellcheck disable=SC2059  # the format is the constant above
printf "$ROW" program "eclexia s" "lua s" "python s" eclexia/lua eclexia/python
declare -A ECL_T LUA_T PY_T
for prog in $PROGRAMS; do
    if [ -z "${EXPECTED[$prog]:-}" ] || [ ! -f "$DIR/$prog.lua" ]; then
        echo "compare.sh: unknown program '$prog'" >&2
        exit 1
    fi
    ECL_T[$prog]=$(measure_ecl "$prog") || true
    LUA_T[$prog]=$(measure "$prog" lua lua5.4 "$DIR/$prog.lua") || true
    PY_T[$prog]=$(measure "$prog" python "$PYTHON" "$DIR/$prog.py") || true
    # shellcheck disable=SC2059
    printf "$ROW" "$prog" "$(short "${ECL_T[$prog]}")" "$(short "${LUA_T[$prog]}")" "$(short "${PY_T[$prog]}")" \
        "$(ratio "${ECL_T[$prog]}" "${LUA_T[$prog]}")" "$(ratio "${ECL_T[$prog]}" "${PY_T[$prog]}")"
    # `measure` runs in a subshell: a failure shows in its result, not in FAILED.
    note eclexia "${ECL_T[$prog]}"
    note lua "${LUA_T[$prog]}"
    note python "${PY_T[$prog]}"
done

echo
METERED=$(measure_ecl loop_metered) || true
UNMETERED=$(measure_ecl loop_metered --loop-energy 0J) || true
if is_number "$METERED" && is_number "$UNMETERED"; then
    echo "metering overhead (loop_metered.ecl, 10,000,000 iterations): 1 mJ per iteration $METERED s," \
        "--loop-energy 0J $UNMETERED s: $(awk -v a="$METERED" -v b="$UNMETERED" 'BEGIN { printf "%+.1f%%", (a - b) / b * 100 }')"
else
    FAILED=1
    echo "metering overhead (loop_metered.ecl):"
    note "eclexia, 1 mJ per iteration" "$METERED"
    note "eclexia, --loop-energy 0J" "$UNMETERED"
fi

if [ -n "${LUA_T[hello]:-}" ]; then
    echo "start-up (hello): eclexia $(ms "${ECL_T[hello]}"), lua $(ms "${LUA_T[hello]}"), python $(ms "${PY_T[hello]}")"
fi

if [ "$FAILED" -ne 0 ]; then
    echo "compare.sh: some runs failed or printed the wrong result (see above)" >&2
    exit 1
fi
