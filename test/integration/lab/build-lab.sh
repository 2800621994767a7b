#!/bin/sh
# Builds the end-to-end apt lab (labs.md §1.1-1.3) under LAB (an empty or missing directory):
#   LAB/repo      three suites, all [trusted=yes]:
#                   bookworm          (Suite stable,          Label Debian)
#                   bookworm-updates  (Suite stable-updates,  Label Debian)
#                   bookworm-security (Suite stable-security, Label Debian-Security)
#   LAB/template  a Debian 12 root: etc/os-release (bookworm), etc/machine-id, etc/hostname,
#                 sources for the three suites, lists fetched, the old versions installed
#   LAB/apt.conf.in   the per-root APT_CONFIG for running apt-get by hand, with @ROOT@ for the root
#   LAB/packages.txt  what was built: SUITE NAME VERSION, one per line
# build-lab.sh --publish LAB SUITE NAME VERSION [CONTROL_LINE]: after the build, one more package in
# main|updates|security, and that suite's index made again (the repository "moves"; roots see it
# after an apt-get update, e.g. patchplan plan --refresh).
# With --scale N (bench only): N more packages sc-0001..sc-N (1.0-1 installed; every odd one has
# 1.0-2 in -updates, every third 1.0-1+deb12u1 in -security), as labs.md §6.
#
# Needs dpkg-deb, apt-ftparchive (apt-utils), apt-get (scripts/install-test-deps.sh).
# Never touches the host's dpkg database: every apt/dpkg call carries --root/--admindir through
# LAB/build.conf, and every maintainer script writes only under $DPKG_ROOT. Used by
# test/integration/lab/apt-lab.ts (tests) and bench/apt.mjs.
set -eu
MODE=build
if [ "${1:-}" = "--mkdeb" ]; then MODE=mkdeb; shift; fi
if [ "${1:-}" = "--publish" ]; then MODE=publish; shift; fi
LAB=$(realpath -m "$1")
SCALE=0
if [ "${2:-}" = "--scale" ]; then SCALE=$3; fi
mkdir -p "$LAB"
export SOURCE_DATE_EPOCH=1767225600   # 2026-01-01: reproducible .deb member times
export LC_ALL=C
P=$LAB/repo/pool

mkdeb() { # SUITE NAME VERSION SECTION PRIORITY [EXTRA_CONTROL_LINES] [POSTINST_BODY]
  suite=$1 name=$2 ver=$3 sec=$4 prio=$5 extra=${6:-} post=${7:-}
  d=$(mktemp -d "$LAB/mkdeb.XXXXXX")
  mkdir -p "$d/DEBIAN" "$d/usr/share/doc/$name"
  echo "$name $ver" > "$d/usr/share/doc/$name/VERSION"
  { echo "Package: $name"; echo "Version: $ver"; echo "Architecture: all"
    echo "Maintainer: Lab <lab@example.invalid>"; echo "Section: $sec"; echo "Priority: $prio"
    [ -n "$extra" ] && printf '%s\n' "$extra"
    echo "Description: patchplan e2e test package $name"; } > "$d/DEBIAN/control"
  if [ -n "$post" ]; then printf '#!/bin/sh\nset -e\n%s\n' "$post" > "$d/DEBIAN/postinst"; chmod 755 "$d/DEBIAN/postinst"; fi
  mkdir -p "$P/$suite"
  dpkg-deb --root-owner-group -Zgzip -b "$d" "$P/$suite" >/dev/null
  rm -rf "$d"
  [ "$MODE" = mkdeb ] || echo "$suite $name $ver" >> "$LAB/packages.txt"
}

release() { # CODENAME SUITE LABEL POOLDIR
  ( cd "$LAB/repo"
    mkdir -p "dists/$1/main/binary-amd64"
    apt-ftparchive packages "pool/$4" > "dists/$1/main/binary-amd64/Packages"
    gzip -9kf "dists/$1/main/binary-amd64/Packages"
    apt-ftparchive -o APT::FTPArchive::Release::Origin=Debian -o APT::FTPArchive::Release::Label="$3" \
      -o APT::FTPArchive::Release::Suite="$2" -o APT::FTPArchive::Release::Codename="$1" \
      -o APT::FTPArchive::Release::Architectures=amd64 -o APT::FTPArchive::Release::Components=main \
      release "dists/$1" > "$LAB/Release.tmp"
    mv "$LAB/Release.tmp" "dists/$1/Release" )
}
# --mkdeb LAB SUITE NAME VERSION: one scale package (called by xargs below).
if [ "$MODE" = mkdeb ]; then mkdeb "$2" "$3" "$4" misc optional; exit 0; fi
# --publish LAB SUITE NAME VERSION [CONTROL_LINE]: one more package in a built lab, its suite re-indexed.
if [ "$MODE" = publish ]; then
  [ -f "$LAB/packages.txt" ] || { echo "build-lab.sh --publish: $LAB is not a built lab" >&2; exit 2; }
  mkdeb "$2" "$3" "$4" misc optional "${5:-}"
  case $2 in
    main) release bookworm stable Debian main ;;
    updates) release bookworm-updates stable-updates Debian updates ;;
    security) release bookworm-security stable-security Debian-Security security ;;
    *) echo "build-lab.sh --publish: unknown suite $2" >&2; exit 2 ;;
  esac
  exit 0
fi
: > "$LAB/packages.txt"

# hello-pp: a security version older than the -updates one (spec E20); apt's candidate is +deb12u2.
mkdeb main     hello-pp  1.0-1          misc optional
mkdeb security hello-pp  1.0-1+deb12u1  misc optional
mkdeb updates  hello-pp  1.0-1+deb12u2  misc optional
# tzdata-pp: a newer version in -updates only (not-security-repo under the default baseline).
mkdeb main     tzdata-pp 2024a-1        localization optional
mkdeb updates  tzdata-pp 2025a-1        localization optional
# libssl-pp: a plain security update.
mkdeb main     libssl-pp 3.0.1-1        libs important
mkdeb security libssl-pp 3.0.1-1+deb12u1 libs important
# app-pp's security version needs a newer libfoo-pp and a library that is not installed yet.
mkdeb main     libfoo-pp 1.0-1          libs optional
mkdeb security libfoo-pp 1.1-1+deb12u1  libs optional
mkdeb security newlib-pp 1.0-1          libs optional
mkdeb main     app-pp    1.0-1          misc optional 'Depends: libfoo-pp (>= 1.0)'
mkdeb security app-pp    1.0-1+deb12u1  misc optional 'Depends: libfoo-pp (>= 1.1), newlib-pp (>= 1.0)'
# kernel-pp: its security version's postinst asks for a reboot, as a kernel's does.
mkdeb main     kernel-pp 6.1.0-1        kernel optional
mkdeb security kernel-pp 6.1.0-2        kernel optional '' \
  'mkdir -p "$DPKG_ROOT/var/run"; touch "$DPKG_ROOT/var/run/reboot-required"; echo kernel-pp >> "$DPKG_ROOT/var/run/reboot-required.pkgs"'
# slow-pp: its security version's postinst writes a marker, then sleeps while
# $DPKG_ROOT/etc/slow-pp.sleep exists (the test removes it), so apply can be killed mid-way.
mkdeb main     slow-pp   1.0-1          misc optional
mkdeb security slow-pp   1.0-1+deb12u1  misc optional '' \
  'echo "$$" > "$DPKG_ROOT/var/lib/slow-pp.configuring"; while [ -e "$DPKG_ROOT/etc/slow-pp.sleep" ]; do sleep 0.1; done'
# late-pp: its security version pre-depends on slow-pp's, so apt configures slow-pp (and waits
# in its postinst) before it even unpacks late-pp: an apply killed there has not reached late-pp.
mkdeb main     late-pp   1.0-1          misc optional
mkdeb security late-pp   1.0-1+deb12u1  misc optional 'Pre-Depends: slow-pp (>= 1.0-1+deb12u1)'

if [ "$SCALE" -gt 0 ]; then
  i=1
  while [ "$i" -le "$SCALE" ]; do
    n=$(printf 'sc-%04d' "$i")
    echo "main $n 1.0-1"
    [ $((i % 2)) = 1 ] && echo "updates $n 1.0-2"
    [ $((i % 3)) = 0 ] && echo "security $n 1.0-1+deb12u1"
    i=$((i + 1))
  done > "$LAB/scale.txt"
  # The same mkdeb, four at a time (a function cannot go through xargs, so this script calls itself).
  xargs -P4 -L1 sh "$0" --mkdeb "$LAB" < "$LAB/scale.txt"
  cat "$LAB/scale.txt" >> "$LAB/packages.txt"
fi

release bookworm          stable          Debian          main
release bookworm-updates  stable-updates  Debian          updates
release bookworm-security stable-security Debian-Security security

R=$LAB/template
mkdir -p "$R/etc/apt/apt.conf.d" "$R/etc/apt/preferences.d" "$R/etc/apt/sources.list.d" \
         "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/lib/dpkg/triggers" \
         "$R/var/lib/apt/lists/partial" "$R/var/cache/apt/archives/partial" "$R/var/log/apt" "$R/var/run"
touch "$R/var/lib/dpkg/status" "$R/var/lib/dpkg/available"
cat > "$R/etc/os-release" <<'EOS'
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
EOS
echo 0123456789abcdef0123456789abcdef > "$R/etc/machine-id"
echo e2e-template > "$R/etc/hostname"
cat > "$R/etc/apt/sources.list" <<EOS
deb [trusted=yes] file:$LAB/repo bookworm main
deb [trusted=yes] file:$LAB/repo bookworm-updates main
deb [trusted=yes] file:$LAB/repo bookworm-security main
EOS

# The configuration for running apt-get on a root by hand (labs.md §1.3); @ROOT@ is the root.
cat > "$LAB/apt.conf.in" <<'EOC'
Dir "@ROOT@/";
Dir::State::status "@ROOT@/var/lib/dpkg/status";
Dir::Log "@ROOT@/var/log/apt";
Dir::Bin::dpkg "/usr/bin/dpkg";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
Acquire::Languages "none";
APT::Install-Recommends "false";
DPkg::Options { "--root=@ROOT@"; "--admindir=@ROOT@/var/lib/dpkg"; "--log=@ROOT@/var/log/dpkg.log"; "--force-script-chrootless"; };
DPkg::Use-Pty "false";
EOC
sed "s#@ROOT@#$R#g" "$LAB/apt.conf.in" > "$LAB/build.conf"
APT_CONFIG=$LAB/build.conf apt-get -q update >/dev/null
old="hello-pp=1.0-1 tzdata-pp=2024a-1 libssl-pp=3.0.1-1 libfoo-pp=1.0-1 app-pp=1.0-1 kernel-pp=6.1.0-1 slow-pp=1.0-1 late-pp=1.0-1"
if [ "$SCALE" -gt 0 ]; then old="$old $(awk '$1 == "main" { printf "%s=%s ", $2, $3 }' "$LAB/scale.txt")"; fi
# shellcheck disable=SC2086
APT_CONFIG=$LAB/build.conf DEBIAN_FRONTEND=noninteractive apt-get -q -y install $old >/dev/null
rm -f "$LAB/build.conf"
