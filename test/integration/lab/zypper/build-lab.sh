#!/bin/sh
# Builds the zypper lab (labs.md §2.1-2.2, §3): rpms with SUSE-style patches of every
# category and severity, two file:// rpm-md repos and a SLES 15 SP6 template root with the old
# versions installed. Usage: build-lab.sh LABDIR. Everything stays under LABDIR; HOME points
# at LABDIR/home so Debian's rpm keeps its database in the root, never in ~/.rpmdb (labs §5).
set -eu
# The rpms come from the rpm lab's builder (pp.spec + mkrpm.sh), as the dnf lab's do.
MKRPM=$(realpath "$(dirname "$0")/../rpm/mkrpm.sh")
LAB=$(realpath -m "$1"); mkdir -p "$LAB/home" "$LAB/rpm"
echo '%_dbpath /var/lib/rpm' > "$LAB/home/.rpmmacros"; export HOME="$LAB/home"
cd "$LAB/rpm"
# base: the installed versions; updates: newer ones, tool-pp twice (2.1 and 2.2), epoch-pp gains an epoch.
tr ';' '\n' > pkgs.txt <<'EOF'
repo-base sec-crit-pp 1.0 150600.1.1;repo-base sec-imp-pp 1.0 150600.1.1;repo-base sec-mod-pp 1.0 150600.1.1
repo-base sec-low-pp 1.0 150600.1.1;repo-base rec-pp 1.0 150600.1.1;repo-base tool-pp 2.0 150600.1.1
repo-base feat-pp 1.0 150600.1.1;repo-base epoch-pp 1.5 150600.1.1;repo-base noadv-pp 1.0 150600.1.1
repo-base new-crit-pp 1.0 150600.1.1;repo-base kernel-pp 6.4.0 150600.1.1
repo-updates sec-crit-pp 1.0 150600.3.1;repo-updates sec-imp-pp 1.1 150600.1.1;repo-updates sec-mod-pp 1.0 150600.2.1
repo-updates sec-low-pp 1.0 150600.2.1;repo-updates rec-pp 1.0 150600.2.1;repo-updates tool-pp 2.1 150600.1.1
repo-updates tool-pp 2.2 150600.1.1;repo-updates feat-pp 1.1 150600.1.1;repo-updates epoch-pp 2.0 150600.1.1 1
repo-updates noadv-pp 1.1 150600.1.1;repo-updates new-crit-pp 1.0 150600.2.1;repo-updates kernel-pp 6.4.0 150600.2.1
EOF
xargs -P2 -L1 "$MKRPM" < pkgs.txt
# id, category, severity ("" = none), issued, updated, packages name:epoch:ver:rel
cat > mkupdateinfo.py <<'EOF'
#!/usr/bin/python3
import sys
ADV = [("SUSE-SLE-2026-101","security","critical","2026-01-15 10:00:00","2026-01-15 10:00:00","sec-crit-pp:0:1.0:150600.3.1"),
 ("SUSE-SLE-2026-102","security","important","2026-02-01 10:00:00","2026-02-05 12:00:00","sec-imp-pp:0:1.1:150600.1.1"),
 ("SUSE-SLE-2026-103","security","moderate","2026-03-01 10:00:00","2026-03-01 10:00:00","sec-mod-pp:0:1.0:150600.2.1"),
 ("SUSE-SLE-2026-104","security","low","2026-04-01 10:00:00","2026-04-01 10:00:00","sec-low-pp:0:1.0:150600.2.1"),
 ("SUSE-SLE-2026-105","recommended","","2026-02-10 10:00:00","2026-02-10 10:00:00","rec-pp:0:1.0:150600.2.1"),
 ("SUSE-SLE-2026-106","recommended","moderate","2026-03-15 10:00:00","2026-03-15 10:00:00","tool-pp:0:2.1:150600.1.1"),
 ("SUSE-SLE-2026-107","optional","low","2026-06-10 10:00:00","2026-06-10 10:00:00","tool-pp:0:2.2:150600.1.1"),
 ("SUSE-SLE-2026-108","feature","","2026-05-01 10:00:00","2026-05-01 10:00:00","feat-pp:0:1.1:150600.1.1"),
 ("SUSE-SLE-2026-109","security","important","2026-03-20 10:00:00","2026-03-20 10:00:00","epoch-pp:1:2.0:150600.1.1"),
 ("SUSE-SLE-2026-110","security","critical","2026-11-20 10:00:00","2026-11-20 10:00:00","new-crit-pp:0:1.0:150600.2.1"),
 ("SUSE-SLE-2026-111","security","important","2026-07-01 10:00:00","2026-07-01 10:00:00","kernel-pp:0:6.4.0:150600.2.1")]
o = ['<?xml version="1.0" encoding="UTF-8"?>', '<updates>']
for aid, typ, sev, iss, upd, pkgs in ADV:
    o += [f'<update from="maint-coord@suse.de" status="stable" type="{typ}" version="1">', f'<id>{aid}</id>',
          f'<title>{typ} update for {pkgs.split(":")[0]}</title>', f'<issued date="{iss}"/>', f'<updated date="{upd}"/>']
    o += [f'<severity>{sev}</severity>'] if sev else []
    o += ['<release>SUSE Linux Enterprise 15 SP6</release>', f'<description>{typ} update for {pkgs}</description>', '<references>']
    if typ == "security":
        o += [f'<reference href="https://www.suse.com/security/cve/CVE-{aid[-3:]}/" id="CVE-2026-0{aid[-3:]}" type="cve" title="CVE-2026-0{aid[-3:]}"/>']
    o += ['</references>', '<pkglist><collection>']
    for p in pkgs.split(","):
        n, ep, v, r = p.split(":")
        o += [f'<package name="{n}" epoch="{ep}" version="{v}" release="{r}" arch="noarch" src="{n}-{v}-{r}.src.rpm">',
              f'<filename>{n}-{v}-{r}.noarch.rpm</filename>'] + (['<reboot_suggested>True</reboot_suggested>'] if n.startswith("kernel") else []) + ['</package>']
    o += ['</collection></pkglist>', '</update>']
print("\n".join(o + ['</updates>']))
EOF
/usr/bin/python3 mkupdateinfo.py > updateinfo.xml
createrepo_c -q repo-base
createrepo_c -q repo-updates
modifyrepo_c --mdtype=updateinfo updateinfo.xml repo-updates/repodata >/dev/null
# SLES 15 SP6 template root: os-release, machine-id, hostname, repos (gpgcheck off in the repo
# config, never --no-gpg-checks on commands), the old versions installed.
R="$LAB/template"; rm -rf "$R"; mkdir -p "$R/etc/zypp" "$R/var/lib/rpm"
printf 'NAME="SLES"\nVERSION="15-SP6"\nVERSION_ID="15.6"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP6"\nID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15:sp6"\n' > "$R/etc/os-release"
echo 0123456789abcdef0123456789abcdef > "$R/etc/machine-id"; echo sles-lab > "$R/etc/hostname"
echo kernel-pp > "$R/etc/zypp/needreboot"
Z="zypper --root $R --non-interactive"
$Z -q addrepo --no-gpgcheck "file://$LAB/rpm/repo-base" base >/dev/null
$Z -q addrepo --no-gpgcheck "file://$LAB/rpm/repo-updates" updates >/dev/null
$Z -q refresh >/dev/null
$Z -q install --no-recommends sec-crit-pp=1.0-150600.1.1 sec-imp-pp=1.0-150600.1.1 sec-mod-pp=1.0-150600.1.1 \
  sec-low-pp=1.0-150600.1.1 rec-pp=1.0-150600.1.1 tool-pp=2.0-150600.1.1 feat-pp=1.0-150600.1.1 epoch-pp=1.5-150600.1.1 \
  noadv-pp=1.0-150600.1.1 new-crit-pp=1.0-150600.1.1 kernel-pp=6.4.0-150600.1.1 >/dev/null 2>&1
rm -f "$R/run/reboot-needed" "$R/run/zypp.pid"   # a clean template: no pending reboot, no stale lock file
echo "$R"
