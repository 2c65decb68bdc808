#!/usr/bin/env bash
# Checks that detasklet lint --format sarif is what GitHub code scanning
# accepts: valid against the official SARIF 2.1.0 schema (sarif-2.1.0.json as
# shipped by Microsoft's SARIF SDK in the npm package
# @microsoft/sarif-multitool-linux), and free of errors under the SARIF
# Multitool's own rules, including its GitHub ingestion rules (GH*).
#
# Usage: validate_sarif.sh DETASKLET SOURCE_DIR TOOLS_DIR
#   TOOLS_DIR: where npm installed the package, i.e. it holds
#   node_modules/@microsoft/sarif-multitool-linux (set up with
#   npm install --prefix TOOLS_DIR @microsoft/sarif-multitool-linux@5.7.0)
set -euo pipefail
DETASKLET=$1
SOURCE_DIR=$2
TOOLS_DIR=$3
PKG=$TOOLS_DIR/node_modules/@microsoft/sarif-multitool-linux
SCHEMA=$PKG/sarif-2.1.0.json
MULTITOOL=$PKG/Sarif.Multitool

fail() { echo "validate_sarif: $*" >&2; exit 1; }
[[ -f $SCHEMA ]] || fail "no SARIF schema at $SCHEMA; install it with:
  npm install --prefix $TOOLS_DIR --no-save @microsoft/sarif-multitool-linux@5.7.0"
PYTHON=
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import jsonschema' 2>/dev/null; then PYTHON=$p; break; fi
done
[[ -n $PYTHON ]] || fail "no python3 with jsonschema; install it with: apt-get install python3-jsonschema"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The corpus has findings of most rules, in .c and .h files, in macros and
# in a directory name with a dash; --patch adds a result with a patch name.
set +e
"$DETASKLET" lint --format sarif -o "$WORK/lint.sarif" --root "$SOURCE_DIR/test-corpus" \
    "$SOURCE_DIR/test-corpus"
rc=$?
set -e
[[ $rc == 1 ]] || fail "detasklet lint exited $rc on the corpus, expected 1 (findings)"

"$PYTHON" - "$SCHEMA" "$WORK/lint.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors[:20]:
    print("schema error at /%s: %s" % ("/".join(map(str, e.path)), e.message), file=sys.stderr)
results = log["runs"][0]["results"]
rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
if not results:
    print("no results to validate", file=sys.stderr); sys.exit(1)
if len({r["ruleId"] for r in results}) < 5:
    print("expected results of at least 5 rules", file=sys.stderr); sys.exit(1)
if any(r["ruleId"] not in rules for r in results):
    print("a result names an unknown rule", file=sys.stderr); sys.exit(1)
print("schema (%s): %d results, %d errors" % (cls.__name__, len(results), len(errors)))
sys.exit(1 if errors else 0)
PY

[[ -x $MULTITOOL ]] || chmod u+x "$MULTITOOL"
# Without ICU the .NET runtime needs invariant globalisation.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
"$MULTITOOL" validate --rule-kind "Sarif;Gh" --log ForceOverwrite -o "$WORK/validation.sarif" \
    "$WORK/lint.sarif" > "$WORK/multitool.txt" 2>&1 || true
[[ -s $WORK/validation.sarif ]] || { cat "$WORK/multitool.txt" >&2; fail "the SARIF Multitool did not run"; }
"$PYTHON" - "$WORK/validation.sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
results = [r for run in log["runs"] for r in run.get("results", [])]
errors = [r for r in results if r.get("level", "warning") == "error"]
for r in results:
    print("%s %s: %s" % (r.get("level", "warning"), r["ruleId"],
                         r["message"].get("text") or r["message"].get("id")),
          file=sys.stderr if r in errors else sys.stdout)
print("multitool (Sarif;Gh rules): %d errors, %d other notes" % (len(errors), len(results) - len(errors)))
sys.exit(1 if errors else 0)
PY
