#!/usr/bin/env bash
# Builds the APK from Maven (android-app/pom.xml runs it; paths come in the environment).
#   apk.sh resources   aapt2 compile + link: R.java and resources.ap_ (manifest + resources)
#   apk.sh apk         D8 (and R8 when APK_RELEASE=true), zip with fixed entry times, zipalign, sign
# Signing: AXON_KEYSTORE, AXON_KEYSTORE_PASSWORD, AXON_KEY_ALIAS, AXON_KEY_PASSWORD if set (release);
# otherwise the debug key ~/.android/debug.keystore, generated with keytool when missing.
set -euo pipefail

die() { echo "apk.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found: apt-get install -y aapt zipalign apksigner"; }

TOOLS="$APK_BUILD/tools"

resources() {
  need aapt2
  local compiled="$APK_BUILD/res-compiled"
  rm -rf "$compiled" "$APK_R_JAVA"
  mkdir -p "$compiled" "$APK_R_JAVA"
  # one .flat per resource; compiled file by file so that the order (and the output) is stable
  find "$APK_SRC/res" -type f | LC_ALL=C sort | while read -r f; do
    aapt2 compile -o "$compiled" "$f"
  done
  aapt2 link -I "$TOOLS/android-link.jar" \
    --manifest "$APK_SRC/AndroidManifest.xml" \
    --min-sdk-version "$APK_MIN_SDK" --target-sdk-version "$APK_TARGET_SDK" \
    --version-code "$APK_VERSION_CODE" --version-name "$APK_VERSION_NAME" \
    --java "$APK_R_JAVA" --auto-add-overlay \
    --warn-manifest-validation --proguard "$APK_BUILD/aapt-rules.pro" \
    -o "$APK_BUILD/resources.ap_" $(find "$compiled" -name '*.flat' | LC_ALL=C sort) \
    2> >(grep -v "Unknown chunk type '200'" >&2 || true)
  # the merged manifest Robolectric reads, and the classes of its AAR dependencies
  # (with the SDK levels aapt2 writes into the APK's manifest from the pom)
  sed "s|^\( *\)<application|\1<uses-sdk android:minSdkVersion=\"$APK_MIN_SDK\" android:targetSdkVersion=\"$APK_TARGET_SDK\"/>\n\1<application|" \
    "$APK_SRC/AndroidManifest.xml" > "$APK_BUILD/AndroidManifest.xml"
  local aar
  for aar in "$APK_ROBOLECTRIC_DEPS"/aar/*.aar; do
    local name; name="$(basename "$aar" .aar)"
    mkdir -p "$APK_ROBOLECTRIC_DEPS/$name"
    unzip -qo "$aar" classes.jar -d "$APK_ROBOLECTRIC_DEPS/$name"
  done
}

# The jars' resources that the code reads at run time (e.g. OkHttp's public suffix list): from the
# jars for D8, from R8's output for R8 (it renames them with the classes that read them). Left out:
# META-INF, module descriptors, and commons-codec's phonetic rule tables (commons-csv pulls in the
# library; nothing here encodes names), which would be a third of the APK.
java_resources() {
  local dest="$1" dex="$2" jar
  local skip=('*.class' '*.dex' 'META-INF/*' 'module-info.class' 'org/apache/commons/codec/language/*')
  if [ -n "$(find "$dex" -type f ! -name '*.dex' -print -quit)" ]; then
    (cd "$dex" && find . -type f ! -name '*.dex' ! -path './META-INF/*' ! -name module-info.class \
        ! -path './org/apache/commons/codec/language/*' | while read -r f; do
          mkdir -p "$dest/$(dirname "$f")" && cp "$f" "$dest/$f"; done)
  else
    for jar in "$APK_BUILD"/libs/*.jar; do
      unzip -qo "$jar" -x "${skip[@]}" -d "$dest" 2>/dev/null || true
    done
  fi
  find "$dest" -type d -empty -delete
}

signing_args() {
  if [ -n "${AXON_KEYSTORE:-}" ]; then
    [ -f "$AXON_KEYSTORE" ] || die "AXON_KEYSTORE=$AXON_KEYSTORE does not exist"
    [ -n "${AXON_KEYSTORE_PASSWORD:-}" ] || die "AXON_KEYSTORE_PASSWORD is not set"
    echo "release key $AXON_KEYSTORE" >&2
    SIGN=(--ks "$AXON_KEYSTORE" --ks-pass env:AXON_KEYSTORE_PASSWORD
          --ks-key-alias "${AXON_KEY_ALIAS:-axon}" --key-pass "env:${AXON_KEY_PASSWORD:+AXON_KEY_PASSWORD}")
    [ -n "${AXON_KEY_PASSWORD:-}" ] || SIGN[-1]=env:AXON_KEYSTORE_PASSWORD
  else
    local ks="${ANDROID_DEBUG_KEYSTORE:-$HOME/.android/debug.keystore}"
    if [ ! -f "$ks" ]; then
      mkdir -p "$(dirname "$ks")"
      keytool -genkeypair -keystore "$ks" -storepass android -keypass android \
        -alias androiddebugkey -keyalg RSA -keysize 2048 -validity 10000 \
        -dname "CN=Android Debug,O=Android,C=US" >/dev/null 2>&1 || die "keytool failed"
      echo "apk.sh: generated the debug key $ks" >&2
    fi
    SIGN=(--ks "$ks" --ks-pass pass:android --ks-key-alias androiddebugkey --key-pass pass:android)
  fi
}

# package NAME DEXDIR: resources.ap_ + classes*.dex + Java resources -> NAME (aligned, signed)
package() {
  local name="$1" dex="$2" stage="$APK_BUILD/stage-$1"
  rm -rf "$stage" && mkdir -p "$stage"
  (cd "$stage" && unzip -q "$APK_BUILD/resources.ap_")
  cp "$dex"/classes*.dex "$stage/"
  java_resources "$stage" "$dex"
  # Reproducible: every entry gets the same time, entries go in sorted order, no extra fields.
  find "$stage" -exec touch -h -d "$APK_TIMESTAMP" {} +
  local unsigned="$APK_BUILD/$name.unsigned.apk" aligned="$APK_BUILD/$name.aligned.apk"
  rm -f "$unsigned" "$aligned"
  # resources.arsc stays uncompressed (Android 11+ refuses a compressed one); the rest is deflated
  (cd "$stage" && find . -type f | sed 's|^\./||' | LC_ALL=C sort > ../"$name".list)
  (cd "$stage" && TZ=UTC zip -q -X -D -0 "$unsigned" resources.arsc &&
     grep -v '^resources.arsc$' ../"$name".list | TZ=UTC zip -q -X -D -9 "$unsigned" -@)
  zipalign -p -f 4 "$unsigned" "$aligned"
  signing_args
  apksigner sign "${SIGN[@]}" --out "$APK_OUT/$name" "$aligned"
  rm -f "$APK_OUT/$name.idsig"
  apksigner verify "$APK_OUT/$name"
  echo "apk.sh: $APK_OUT/$name $(stat -c %s "$APK_OUT/$name") bytes" >&2
}

apk() {
  need zipalign; need apksigner; need zip; need unzip
  [ -f "$APK_BUILD/resources.ap_" ] || die "resources.ap_ is missing: run the generate-sources phase"
  local jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
  local libs=("$APK_BUILD"/libs/*.jar)
  local app="$APK_BUILD/app-classes.jar"
  rm -f "$app"
  (cd "$APK_CLASSES" && find . -name '*.class' | LC_ALL=C sort | zip -q -X -D "$app" -@)
  local dex="$APK_BUILD/dex-d8"
  rm -rf "$dex" && mkdir -p "$dex"
  java -cp "$TOOLS/r8.jar" com.android.tools.r8.D8 --release --min-api "$APK_MIN_SDK" \
    --lib "$TOOLS/android-compile.jar" --lib "$jdk" --output "$dex" \
    "$app" "${libs[@]}" 2> >(grep -v '^Warning' >&2 || true)
  package axon.apk "$dex"
  if [ "${APK_RELEASE:-false}" = true ]; then
    local r8="$APK_BUILD/dex-r8"
    rm -rf "$r8" && mkdir -p "$r8"
    java -cp "$TOOLS/r8.jar" com.android.tools.r8.R8 --release --min-api "$APK_MIN_SDK" \
      --lib "$TOOLS/android-compile.jar" --lib "$jdk" --output "$r8" \
      --pg-conf "$APK_PROGUARD" --pg-conf "$APK_BUILD/aapt-rules.pro" --pg-map-output "$APK_BUILD/r8-mapping.txt" \
      --map-diagnostics info none \
      "$app" "${libs[@]}"
    package axon-release.apk "$r8"
  fi
}

# The protocol's code (shared-core, its test fixtures, Moshi, Okio, Kotlin) desugared for the min
# SDK as class files, so that a JVM test runs exactly what D8 puts in the APK: records turned into
# plain classes, no multi-release folders (Moshi's record support lives in one Android ignores).
desugar() {
  local out="$APK_BUILD/desugared"
  rm -rf "$out" && mkdir -p "$out/resources"
  java -cp "$TOOLS/r8.jar" com.android.tools.r8.D8 --classfile --min-api "$APK_MIN_SDK" \
    --lib "$TOOLS/android-compile.jar" --output "$out/classes.jar" \
    "$APK_BUILD"/desugar-in/*.jar 2> >(grep -v '^Warning' >&2 || true)
  local tests
  tests=$(ls "$APK_BUILD"/desugar-in/shared-core-*-tests.jar)
  unzip -qo "$tests" 'io/axon/core/protocol/*.json' -d "$out/resources"
}

"$@"
