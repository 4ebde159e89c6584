#!/usr/bin/env bash
# Generates the app icon's PNG sizes, a Windows .ico, a macOS .icns and the Android launcher icons
# from axon.svg.
# Tools (Debian: apt-get install -y librsvg2-bin icoutils icnsutils):
#   rsvg-convert (librsvg) rasterises the SVG; icotool (icoutils) packs the .ico;
#   png2icns (icnsutils) packs the .icns. The outputs are checked in; run this after editing
#   axon.svg and commit the results.
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is missing (see the comment at the top)" >&2; exit 2; }
done
mkdir -p png
sizes=(16 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
  rsvg-convert --width "$size" --height "$size" --format png axon.svg --output "png/axon-$size.png"
done
# the Android app's launcher icon, one PNG per screen density (48 dp)
declare -A android=([mdpi]=48 [hdpi]=72 [xhdpi]=96 [xxhdpi]=144 [xxxhdpi]=192)
for density in "${!android[@]}"; do
  dir=../android-app/src/main/res/drawable-$density
  mkdir -p "$dir"
  rsvg-convert --width "${android[$density]}" --height "${android[$density]}" --format png axon.svg \
    --output "$dir/ic_launcher.png"
done
icotool --create --output axon.ico png/axon-16.png png/axon-24.png png/axon-32.png png/axon-48.png \
  png/axon-64.png --raw=png/axon-256.png
png2icns axon.icns png/axon-16.png png/axon-32.png png/axon-48.png png/axon-128.png \
  png/axon-256.png png/axon-512.png >/dev/null
echo "icons: png/axon-{$(IFS=,; echo "${sizes[*]}")}.png, axon.ico, axon.icns," \
  "android-app/src/main/res/drawable-*dpi/ic_launcher.png"
