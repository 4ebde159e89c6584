#!/usr/bin/env bash
# Checks, in a few seconds, everything `./axon test` needs beyond the source tree, before any test
# runs. As root it installs what is missing with apt-get; otherwise it names the one command to run
# and exits with status 2. Called by `./axon test` and `.ci/run`.
#   scripts/test-prerequisites.sh           check, and install what is missing when root
#   scripts/test-prerequisites.sh --check   check only; never installs (exit 2 when something is missing)
set -euo pipefail

install=1
case "${1:-}" in
  --check) install=0 ;;
  "") ;;
  -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "test-prerequisites: unknown option '$1' (--check or nothing)" >&2; exit 2 ;;
esac

# Each entry: the Debian package, then what is missing without it (for the message).
packages=()
reasons=()
need() { packages+=("$1"); reasons+=("$2"); }

has() { command -v "$1" >/dev/null 2>&1; }
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || compgen -G "/usr/lib/*/$1*" >/dev/null; }

java_major() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  "$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}

# The build: a JDK 17 or newer (javac too: the tests compile) and Maven 3.8 or newer.
if ! has "${JAVA_HOME:+$JAVA_HOME/bin/}javac"; then
  need openjdk-17-jdk-headless "javac (a JDK 17 or newer)"
elif [ "$(java_major | cut -d. -f1)" -lt 17 ] 2>/dev/null; then
  need openjdk-17-jdk-headless "Java 17 or newer (found $(java_major))"
fi
if ! has mvn; then
  need maven "mvn (Maven 3.8 or newer)"
else
  mvn_version=$(mvn -B -v 2>/dev/null | grep -oE 'Apache Maven [0-9][0-9.]*' | awk '{print $3}')
  if ! printf '3.8\n%s\n' "$mvn_version" | sort -V -C; then
    need maven "Maven 3.8 or newer (found ${mvn_version:-an unreadable version})"
  fi
fi

# shared-core: the X11 idle-detection test runs against a real Xvfb with the screensaver extension.
has Xvfb || need xvfb "Xvfb (X11 idle-detection test)"
has xset || need x11-xserver-utils "xset (X11 idle-detection test)"
has_lib libXss.so.1 || need libxss1 "libXss (X11 idle-detection test)"

# coordinator-server: the PostgreSQL tests start their own throw-away cluster with initdb and pg_ctl,
# as the postgres user (which the package creates) when run as root.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! has initdb; then
  need postgresql "PostgreSQL server binaries (initdb, pg_ctl)"
elif [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  need postgresql "the postgres user (PostgreSQL refuses to run as root)"
fi
[ "$(id -u)" != 0 ] || has runuser || need util-linux "runuser (starts PostgreSQL as postgres)"

# coordinator-server: the admin pages' browser tests drive Debian's Chromium through chromedriver.
[ -x /usr/bin/chromium ] || need chromium "Chromium (admin page browser tests)"
[ -x /usr/bin/chromedriver ] || need chromium-driver "chromedriver (admin page browser tests)"

# desktop-app: TestFX runs headless on Monocle, but JavaFX renders text with FreeType and
# fontconfig, and needs a font.
has_lib libfreetype.so.6 || need libfreetype6 "FreeType (JavaFX text)"
has_lib libfontconfig.so.1 || need libfontconfig1 "fontconfig (JavaFX text)"
[ -n "$(find /usr/share/fonts -name '*.ttf' -print -quit 2>/dev/null)" ] ||
  need fonts-dejavu-core "a TrueType font (JavaFX text)"

# android-app: aapt2 links the resources (the aapt package brings it), then zipalign and apksigner.
has aapt2 || need aapt "aapt2 (Android resources)"
has zipalign || need zipalign "zipalign (Android APK)"
has apksigner || need apksigner "apksigner (Android APK)"
has zip || need zip "zip (Android APK)"
has unzip || need unzip "unzip (Android APK)"

[ ${#packages[@]} -eq 0 ] && exit 0

# one package may stand for several missing things; apt-get wants each once
mapfile -t unique < <(printf '%s\n' "${packages[@]}" | awk '!seen[$0]++')
command_line="apt-get install -y ${unique[*]}"
echo "axon test: missing what the tests need:" >&2
for i in "${!packages[@]}"; do
  printf '  %-28s (package %s)\n' "${reasons[$i]}" "${packages[$i]}" >&2
done

if [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && has apt-get; then
  echo "axon test: installing as root: apt-get update && $command_line" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${unique[@]}" >&2
  echo "axon test: installed ${unique[*]}" >&2
  exit 0
fi

if has apt-get; then
  echo "axon test: run this once, then ./axon test again:" >&2
  echo "  sudo apt-get update && sudo $command_line" >&2
else
  echo "axon test: this machine has no apt-get; install the equivalents of: ${unique[*]}" >&2
fi
exit 2
