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
# dnf/yum adapter (test/integration/dnf-e2e.test.ts, lab: test/integration/lab/rpm/): dnf drives the
# lab roots, createrepo-c builds the repositories (createrepo_c, modifyrepo_c). dnf-plugins-core
# (needs-restarting) has `Breaks: zypper` on Debian 12, so its .deb is unpacked, not installed;
# the dnf adapter finds it at /opt/patchplan-test/dnf-plugins-core (or $PATCHPLAN_DNF_PLUGINS_CORE).
apt-get install -y -q --no-install-recommends dnf createrepo-c
dnfpc_tmp=$(mktemp -d)
(cd "$dnfpc_tmp" && APT_CONFIG= apt-get download -q dnf-plugins-core)
rm -rf /opt/patchplan-test/dnf-plugins-core && mkdir -p /opt/patchplan-test/dnf-plugins-core
dpkg-deb -x "$dnfpc_tmp"/dnf-plugins-core_*_all.deb /opt/patchplan-test/dnf-plugins-core
rm -rf "$dnfpc_tmp"
apt-get install -y -q --no-install-recommends zypper  # zypper adapter: test/integration/zypper-e2e.test.ts, lab test/integration/lab/zypper/ (uses rpm, createrepo-c above)
# The terminal UI is tested for real in tmux (test/tui/, the apply-progress test); signed
# approvals are checked against keys made by the openssl command line (test/approval/).
apt-get install -y -q --no-install-recommends tmux openssl
# The Ansible integration (integrations/ansible/, test/integration/ansible-fleet.test.ts): Debian's
# ansible-core (builtin modules only, nothing from Galaxy) drives inventory hosts over SSH to a
# private sshd the test starts on 127.0.0.1. Package scripts must not start the system sshd on
# :22: a deny-all policy-rc.d is added for the install when none exists (and removed after).
made_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; made_policy=1; fi
apt-get install -y -q --no-install-recommends ansible-core openssh-server openssh-client
if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
