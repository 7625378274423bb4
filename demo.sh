#!/usr/bin/env bash
# Runs the SecMLOps model-scan gate on the bundled sample model (demo/model) and writes its HTML report
# to work/demo/scan/report.html. The sample deliberately contains a malicious pickle, so the gate FAILS.
set -euo pipefail
cd "$(dirname "$0")"
# -Ddemo -Dmaven.test.skip=true: no test dependencies, and so none of the ML engines' native libraries
mvn -B -q -Ddemo -Dmaven.test.skip=true -pl cli -am package
worker=$(ls cli/target/secmlops-cli-*-worker.jar | head -n 1)
mkdir -p work/demo
set +e
java -jar "$worker" scan demo/model --report-dir work/demo/scan
code=$?
set -e
case $code in
  0) outcome=PASSED ;;
  1) outcome=UNSTABLE ;;
  2) outcome=FAILED ;;
  *) echo "demo: the scan itself failed (exit code $code)" >&2; exit "$code" ;;
esac
echo
echo "demo: quality gates $outcome (exit code $code; the sample model contains a malicious pickle on purpose)"
echo "demo: open work/demo/scan/report.html; the machine-readable result is work/demo/scan/result.json"
