#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run them: `bash scripts/test.sh -q`
# runs the quick suite, `bash scripts/test.sh -q --slow` everything (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v serdi >/dev/null 2>&1 || need+=(serdi)
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
ls /usr/share/java/jena-arq*.jar >/dev/null 2>&1 || need+=(libapache-jena-java)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

# pip installs only when pyproject.toml changed since the last install (its hash is stamped in .venv).
[ -x .venv/bin/python ] || python3 -m venv .venv
. .venv/bin/activate
stamp=.venv/.kg-pyproject.sha256
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  python -m pip install -q --upgrade pip
  python -m pip install -q -e '.[test]'
  echo "$wanted" > "$stamp"
fi
python -m pytest "$@"
