#!/bin/sh
# Builds the rpm lab (labs.md §2.1-2.3) under LAB (an empty or missing directory):
#   LAB/home            HOME for rpm/rpmbuild/dnf: .rpmmacros says %_dbpath /var/lib/rpm, so Debian's
#                       rpm never creates ~/.rpmdb (labs.md §5); every rpm-family call must run with it
#   LAB/repo-base       the "old" versions (repo id amzn-core)
#   LAB/repo-updates    the updates + updateinfo.xml (repo id amzn-updates)
#   LAB/updateinfo.xml  the advisories (see ADV below)
#   LAB/template-al2    Amazon Linux 2 root (os-release VERSION_ID=2), old versions installed, cache made
#   LAB/template-al2023 Amazon Linux 2023 root (VERSION_ID=2023), same packages
#   LAB/installed.txt   what the templates have installed (NEVRA per line)
#   LAB/bin/yum         symlink to dnf-3: the yum-style CLI available on this host (labs.md §2.6)
# With --scale N (bench only): N more packages sc-0001..sc-N (1.0-1.amzn2 installed, 1.0-2.amzn2 in updates,
# every second one in an advisory) built as subpackages of one spec (labs.md §6).
#
# Needs rpmbuild (rpm), createrepo_c, modifyrepo_c, dnf (scripts/install-test-deps.sh). Never touches the
# host's rpm database: HOME=LAB/home for every call, --installroot for dnf.
set -eu
LAB=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
SCALE=0
if [ "${2:-}" = "--scale" ]; then SCALE=$3; fi
mkdir -p "$LAB/home" "$LAB/bin" "$LAB/specs"
echo '%_dbpath /var/lib/rpm' > "$LAB/home/.rpmmacros"
export HOME="$LAB/home" LC_ALL=C SOURCE_DATE_EPOCH=1767225600
ln -sf /usr/bin/dnf-3 "$LAB/bin/yum"

mkrpm() { # OUTDIR NAME VERSION RELEASE EPOCH|- REQUIRES|-   (REQUIRES like "libfoo-pp >= 1.1")
  "$HERE/mkrpm.sh" "$@"
}
# Background steps: a bare `wait` returns 0 whatever its jobs did, so a failed rpmbuild or a
# missing dnf would pass the build and fail later in a confusing way. `wait PID` returns that
# job's status; every job is waited for by its PID and any failure stops the build.
PIDS=""
bg() { "$@" & PIDS="$PIDS $!"; }
waitall() {
  failed=0
  for pid in $PIDS; do wait "$pid" || failed=1; done
  PIDS=""
  if [ "$failed" -ne 0 ]; then echo "build-rpm-lab: a background build step failed (see above)" >&2; exit 1; fi
}
B=$LAB/repo-base U=$LAB/repo-updates
mkdir -p "$B" "$U"
# OUTDIR NAME VERSION RELEASE EPOCH REQUIRES
while read -r dir name ver rel ep rq; do
  [ -z "$dir" ] && continue
  bg mkrpm "$LAB/$dir" "$name" "$ver" "$rel" "$ep" "$(echo "$rq" | tr '_' ' ')"
  n=$(jobs -p | wc -l); [ "$n" -ge 4 ] && waitall
done <<'PKGS'
repo-base hello-pp 1.0 1.amzn2 - -
repo-base epoch-pp 1.5 1.el8 - -
repo-base libfoo-pp 1.0 1.amzn2 - -
repo-base app-pp 1.0 1.amzn2 - libfoo-pp
repo-base tool-pp 2.0 1.el8 - -
repo-base kernel-pp 4.14.0 1.amzn2 - -
repo-base low-pp 1.0 1.amzn2 - -
repo-base med-pp 1.0 1.amzn2 - -
repo-base noadv-pp 1.0 1.amzn2 - -
repo-base multi-pp 1.0 1.amzn2 - -
repo-updates hello-pp 1.0 2.amzn2 - -
repo-updates epoch-pp 2.0 1.el8 1 -
repo-updates libfoo-pp 1.1 1.amzn2 - -
repo-updates app-pp 1.0 2.amzn2 - libfoo-pp_>=_1.1
repo-updates tool-pp 2.1 1.el8 - -
repo-updates tool-pp 2.2 1.el8 - -
repo-updates kernel-pp 4.14.0 2.amzn2 - -
repo-updates low-pp 1.0 2.amzn2 - -
repo-updates med-pp 1.0 2.amzn2 - -
repo-updates noadv-pp 1.1 1.amzn2 - -
repo-updates multi-pp 1.1 1.amzn2 - -
repo-updates multi-pp 1.2 1.amzn2 - -
repo-updates multi-pp 1.3 1.amzn2 - -
repo-updates kernel 4.14.1 1.amzn2 - -
PKGS
waitall

if [ "$SCALE" -gt 0 ]; then
  for rel in 1.amzn2:repo-base 2.amzn2:repo-updates; do
    r=${rel%%:*} d=${rel##*:}
    { printf 'Name: scale-src\nVersion: 1.0\nRelease: %s\nSummary: s\nLicense: MIT\nBuildArch: noarch\n%%description\ns\n%%install\n' "$r"
      echo "for i in \$(seq -w 1 $SCALE); do mkdir -p %{buildroot}/usr/share/doc/sc-\$i; echo \$i > %{buildroot}/usr/share/doc/sc-\$i/V; done"
      seq -w 1 "$SCALE" | while read -r i; do printf '%%package -n sc-%s\nSummary: s\n%%description -n sc-%s\ns\n%%files -n sc-%s\n/usr/share/doc/sc-%s/V\n' "$i" "$i" "$i" "$i"; done
    } > "$LAB/specs/scale-$r.spec"
    top=$(mktemp -d)
    bg rpmbuild -bb --quiet "$LAB/specs/scale-$r.spec" --define "_topdir $top" --define "_rpmdir $LAB/$d" \
      --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" --define "__os_install_post %{nil}" >/dev/null
  done
  waitall
fi

# The advisories: id|type|severity (empty = no <severity>)|issued|updated|packages name:epoch:ver:rel,…|CVEs|bugzillas
/usr/bin/python3 - "$LAB/updateinfo.xml" "$SCALE" <<'PY'
import sys
ADV = [l.split("|") for l in """ALAS-2026-001|security|Critical|2026-01-15 10:00:00|2026-01-15 10:00:00|app-pp:0:1.0:2.amzn2|CVE-2026-0001|
ALAS-2026-002|security|Important|2026-02-01 10:00:00|2026-02-05 12:00:00|libfoo-pp:0:1.1:1.amzn2|CVE-2026-0002,CVE-2026-0003|1463241
ALAS-2026-003|security|Moderate|2026-03-01 10:00:00|2026-03-01 10:00:00|kernel-pp:0:4.14.0:2.amzn2|CVE-2026-0004|
ALAS-2026-004|security|Low|2026-04-01 10:00:00|2026-04-01 10:00:00|low-pp:0:1.0:2.amzn2|CVE-2026-0005|
ALAS-2026-007|security|Important|2026-05-01 10:00:00|2026-05-20 10:00:00|hello-pp:0:1.0:2.amzn2|CVE-2026-0007|
ALAS-2026-010|security|Medium|2026-03-10 10:00:00|2026-03-10 10:00:00|med-pp:0:1.0:2.amzn2|CVE-2026-0010|
ALBA-2026-005|bugfix||2026-02-10 10:00:00|2026-02-10 10:00:00|tool-pp:0:2.1:1.el8||2000005
ALEA-2026-006|enhancement||2026-06-10 10:00:00|2026-06-10 10:00:00|tool-pp:0:2.2:1.el8||
ALBA-2026-008|bugfix|Moderate|2026-03-15 10:00:00|2026-03-15 10:00:00|epoch-pp:1:2.0:1.el8||
ALAS-2026-011|security|Important|2026-01-20 10:00:00|2026-01-20 10:00:00|multi-pp:0:1.1:1.amzn2,multi-pp:0:1.2:1.amzn2|CVE-2026-0011|
ALEA-2026-012|enhancement|Low|2026-01-25 10:00:00|2026-01-25 10:00:00|multi-pp:0:1.3:1.amzn2||
ALAS-2026-009|security|Important|2026-07-01 10:00:00|2026-07-01 10:00:00|kernel:0:4.14.1:1.amzn2|CVE-2026-0009|""".split("\n")]
scale = int(sys.argv[2])
for i in range(1, scale + 1, 2):
    ADV.append([f"ALAS-2026-S{i:04d}", "security", "Important", "2026-01-10 10:00:00", "2026-01-10 10:00:00",
                f"sc-{i:0{len(str(scale))}d}:0:1.0:2.amzn2", f"CVE-2026-9{i:04d}", ""])
o = ['<?xml version="1.0" encoding="UTF-8"?>', '<updates>']
for aid, typ, sev, iss, upd, pkgs, cves, bzs in ADV:
    o += [f'<update from="lab@example.invalid" status="stable" type="{typ}" version="2.0">', f'<id>{aid}</id>',
          f'<title>{sev + ": " if sev else ""}{pkgs.split(":")[0]} {typ} update</title>',
          f'<issued date="{iss}"/>', f'<updated date="{upd}"/>'] + ([f'<severity>{sev}</severity>'] if sev else [])
    o += ['<release>Amazon Linux</release>', f'<description>{typ} update for {pkgs}</description>', '<references>']
    o += [f'<reference href="https://lab.example.invalid/{aid}" id="{aid}" type="self" title="{aid}"/>']
    o += [f'<reference href="https://cve.example.invalid/{c}" id="{c}" type="cve" title="{c}"/>' for c in cves.split(",") if c]
    o += [f'<reference href="https://bugzilla.example.invalid/{b}" id="{b}" type="bugzilla" title="bz {b}"/>' for b in bzs.split(",") if b]
    o += ['</references>', '<pkglist><collection short="amzn"><name>Amazon Linux</name>']
    for p in pkgs.split(","):
        n, ep, v, r = p.split(":")
        o += [f'<package name="{n}" epoch="{ep}" version="{v}" release="{r}" arch="noarch" src="{n}-{v}-{r}.src.rpm">',
              f'<filename>{n}-{v}-{r}.noarch.rpm</filename>'] + (['<reboot_suggested>True</reboot_suggested>'] if n.startswith("kernel") else []) + ['</package>']
    o += ['</collection></pkglist>', '</update>']
open(sys.argv[1], "w").write("\n".join(o + ['</updates>']) + "\n")
PY
createrepo_c -q "$B"
createrepo_c -q "$U"
modifyrepo_c -q --mdtype=updateinfo "$LAB/updateinfo.xml" "$U/repodata" 2>/dev/null || modifyrepo_c --mdtype=updateinfo "$LAB/updateinfo.xml" "$U/repodata" >/dev/null

mkroot() { # ROOT VERSION_ID PRETTY
  R=$1
  mkdir -p "$R/etc/dnf" "$R/etc/yum.repos.d" "$R/var/cache/dnf" "$R/var/log" "$R/var/lib/rpm"
  printf '[main]\ngpgcheck=0\nrepo_gpgcheck=0\ninstallonly_limit=3\ninstall_weak_deps=0\nskip_if_unavailable=0\nplugins=0\ncachedir=/var/cache/dnf\nlogdir=/var/log\npersistdir=/var/lib/dnf\nmetadata_expire=-1\n' > "$R/etc/dnf/dnf.conf"
  printf '[amzn-core]\nname=lab base\nbaseurl=file://%s\nenabled=1\ngpgcheck=0\n[amzn-updates]\nname=lab updates\nbaseurl=file://%s\nenabled=1\ngpgcheck=0\n' "$B" "$U" > "$R/etc/yum.repos.d/lab.repo"
  printf 'NAME="Amazon Linux"\nVERSION="%s"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="%s"\nPRETTY_NAME="%s"\n' "$2" "$2" "$3" > "$R/etc/os-release"
  echo 0123456789abcdef0123456789abcdef > "$R/etc/machine-id"
  echo "lab-al$2" > "$R/etc/hostname"
  D="dnf -c $R/etc/dnf/dnf.conf --installroot=$R --releasever=$2 --setopt=reposdir=$R/etc/yum.repos.d --nogpgcheck"
  $D -q makecache >/dev/null
  # shellcheck disable=SC2046
  $D -y -q --best install hello-pp-1.0-1.amzn2 epoch-pp-1.5-1.el8 libfoo-pp-1.0-1.amzn2 app-pp-1.0-1.amzn2 tool-pp-2.0-1.el8 \
    kernel-pp-4.14.0-1.amzn2 low-pp-1.0-1.amzn2 med-pp-1.0-1.amzn2 noadv-pp-1.0-1.amzn2 multi-pp-1.0-1.amzn2 \
    $( [ "$SCALE" -gt 0 ] && seq -w 1 "$SCALE" | sed 's/^/sc-/; s/$/-1.0-1.amzn2/' ) >/dev/null
}
bg mkroot "$LAB/template-al2" 2 "Amazon Linux 2"
bg mkroot "$LAB/template-al2023" 2023 "Amazon Linux 2023"
waitall
rpm --root "$LAB/template-al2" -qa --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\n' | sort > "$LAB/installed.txt"
