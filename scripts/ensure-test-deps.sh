#!/usr/bin/env bash
# Installs what the tests start (Prosody 13, the Secret Service, Chromium) when it is missing.
# Debian 12 as root, or as a user with sudo: installs from Debian's archive. Anywhere else (Ubuntu
# included: its archive has no Prosody 13 — CI runs this in a debian:bookworm container): says what
# to install and fails.
# With package names as arguments (`npm run demo` needs no chromium), checks only those.
set -euo pipefail

wanted=" ${*:-prosody gnome-keyring dbus libsecret-tools openssl chromium} "
wants() { [[ $wanted == *" $1 "* ]]; }
missing=()
if wants prosody; then [ -x /usr/bin/prosody ] && [ -f /usr/lib/prosody/modules/mod_sasl2/mod_sasl2.lua ] || missing+=(prosody); fi
if wants gnome-keyring; then command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring); fi
if wants dbus; then command -v dbus-run-session >/dev/null || missing+=(dbus); fi
if wants libsecret-tools; then command -v secret-tool >/dev/null || missing+=(libsecret-tools); fi
if wants openssl; then command -v openssl >/dev/null || missing+=(openssl); fi
if wants chromium; then [ -x /usr/bin/chromium ] || missing+=(chromium); fi
[ ${#missing[@]} -eq 0 ] && exit 0

explain() {
  cat >&2 <<MSG
The tests need: Prosody 13 with prosody-modules (Debian bookworm-backports), gnome-keyring, dbus,
libsecret-tools, openssl and chromium (\`npm run demo\`: all but libsecret-tools and chromium).
Missing here: ${missing[*]}.
On Debian 12, as root or with sudo, \`npm test\` and \`npm run demo\` install them; elsewhere install them by hand.
MSG
  exit 1
}
grep -q '^VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null || explain
# sudo does not pass the environment on: DEBIAN_FRONTEND goes on the command line.
as_root=(env DEBIAN_FRONTEND=noninteractive)
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || explain
  as_root=(sudo "${as_root[@]}")
fi

sources=/etc/apt/sources.list.d/debian.sources
backports=/etc/apt/sources.list.d/warden-backports.sources
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  # Reuse the archive and key the machine already uses, so no host name is written down here.
  uris=$(grep -m1 '^URIs:' "$sources")
  signed=$(grep -m1 '^Signed-By:' "$sources")
  printf 'Types: deb\n%s\nSuites: bookworm-backports\nComponents: main\n%s\n' "$uris" "$signed" | "${as_root[@]}" tee "$backports" >/dev/null
fi
echo "Installing test dependencies: ${missing[*]}" >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq -t bookworm-backports prosody prosody-modules >/dev/null
"${as_root[@]}" apt-get install -y -qq gnome-keyring dbus libsecret-tools openssl chromium >/dev/null
