#!/bin/sh
# Builds one noarch sandbox rpm from pp.spec beside this script (labs.md §2.1), for the rpm and
# zypper labs. Usage: mkrpm.sh OUTDIR NAME VERSION RELEASE [EPOCH] [REQUIRES]
# EPOCH and REQUIRES may be empty or "-" for none. REQUIRES like "libfoo-pp>=1.1" or
# "libfoo-pp >= 1.1": spaces are put around the operator, since `libfoo-pp>=1.1` without them
# is one literal capability name (labs.md §2.1 pitfall). Run with HOME set to a lab home whose
# .rpmmacros keeps rpm's database out of ~/.rpmdb (labs.md §5).
set -e
out=$(realpath -m "$1"); mkdir -p "$out"; top=$(mktemp -d)
ep=${5:-}; [ "$ep" = - ] && ep=
rq=${6:-}; [ "$rq" = - ] && rq=
rq=$(echo "$rq" | sed 's/ *\([<>=]\{1,2\}\) */ \1 /')
rpmbuild -bb --quiet "$(dirname "$(realpath "$0")")/pp.spec" \
  --define "_topdir $top" --define "_rpmdir $out" --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  --define "_binary_payload w1.gzdio" --define "__os_install_post %{nil}" \
  --define "pname $2" --define "pver $3" --define "prel $4" ${ep:+--define "pepoch $ep"} ${rq:+--define "preq $rq"}
rm -rf "$top"
