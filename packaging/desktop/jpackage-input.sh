#!/usr/bin/env bash
# Lays out jpackage's --input folder from a built desktop-app: the app jar and its libraries
# (lib/, as the jar's Class-Path names them). Used by the package scripts of every system.
#   packaging/desktop/jpackage-input.sh OUT_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: jpackage-input.sh OUT_DIR}"
TARGET="$ROOT/desktop-app/target"
[ -f "$TARGET/axon-desktop.jar" ] && [ -d "$TARGET/lib" ] \
  || { echo "jpackage-input.sh: build first: mvn -B -DskipTests -pl desktop-app -am package" >&2; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT/lib"
cp "$TARGET/axon-desktop.jar" "$OUT/"
cp "$TARGET"/lib/*.jar "$OUT/lib/"
