#!/usr/bin/env bash
# Builds the Debian package with CPack into a scratch folder and checks what a user installing it
# gets: both programs, the desktop entry (valid per desktop-file-validate) and the icon, and the
# plugin packages shlibdeps cannot see among the dependencies.
set -euo pipefail
build_dir="$1"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$build_dir"
cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/bulkhead_*_amd64.deb)
contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/bulkhead ./usr/bin/bulkhead-cli ./usr/share/applications/bulkhead.desktop \
            ./usr/share/icons/hicolor/scalable/apps/bulkhead.svg; do
  grep -q " $file\$" <<<"$contents" || { echo "missing from the package: $file"; exit 1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 libqt6widgets6 libyaml-cpp0.7; do
  grep -q "$dep" <<<"$depends" || { echo "Depends lacks $dep: $depends"; exit 1; }
done
dpkg-deb -x "$deb" "$out/root"
desktop-file-validate "$out/root/usr/share/applications/bulkhead.desktop"
# Stripped: a user does not download the debug information.
if file "$out/root/usr/bin/bulkhead" | grep -q "not stripped"; then echo "bulkhead is not stripped"; exit 1; fi
"$out/root/usr/bin/bulkhead-cli" --version
echo "ok: $(basename "$deb"), $(stat -c %s "$deb") bytes"
