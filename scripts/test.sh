#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run them.
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

[ -x .venv/bin/python ] || python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e '.[test]'
python -m pytest "$@"
