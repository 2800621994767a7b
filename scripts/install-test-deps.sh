#!/usr/bin/env bash
# Installs the system tools the test suite drives for real: dpkg (version-order differential
# tests and the apt sandbox), rpm (rpmvercmp differential tests), and for the apt adapter's
# sandbox (test/integration/apt-adapter.test.ts) apt-utils (apt-ftparchive builds the repository),
# gpg (signs one suite) and python3-apt (the oracle the inventory is compared with).
# Debian/Ubuntu hosts only; needs root. Safe to run twice.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: run as root (sudo $0)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends dpkg rpm apt-utils gpg python3-apt
