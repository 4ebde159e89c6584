#!/usr/bin/env bash
# Installs the built .deb with dpkg, starts the installed app under Xvfb with --smoke-test (it
# shows its main window, prints one line and quits), then removes the package again.
# Needs root (dpkg, apt-get for the dependencies this machine lacks) and xvfb.
#   packaging/desktop/linux/check-deb.sh [DEB]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
DEB="${1:-$(ls "$ROOT"/target/packages/axon-desktop_*.deb | head -1)}"
echo "== dpkg --info"; dpkg-deb --info "$DEB" | grep -E "Package|Version|Depends|Installed-Size"
# dpkg installs no dependencies: bring in those this machine lacks (here: xdg-utils) first
missing=()
for dep in $(dpkg-deb --field "$DEB" Depends | tr ',' '\n' | awk '{print $1}'); do
  dpkg -s "$dep" >/dev/null 2>&1 || missing+=("$dep")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# the package's post-install script registers the menu entry with xdg-desktop-menu, which needs
# the system menu folders that every desktop has but a bare container may lack
mkdir -p /usr/share/applications /usr/share/desktop-directories
echo "== dpkg -i"; dpkg -i "$DEB"
trap 'echo "== dpkg -r"; dpkg -r axon-desktop >/dev/null' EXIT
LAUNCHER=/opt/axon-desktop/bin/axon-desktop
test -x "$LAUNCHER"
ls /opt/axon-desktop/lib/axon-desktop.png >/dev/null
find /usr/share/applications /opt/axon-desktop/lib -name '*axon-desktop*.desktop' | head -1 | xargs grep -E '^(Exec|Icon|Categories)='
DATA="$(mktemp -d)"
echo "== $LAUNCHER --smoke-test under Xvfb"
OUT="$(xvfb-run -a -s "-screen 0 1280x800x24" timeout 120 "$LAUNCHER" --smoke-test --data-dir "$DATA" 2>&1)"
echo "$OUT" | grep -v "Unsupported JavaFX configuration" | tail -5
echo "$OUT" | grep -q "axon-desktop: main window shown: Axon true"
rm -rf "$DATA"
echo "check-deb.sh: the package installs, starts and shows its window"
