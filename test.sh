#!/usr/bin/env bash
# The README's test command: installs the test data and tools the tests use where it can (Debian packages,
# when run as root), says exactly what to install where it cannot, then runs every test with `mvn -B verify`.
# Tests whose external data is still missing are skipped with a message naming the package or folder; with
# SECMLOPS_REQUIRE_SHARED_DATA=true (CI) they fail instead. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages: test data (Fashion-MNIST IDX files, scikit-learn's digits.csv.gz), an independent verifier
# of our signatures (openssl), what shared/jenkins/start-jenkins.sh needs (curl, python3), a headless browser
# that renders every report in a test (chromium), the pedestrian case study's video and its frame extractor
# (opencv-doc, python3-opencv).
packages=(dataset-fashion-mnist python3-sklearn openssl curl python3 chromium opencv-doc python3-opencv)

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "test.sh: $tool is missing: install Java 17 and Maven 3.8+ (Debian: apt-get install openjdk-17-jdk-headless maven)" >&2
    exit 3
  fi
done

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "test.sh: installing ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq "${missing[@]}"
    else
      echo "test.sh: missing Debian packages: ${missing[*]}" >&2
      echo "test.sh: install them with: sudo apt-get install -y ${missing[*]}" >&2
      echo "test.sh: until then the tests that need them are skipped, each with a message naming its package" >&2
    fi
  fi
else
  echo "test.sh: not a Debian system; the tests that need Debian's ${packages[*]} are skipped where the data is absent" >&2
fi
if [ ! -d ../shared ]; then
  echo "test.sh: ../shared (OpenSSF signing test vectors, a Jenkins for the integration test) is not beside this"
  echo "test.sh: checkout; the tests that need it are skipped, each with a message naming the folder"
fi

if [ -f /usr/share/doc/opencv-doc/examples/data/vtest.avi ] && /usr/bin/python3 -c "import cv2" 2>/dev/null; then
  /usr/bin/python3 casestudy/pedestrian/frames.py
fi

mvn -B verify "$@"

skipped=$(grep -l "skipped: " {core,cli,plugin}/target/{surefire,failsafe}-reports/*.xml 2>/dev/null | wc -l || true)
if [ "${skipped:-0}" -gt 0 ]; then
  echo "test.sh: tests in $skipped report file(s) were skipped for missing external data; see the messages above"
fi
