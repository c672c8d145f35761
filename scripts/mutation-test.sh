#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Mutation testing: applies each mutant of tests/mutants.txt in turn (a one-token change of a
# source file in core/, ui/ or app/), rebuilds, runs the test suite until a test fails, and restores the
# file. Prints one line per mutant and "killed K of N"; exits 1 when a mutant that is not marked
# equivalent survives. See docs/mutation-testing.md.
#
#   scripts/mutation-test.sh [--only PATTERN] [--tests REGEX] [-j N] [--list | --diff] [--force]
#                            [--check-equivalents] [--list-file FILE] [--build-dir DIR]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
listFile="$root/tests/mutants.txt"
build="$root/build/mutation"
jobs=2
only=""
testsRegex=""
listOnly=0
showDiffs=0
force=0
checkEquivalents=0
skipFailing=0

usage()
{
    cat <<'EOF'
Usage: scripts/mutation-test.sh [options]

Applies every mutant of tests/mutants.txt (core/, ui/, app/) one at a time, rebuilds the tests in
build/mutation, runs the suite (fast core tests first, then the rest, including the tests
labelled mnist) until one fails, and restores the file. Prints "killed K of N".

Options:
  --only PATTERN        only the mutants whose id or file matches PATTERN (extended regex)
  --tests REGEX         run only the tests whose name matches REGEX (quick iteration)
  -j N                  build with N jobs and run N tests at a time (default 2)
  --list                check the list (every search text found exactly once) and print it
  --diff                the same, with each mutant as a diff
  --force               run although core/, ui/ or app/ has uncommitted changes
  --check-equivalents   also run the mutants marked equivalent (they should survive)
  --skip-failing-tests  leave out (and name) the tests that fail three times without any
                        mutant, instead of stopping (e.g. wall-clock bounds on a busy machine)
  --list-file FILE      another mutant list (default tests/mutants.txt)
  --build-dir DIR       another build folder (default build/mutation)
  -h, --help            this help
EOF
}

while [ $# -gt 0 ]; do
    case "$1" in
    --only) only="${2:?--only needs a pattern}"; shift 2 ;;
    --tests) testsRegex="${2:?--tests needs a regular expression}"; shift 2 ;;
    -j) jobs="${2:?-j needs a number}"; shift 2 ;;
    -j*) jobs="${1#-j}"; shift ;;
    --list) listOnly=1; shift ;;
    --diff) listOnly=1; showDiffs=1; shift ;;
    --force) force=1; shift ;;
    --check-equivalents) checkEquivalents=1; shift ;;
    --skip-failing-tests) skipFailing=1; shift ;;
    --list-file) listFile="$(realpath "${2:?--list-file needs a file}")"; shift 2 ;;
    --build-dir) build="$(realpath -m "${2:?--build-dir needs a folder}")"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "mutation-test: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$jobs" in '' | *[!0-9]*) echo "mutation-test: -j needs a number" >&2; exit 2 ;; esac

die() { echo "mutation-test: $*" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------
# The list.
ids=() files=() searches=() replacements=() anchors=() reasons=()

parseList()
{
    [ -f "$listFile" ] || die "no mutant list at $listFile"
    local line n=0 lineNo=0 id="" file="" search="" hasSearch=0 replacement="" hasReplacement=0
    local anchor="" reason=""
    local -A seen=()
    finish()
    {
        [ -n "$id" ] || return 0
        [ "$hasSearch" = 1 ] || die "$listFile: mutant [$id] has no '- search' line"
        [ "$hasReplacement" = 1 ] || die "$listFile: mutant [$id] has no '+ replacement' line"
        [ "$search" != "$replacement" ] || die "$listFile: mutant [$id] changes nothing"
        ids+=("$id") files+=("$file") searches+=("$search") replacements+=("$replacement")
        anchors+=("$anchor") reasons+=("$reason")
    }
    while IFS= read -r line || [ -n "$line" ]; do
        lineNo=$((lineNo + 1))
        case "$line" in
        '[ '*) die "$listFile:$lineNo: an id may not start with a space" ;;
        '['*']'*)
            finish
            id="${line#[}" id="${id%%]*}"
            file="${line#*]}" file="${file#"${file%%[! ]*}"}"
            [ -n "$id" ] && [ -n "$file" ] || die "$listFile:$lineNo: expected '[id] path/of/file'"
            [ -z "${seen[$id]:-}" ] || die "$listFile:$lineNo: the id [$id] is used twice"
            seen[$id]=1
            [ -f "$root/$file" ] || die "$listFile:$lineNo: [$id]: no file $file"
            case "$file" in core/* | ui/* | app/*) ;; *) die "$listFile:$lineNo: [$id]: $file is not in core/, ui/ or app/" ;; esac
            search="" hasSearch=0 replacement="" hasReplacement=0 anchor="" reason=""
            n=$((n + 1))
            ;;
        '- '*) [ -n "$id" ] || die "$listFile:$lineNo: a search line before any [id]"
            search="${line#- }" hasSearch=1 ;;
        '+ '* | '+') [ -n "$id" ] || die "$listFile:$lineNo: a replacement before any [id]"
            replacement="${line#+}" replacement="${replacement# }" hasReplacement=1 ;;
        '@ '*) anchor="${line#@ }" ;;
        '# equivalent:'*) [ -n "$id" ] || die "$listFile:$lineNo: 'equivalent' before any [id]"
            reason="${line#'# equivalent:'}" reason="${reason# }"
            [ -n "$reason" ] || die "$listFile:$lineNo: [$id]: an equivalent mutant needs a reason" ;;
        '#'* | '') ;;
        *) die "$listFile:$lineNo: cannot read this line: $line" ;;
        esac
    done <"$listFile"
    finish
    [ "$n" -gt 0 ] || die "$listFile holds no mutant"
}

# mutate INDEX SOURCE: prints the mutated text of SOURCE (a file's contents) on stdout, or fails
# with a message when the search text is not found exactly once. Byte offsets (LC_ALL=C).
mutate()
{
    local LC_ALL=C
    local i="$1" content="$2"
    local search="${searches[$i]}" replacement="${replacements[$i]}" anchor="${anchors[$i]}"
    local start=0 region="$content" before last
    if [ -n "$anchor" ]; then
        before="${content%%"$anchor"*}"
        [ "$before" != "$content" ] || { echo "anchor not found: $anchor" >&2; return 1; }
        last="${content%"$anchor"*}"
        [ "${#before}" = "${#last}" ] || { echo "anchor found more than once: $anchor" >&2; return 1; }
        start=${#before}
        region="${content:start}"
        # The anchored function ends at the next line that is just "}".
        region="${region%%$'\n}\n'*}"
    fi
    before="${region%%"$search"*}"
    [ "$before" != "$region" ] || { echo "search text not found: $search" >&2; return 1; }
    last="${region%"$search"*}"
    [ "${#before}" = "${#last}" ] || { echo "search text found more than once: $search" >&2; return 1; }
    local at=$((start + ${#before}))
    printf '%s%s%s' "${content:0:at}" "$replacement" "${content:at+${#search}}"
}

readSource() { local LC_ALL=C; IFS= read -r -d '' "$1" <"$2" || true; }

parseList
selected=()
for i in "${!ids[@]}"; do
    if [ -n "$only" ] && ! [[ "${ids[$i]}" =~ $only || "${files[$i]}" =~ $only ]]; then
        continue
    fi
    selected+=("$i")
done
[ "${#selected[@]}" -gt 0 ] || die "no mutant matches --only '$only'"

# Every entry must apply, whatever is selected: the list stays honest as the code changes.
bad=0
for i in "${!ids[@]}"; do
    readSource src "$root/${files[$i]}"
    if ! msg=$(mutate "$i" "$src" 2>&1 >/dev/null); then
        echo "mutation-test: [${ids[$i]}] ${files[$i]}: $msg" >&2
        bad=1
    fi
done
[ "$bad" = 0 ] || die "the mutant list does not match the code; update $listFile"

if [ "$listOnly" = 1 ]; then
    for i in "${selected[@]}"; do
        printf '%-40s %-28s %s\n' "${ids[$i]}" "${files[$i]}" \
            "${reasons[$i]:+equivalent: ${reasons[$i]}}"
        if [ "$showDiffs" = 1 ]; then
            readSource src "$root/${files[$i]}"
            diff -u --label "${files[$i]}" --label "${files[$i]} [${ids[$i]}]" "$root/${files[$i]}" \
                <(mutate "$i" "$src") | tail -n +3 || true
        fi
    done
    echo "${#selected[@]} mutants, every search text found exactly once."
    exit 0
fi

# ---------------------------------------------------------------------------------------------
# A clean tree, and a way back whatever happens.
cd "$root"
if [ "$force" = 0 ] && [ -n "$(git status --porcelain -- core ui app 2>/dev/null)" ]; then
    die "core/, ui/ or app/ has uncommitted changes; commit them or pass --force"
fi
mkdir -p "$build/mutation-state" "$build/mutation-logs"
state="$build/mutation-state"

# A previous run that was killed hard may have left a mutant in place: put the original back.
if [ -f "$state/active" ]; then
    active="$(cat "$state/active")"
    if [ -f "$state/original" ] && [ -f "$root/$active" ]; then
        if cmp -s "$state/mutated" "$root/$active"; then
            cp "$state/original" "$root/$active"
            echo "mutation-test: restored $active, left mutated by an interrupted run" >&2
        else
            echo "mutation-test: $active differs from the mutant an interrupted run left; not touched" >&2
        fi
    fi
    rm -f "$state/active" "$state/original" "$state/mutated"
fi

activeFile=""
childPid=""
declare -A testPids=() # pid -> test, for the tests running in parallel
restore()
{
    if [ -n "$activeFile" ]; then
        # A new modification time, so that the build sees the change back.
        cp "$state/original" "$root/$activeFile"
        touch "$root/$activeFile"
        rm -f "$state/active" "$state/original" "$state/mutated"
        activeFile=""
    fi
}
interrupted()
{
    local p
    for p in $childPid "${!testPids[@]}"; do
        kill -TERM -- "-$p" 2>/dev/null || true
    done
    for p in $childPid "${!testPids[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    restore
    echo "mutation-test: interrupted; every file is restored" >&2
    exit 130
}
trap restore EXIT
trap interrupted INT TERM HUP

# run LOG CMD...: runs CMD in the background (so that a signal reaches the trap at once), output
# into LOG; returns its exit code.
run()
{
    local log="$1" rc=0
    shift
    # Its own process group, so that an interruption stops the compilers and tests with it.
    setsid "$@" >"$log" 2>&1 &
    childPid=$!
    wait "$childPid" || rc=$?
    childPid=""
    return "$rc"
}

# ---------------------------------------------------------------------------------------------
# Build folder, configured like the release preset; warnings are not errors (some mutants warn).
configure=(cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTINYML_WERROR=OFF)
if command -v ccache >/dev/null; then
    configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
echo "Configuring $build"
run "$build/mutation-logs/configure.log" "${configure[@]}" \
    || { cat "$build/mutation-logs/configure.log" >&2; die "configuring failed"; }

# The tests, in the order they run: core tests first (fast ones first), then the app and UI
# tests; the tests labelled mnist of each group after the others.
mapfile -t allTests < <(ctest --test-dir "$build" -N | sed -n 's/^ *Test *#[0-9]*: //p')
mapfile -t mnistTests < <(ctest --test-dir "$build" -N -L mnist | sed -n 's/^ *Test *#[0-9]*: //p')
[ "${#allTests[@]}" -gt 0 ] || die "ctest lists no test in $build"
declare -A isMnist=()
for t in "${mnistTests[@]}"; do isMnist[$t]=1; done
groupOf()
{
    local t="$1" g
    if [ -f "$root/tests/core/$t.cpp" ]; then g=0; elif [ -f "$root/tests/app/$t.cpp" ]; then g=2; else g=4; fi
    [ -z "${isMnist[$t]:-}" ] || g=$((g + 1))
    echo "$g"
}
tests=()
for t in "${allTests[@]}"; do
    if [ -z "$testsRegex" ] || [[ "$t" =~ $testsRegex ]]; then tests+=("$t"); fi
done
[ "${#tests[@]}" -gt 0 ] || die "no test matches --tests '$testsRegex'"

# buildTargets LOG TARGET...: builds the targets, appending the output to LOG.
buildTargets()
{
    local log="$1" rc=0
    shift
    local args=()
    for t in "$@"; do args+=(--target "$t"); done
    run "$log.part" cmake --build "$build" -j "$jobs" "${args[@]}" || rc=$?
    cat "$log.part" >>"$log"
    rm -f "$log.part"
    return "$rc"
}

# ---------------------------------------------------------------------------------------------
# Baseline: the unmutated suite must pass; its durations order the tests and set the timeouts.
seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.0f", b - a }'; }

echo "Building ${#tests[@]} tests (-j $jobs)"
buildTargets "$build/mutation-logs/build-baseline.log" "${tests[@]}" \
    || { tail -30 "$build/mutation-logs/build-baseline.log" >&2; die "the unmutated code does not build"; }

# The baseline holds while the code and the tests are the same (whatever the script or docs do).
paths=(core tests ui app CMakeLists.txt)
treeKey="$(git ls-files -s -- "${paths[@]}" | sha1sum | cut -c1-12)-$(
    git diff HEAD -- "${paths[@]}" | sha1sum | cut -c1-12)-$(printf '%s\n' "${tests[@]}" | sha1sum | cut -c1-12)"
declare -A baseline=() flaky=()
skipped=()
if [ -f "$state/baseline" ] && [ "$(head -1 "$state/baseline")" = "$treeKey" ]; then
    while read -r t s f; do
        baseline[$t]=$s
        [ "$f" != flaky ] || flaky[$t]=1
    done < <(tail -n +2 "$state/baseline")
    echo "Baseline: reusing the durations measured on this tree"
else
    echo "Baseline: running the unmutated suite"
    for t in "${tests[@]}"; do
        # A test that fails and then passes unchanged is flaky (a wall-clock bound on a busy
        # machine): under a mutant, its failures are confirmed by a second run.
        attempt=1
        while :; do
            start=$(seconds)
            if run "$build/mutation-logs/baseline-$t.log" \
                ctest --test-dir "$build" -R "^$t\$" --output-on-failure --timeout 1800; then
                break
            fi
            if [ "$attempt" -ge 3 ]; then
                tail -30 "$build/mutation-logs/baseline-$t.log" >&2
                [ "$skipFailing" = 1 ] || die "$t fails without any mutant; fix the suite first"
                echo "mutation-test: $t fails without any mutant; left out of this run" >&2
                baseline[$t]=failing
                break
            fi
            attempt=$((attempt + 1))
            flaky[$t]=1
        done
        [ "${baseline[$t]:-}" = failing ] && continue
        baseline[$t]=$(elapsed "$start")
        printf '  %-24s %4s s%s\n' "$t" "${baseline[$t]}" "${flaky[$t]:+  (flaky: passed at attempt $attempt)}"
    done
    { echo "$treeKey"; for t in "${tests[@]}"; do echo "$t ${baseline[$t]} ${flaky[$t]:+flaky}"; done; } >"$state/baseline"
fi

left=()
for t in "${tests[@]}"; do
    if [ "${baseline[$t]:-}" = failing ]; then
        [ "$skipFailing" = 1 ] || die "$t failed without any mutant in the last baseline; fix the suite first"
        skipped+=("$t")
    else
        left+=("$t")
    fi
done
tests=("${left[@]}")
[ "${#skipped[@]}" = 0 ] || echo "Left out, failing without any mutant: ${skipped[*]}"

# Order: group, then duration.
mapfile -t ordered < <(for t in "${tests[@]}"; do
    printf '%s %06d %s\n' "$(groupOf "$t")" "${baseline[$t]:-0}" "$t"
done | sort -k1,1n -k2,2n | awk '{print $3}')
# A test that takes far longer than without the mutant (5 times, plus two minutes for a busy
# machine) hangs: that kills the mutant.
timeoutOf() { echo $((5 * ${baseline[$1]:-60} + 120)); }

# startTest LOG TEST: starts one test in the background with its timeout, output into LOG.
startTest()
{
    local limit
    limit=$(timeoutOf "$2")
    setsid timeout -k 10 "$limit" \
        ctest --test-dir "$build" -R "^$2\$" --output-on-failure --timeout "$limit" >"$1" 2>&1 &
    testPids[$!]=$2
}

# runTests LOG TEST...: runs the tests in this order, up to $jobs at a time, until one fails
# (then the others are stopped). Sets verdict ("killed" or "timeout") and by (the test).
runTests()
{
    local log="$1"
    shift
    local queue=("$@") t pid rc p
    while [ "${#queue[@]}" -gt 0 ] || [ "${#testPids[@]}" -gt 0 ]; do
        while [ -z "$verdict" ] && [ "${#queue[@]}" -gt 0 ] && [ "${#testPids[@]}" -lt "$jobs" ]; do
            startTest "$log.${queue[0]}" "${queue[0]}"
            queue=("${queue[@]:1}")
        done
        [ "${#testPids[@]}" -gt 0 ] || break
        rc=0 pid=""
        wait -n -p pid "${!testPids[@]}" || rc=$?
        if [ -z "$pid" ]; then
            # wait gave no job (one was reaped before it, or a signal came): take a test that
            # no longer runs; without a verdict yet, run it again to learn its result.
            for p in "${!testPids[@]}"; do
                kill -0 "$p" 2>/dev/null || { pid=$p; break; }
            done
            [ -n "$pid" ] || continue
            rc=0
            if [ -z "$verdict" ]; then
                run "$log.${testPids[$pid]}" timeout -k 10 "$(timeoutOf "${testPids[$pid]}")" \
                    ctest --test-dir "$build" -R "^${testPids[$pid]}\$" --output-on-failure \
                    --timeout "$(timeoutOf "${testPids[$pid]}")" || rc=$?
            fi
        fi
        t="${testPids[$pid]}"
        unset "testPids[$pid]"
        if [ -n "$verdict" ]; then
            rm -f "$log.$t"
            continue
        fi
        if [ "$rc" != 0 ] && [ -n "${flaky[$t]:-}" ]; then
            echo "mutation-test: $t is flaky; running it again" >>"$log.$t"
            rc=0
            run "$log.$t.again" timeout -k 10 "$(timeoutOf "$t")" \
                ctest --test-dir "$build" -R "^$t\$" --output-on-failure --timeout "$(timeoutOf "$t")" || rc=$?
            cat "$log.$t.again" >>"$log.$t"
            rm -f "$log.$t.again"
        fi
        cat "$log.$t" >>"$log"
        if [ "$rc" = 124 ] || [ "$rc" = 137 ] || grep -q '\*\*\*Timeout' "$log.$t"; then
            verdict="timeout" by="$t"
        elif [ "$rc" != 0 ]; then
            verdict="killed" by="$t"
        fi
        rm -f "$log.$t"
        if [ -n "$verdict" ]; then
            for pid in "${!testPids[@]}"; do
                kill -TERM -- "-$pid" 2>/dev/null || true
            done
        fi
    done
}

# ---------------------------------------------------------------------------------------------
killed=0 survived=0 compileKilled=0 timedOut=0 total=0
survivors=() compileErrors=() equivalentsRun=()
runStart=$(seconds)
echo
echo "Mutants: ${#selected[@]} (tests in order: ${ordered[*]})"
n=0
for i in "${selected[@]}"; do
    n=$((n + 1))
    id="${ids[$i]}" file="${files[$i]}"
    if [ -n "${reasons[$i]}" ] && [ "$checkEquivalents" = 0 ]; then
        printf '[%2d/%d] %-10s %-40s %s\n' "$n" "${#selected[@]}" "equivalent" "$id" "${reasons[$i]}"
        continue
    fi
    mutantStart=$(seconds)
    log="$build/mutation-logs/$id.log"
    : >"$log"
    readSource src "$root/$file"
    cp "$root/$file" "$state/original"
    mutated="$(mutate "$i" "$src"; printf x)"
    mutated="${mutated%x}"
    echo "$file" >"$state/active"
    activeFile="$file"
    printf '%s' "$mutated" >"$root/$file"
    cp "$root/$file" "$state/mutated"

    verdict="" by=""
    # The first (fastest) test alone: most mutants die there and never pay for the other links.
    # Then all the other tests built in one parallel build and run $jobs at a time.
    if ! buildTargets "$log.build" "${ordered[0]}"; then
        verdict="compile" by="the compiler"
    else
        runTests "$log" "${ordered[0]}"
        if [ -z "$verdict" ] && [ "${#ordered[@]}" -gt 1 ]; then
            if ! buildTargets "$log.build" "${ordered[@]:1}"; then
                verdict="compile" by="the compiler"
            else
                runTests "$log" "${ordered[@]:1}"
            fi
        fi
    fi
    [ ! -f "$log.build" ] || { cat "$log.build" >>"$log"; rm -f "$log.build"; }
    rm -f "$log.test"
    restore
    took=$(elapsed "$mutantStart")
    if [ -n "${reasons[$i]}" ]; then
        equivalentsRun+=("$id: ${verdict:-survived}${by:+ by $by}")
    else
        total=$((total + 1))
    fi
    case "$verdict" in
    compile)
        [ -n "${reasons[$i]}" ] || { killed=$((killed + 1)); compileKilled=$((compileKilled + 1)); compileErrors+=("$id"); }
        printf '[%2d/%d] %-10s %-40s by the compiler (%s s)\n' "$n" "${#selected[@]}" "killed" "$id" "$took" ;;
    killed | timeout)
        [ -n "${reasons[$i]}" ] || killed=$((killed + 1))
        [ "$verdict" = killed ] || timedOut=$((timedOut + 1))
        printf '[%2d/%d] %-10s %-40s by %s%s (%s s)\n' "$n" "${#selected[@]}" "killed" "$id" "$by" \
            "$([ "$verdict" = timeout ] && echo ', timeout')" "$took" ;;
    *)
        [ -n "${reasons[$i]}" ] || { survived=$((survived + 1)); survivors+=("$id ($file)"); }
        printf '[%2d/%d] %-10s %-40s %s (%s s)\n' "$n" "${#selected[@]}" "SURVIVED" "$id" "$file" "$took" ;;
    esac
done

runSeconds=$(elapsed "$runStart")
echo
echo "killed $killed of $total"
if [ "$total" -gt 0 ]; then
    echo "time: $runSeconds s for $total mutants, $((runSeconds / total)) s per mutant"
fi
[ "$compileKilled" = 0 ] || echo "killed by the compiler (better replace them): ${compileErrors[*]}"
[ "$timedOut" = 0 ] || echo "killed by a timeout: $timedOut"
[ "${#skipped[@]}" = 0 ] || echo "tests left out (failing without any mutant): ${skipped[*]}"
equivalents=()
for i in "${selected[@]}"; do
    [ -z "${reasons[$i]}" ] || equivalents+=("${ids[$i]}: ${reasons[$i]}")
done
if [ "${#equivalents[@]}" -gt 0 ]; then
    echo "equivalent (not counted):"
    printf '  %s\n' "${equivalents[@]}"
fi
if [ "${#equivalentsRun[@]}" -gt 0 ]; then
    echo "equivalent mutants run (they should survive):"
    printf '  %s\n' "${equivalentsRun[@]}"
fi
if [ "$survived" -gt 0 ]; then
    echo "survivors:"
    printf '  %s\n' "${survivors[@]}"
    exit 1
fi
exit 0
