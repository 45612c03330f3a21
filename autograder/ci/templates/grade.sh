#!/usr/bin/env bash
# The grading steps of .github/workflows/grade.yml, one per call (the tests run this script too).
#   install  the pinned grader ($GRADER) and bubblewrap
#   prepare  the student data (offline stand-in), without any held-out image
#   run      the notebook in the sandbox: the only step that runs student code
#   decrypt  the held-out bundle with $HELDOUT_KEY (after the student's code has finished)
#   score    checks, evidence, report.html, result formats, $GITHUB_STEP_SUMMARY
set -euo pipefail

step="${1:?usage: grade.sh install|prepare|run|decrypt|score}"
temp="${RUNNER_TEMP:?RUNNER_TEMP is not set}"
export AUTOGRADER_DATA_ROOT="$temp/data" AUTOGRADER_HELDOUT_ROOT="$temp/heldout"
export AUTOGRADER_WORK_ROOT="$temp/work" TF_CPP_MIN_LOG_LEVEL=3
state="$temp/state"
feedback="$temp/feedback"

case "$step" in
  install)
    sudo apt-get update -qq
    sudo apt-get install -y -qq bubblewrap
    # Ubuntu 24.04 forbids unprivileged user namespaces by default; the sandbox needs them.
    sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0
    python -m pip install --quiet "${GRADER:?GRADER is not set}"
    ;;
  prepare)
    if [ -f "$AUTOGRADER_DATA_ROOT/@@DATASET@@/manifest.json" ]; then
      echo "Student data already there (e.g. restored from a cache)."
      exit 0
    fi
    # The stand-in generator also draws held-out images; they are thrown away: the
    # held-out images graded here come only from the encrypted bundle.
    AUTOGRADER_HELDOUT_ROOT="$temp/discarded" autograder data "$ASSIGNMENT"
    rm -rf "$temp/discarded"
    ;;
  run)
    autograder ci run "$NOTEBOOK" --assignment "$ASSIGNMENT" --state "$state"
    ;;
  decrypt)
    autograder ci decrypt .github/grading/heldout.bundle --key-env HELDOUT_KEY
    ;;
  score)
    autograder ci score --state "$state" --json "$feedback/grade-result.json"
    autograder feedback "$feedback/grade-result.json" --out "$feedback" \
      --summary "${GITHUB_STEP_SUMMARY:-$feedback/step-summary.md}"
    ;;
  *)
    echo "grade.sh: unknown step $step" >&2
    exit 2
    ;;
esac
