#!/usr/bin/env bash
# Builds the Debian/Ubuntu package of the desktop app with jpackage: a bundled Java runtime, a
# menu entry with the app icon, and a dependency on libgtk-3-0 (JavaFX 21 needs GTK 3, which
# jpackage does not detect). Needs a JDK 17+ with jpackage, fakeroot and dpkg-dev.
#   packaging/desktop/linux/build-deb.sh [DEST_DIR]     (default: target/packages)
# `./axon package` builds the app first and then runs this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
DEST="${1:-$ROOT/target/packages}"
JPACKAGE="${JAVA_HOME:+$JAVA_HOME/bin/}jpackage"
for tool in "$JPACKAGE" fakeroot dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "build-deb.sh: $tool is missing (apt-get install -y fakeroot dpkg-dev)" >&2; exit 2; }
done
VERSION="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
INPUT="$ROOT/desktop-app/target/jpackage-input"
"$ROOT/packaging/desktop/jpackage-input.sh" "$INPUT"
mkdir -p "$DEST"
rm -f "$DEST"/axon-desktop_*.deb
"$JPACKAGE" --type deb \
  --name axon-desktop \
  --app-version "$VERSION" \
  --vendor "Axon" \
  --description "Volunteer computing for machine learning: lend your computer's idle time to train models" \
  --copyright "GPL-3.0-or-later" \
  --license-file "$ROOT/LICENSE" \
  --input "$INPUT" \
  --main-jar axon-desktop.jar \
  --main-class io.axon.desktop.DesktopMain \
  --java-options "-Xmx1g" \
  --icon "$ROOT/icons/png/axon-256.png" \
  --linux-package-name axon-desktop \
  --linux-app-category science \
  --linux-menu-group "Science;Education;" \
  --linux-shortcut \
  --linux-deb-maintainer "axon@localhost" \
  --linux-package-deps "libgtk-3-0" \
  --dest "$DEST"
ls -l "$DEST"/axon-desktop_*.deb
