#!/usr/bin/env bash
# The browser test drives Debian's Chromium through playwright-core (never a downloaded browser).
# Installs it from Debian's packages where it is missing. Idempotent.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"; exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "chromium missing and not root: install Debian's chromium" >&2; exit 1; fi
apt-get update -qq >/dev/null 2>&1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1
[ -x /usr/bin/chromium ] && echo "chromium: installed $(/usr/bin/chromium --version 2>/dev/null)"
