#!/usr/bin/env bash
# Builds the macOS disk image (.dmg) and installer package (.pkg) of the desktop app with jpackage.
# Runs on macOS only (jpackage uses hdiutil and pkgbuild); needs a JDK 17+.
#   mvn -B -DskipTests -pl desktop-app -am package
#   packaging/desktop/macos/build-dmg.sh [dmg|pkg]     (default: both)
# Unsigned; to sign, add --mac-sign --mac-signing-key-user-name "Developer ID Application: …".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
[ "$(uname -s)" = Darwin ] || { echo "build-dmg.sh: runs on macOS only" >&2; exit 2; }
VERSION="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
INPUT="$ROOT/desktop-app/target/jpackage-input"
"$ROOT/packaging/desktop/jpackage-input.sh" "$INPUT"
for type in ${1:-dmg pkg}; do
  jpackage --type "$type" \
    --name Axon \
    --app-version "$VERSION" \
    --vendor "Axon" \
    --description "Volunteer computing for machine learning" \
    --license-file "$ROOT/LICENSE" \
    --input "$INPUT" \
    --main-jar axon-desktop.jar \
    --main-class io.axon.desktop.DesktopMain \
    --java-options "-Xmx1g" \
    --icon "$ROOT/icons/axon.icns" \
    --mac-package-identifier io.axon.desktop \
    --mac-package-name Axon \
    --mac-app-category public.app-category.education \
    --dest "$ROOT/target/packages"
done
