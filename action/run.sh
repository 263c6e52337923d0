#!/usr/bin/env bash
# The modelgate action's scan step. action.yml passes its inputs as INPUT_* variables; this script
# runs the CLI, writes the SARIF and Markdown reports, fills the step summary and the step outputs,
# and exits with the gate's exit code. Kept out of action.yml so it can be run and tested locally.
set -uo pipefail

token="${INPUT_TOKEN:-${HF_TOKEN:-}}"
if [ -n "$token" ]; then
  # Masked before anything else can print it; the CLI masks it in its reports too.
  echo "::add-mask::$token"
  export HF_TOKEN="$token"
fi
unset INPUT_TOKEN

# Which CLI runs: MODELGATE_CMD (a test, or a self-hosted runner with modelgate installed); else a
# published release through npx when `version` is given; else the action's own code at the ref the
# workflow pinned, installed from its lockfile, so pinning the action pins the scanner too.
if [ -n "${MODELGATE_CMD:-}" ]; then
  read -r -a cli <<<"$MODELGATE_CMD"
elif [ -n "${INPUT_VERSION:-}" ]; then
  cli=(npx --yes "modelgate@$INPUT_VERSION")
else
  src="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
  if [ ! -f "$src/dist/cli/main.js" ]; then
    # npm ci installs the locked dependencies and its prepare script builds dist/.
    (cd "$src" && npm ci --no-audit --no-fund --loglevel=error) >&2 || { echo "::error::modelgate: npm ci in $src failed"; exit 2; }
  fi
  if [ ! -f "$src/dist/cli/main.js" ]; then
    echo "::error::modelgate: $src/dist/cli/main.js is missing after npm ci"
    exit 2
  fi
  cli=(node "$src/dist/cli/main.js")
fi

out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/modelgate"
mkdir -p "$out"
sarif="$out/modelgate.sarif"
report="$out/modelgate.md"
json="$out/modelgate.json"

common=()
[ -n "${INPUT_FAIL_ON:-}" ] && common+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_POLICY:-}" ] && common+=(--policy "$INPUT_POLICY")

scan_opts=("${common[@]}")
[ -n "${INPUT_REVISION:-}" ] && scan_opts+=(--revision "$INPUT_REVISION")
[ -n "${INPUT_TIER:-}" ] && scan_opts+=(--tier "$INPUT_TIER")
[ "${INPUT_METADATA_ONLY:-false}" = "true" ] && scan_opts+=(--metadata-only)

read -r -a targets <<<"$(echo "${INPUT_TARGET:-}" | tr '\n' ' ')"
if [ "${INPUT_DISCOVER:-false}" = "true" ]; then
  # The repository itself: every model its code references, then a scan of that inventory.
  inventory="$out/discover.json"
  "${cli[@]}" discover "${GITHUB_WORKSPACE:-.}" --format json --output "$inventory" --fail-on none || { echo "::error::modelgate discover failed"; exit 2; }
  scan_opts+=(--inventory "$inventory")
elif [ "${#targets[@]}" -eq 0 ]; then
  echo "::error::modelgate: give 'target' (model ids or paths) or 'discover: true'"
  exit 2
fi

# One scan, three reports: each --output file takes its format from its extension.
"${cli[@]}" scan "${targets[@]}" "${scan_opts[@]}" --output "$json" --output "$sarif" --output "$report"
code=$?

case "$code" in
  0) verdict=passed ;;
  1) verdict=failed ;;
  3) verdict=incomplete ;;
  *) verdict=error ;;
esac

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$report" ]; then
  cat "$report" >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "verdict=$verdict"
    [ -s "$sarif" ] && echo "sarif-file=$sarif"
    [ -s "$report" ] && echo "report-file=$report"
    # One code-scanning category per target set, so several gates in one repo do not overwrite each other.
    echo "category=modelgate-$(printf '%s' "${INPUT_TARGET:-discover}" | tr -c 'A-Za-z0-9._-' '-' | cut -c1-80)"
  } >>"$GITHUB_OUTPUT"
fi
exit "$code"
