# Shared pieces of the scripts/bench-* suites; sourced, not run. The caller sets `name` (its prefix for messages),
# `runs` (timed runs per command) and `results` (a directory for hyperfine's JSON and times.tsv).

log() { printf '%s: %s\n' "$name" "$*" >&2; }
die() { printf '%s: error: %s\n' "$name" "$*" >&2; exit 1; }

# time_command CASE TOOL WARMUP PREPARE COMMAND: hyperfine mean, stddev and median into $results/times.tsv after
# WARMUP untimed runs. PREPARE (untimed, before every run; may be empty) runs under bash -c. COMMAND runs without a
# shell (-N) unless it needs one (&&).
time_command() {
  local case_name=$1 tool=$2 warmup=$3 prepare=$4 command=$5
  local json="$results/$(printf '%s-%s' "$case_name" "$tool" | tr -c 'A-Za-z0-9\n' '_').json"
  local options=(--style basic --warmup "$warmup" --runs "$runs" --export-json "$json")
  [ -z "$prepare" ] || options+=(--prepare "bash -c '$prepare'")
  case "$command" in *'&&'*) ;; *) options+=(-N) ;; esac
  log "[$case_name] $tool: $command"
  hyperfine "${options[@]}" "$command" >&2 || die "$tool failed on $case_name: $command"
  python3 - "$json" "$case_name" "$tool" "$command" >>"$results/times.tsv" <<'PY'
import json, sys
path, case, tool, command = sys.argv[1:5]
result = json.load(open(path))["results"][0]
print("\t".join([case, tool, "%.4f" % result["mean"], "%.4f" % (result["stddev"] or 0.0),
                 "%.4f" % result["median"], str(len(result["times"])), command]))
PY
}

check_equal() { # WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || die "check failed: $1: expected $2, got $3"
}

# update_docs DOCS REPORT MARKER TITLE: puts REPORT between <!-- MARKER:begin --> and <!-- MARKER:end --> in DOCS,
# or appends a "## TITLE" section holding it.
update_docs() {
  python3 - "$@" <<'PY'
import os, sys
docs, report, marker, title = sys.argv[1:5]
begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
body = open(report).read().rstrip("\n")
text = open(docs).read() if os.path.exists(docs) else "# Benchmarks\n"
if begin in text and end in text and text.index(begin) < text.index(end):
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    text = f"{head}{begin}\n{body}\n{end}{tail}"
else:
    text = f"{text.rstrip()}\n\n## {title}\n\n{begin}\n{body}\n{end}\n"
open(docs, "w").write(text)
PY
  log "updated $1"
}
