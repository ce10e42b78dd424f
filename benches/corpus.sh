#!/usr/bin/env bash
# Builds the benchmark corpus: fixed versions of large real packages, fetched by their
# ordinary clients (npm pack, pip download, apt-get download), unpacked under
# benches/corpus/ (ignored by git), then v2 Flexy snippets injected into about 1% of the
# source files by benches/inject.py. Downloads are cached in benches/corpus/.cache, so a
# second run only re-unpacks and re-injects.
#
# Usage: bash benches/corpus.sh          (needs npm, pip, apt-get and dpkg-deb)
set -euo pipefail
cd "$(dirname "$0")"
root=corpus
cache=$root/.cache
mkdir -p "$cache"

# JavaScript: npm packages with their sources and bundles, as `npm pack` fetches them.
NPM=(
  typescript@5.6.3
  aws-sdk@2.1691.0
  three@0.169.0
  echarts@5.5.1
  monaco-editor@0.52.0
  rxjs@7.8.1
  webpack@5.95.0
  lodash@4.17.21
  pdfjs-dist@4.7.76
  @angular/core@18.2.8
  moment@2.30.1
  eslint@9.12.0
)
# Python: source distributions, as `pip download --no-binary :all:` fetches them.
PYPI=(
  Django==5.1.2
  sympy==1.13.3
  botocore==1.35.40
  ansible-core==2.17.5
)
# PHP: Debian bookworm's PHP applications and libraries. A pinned version that the archive
# no longer serves (a point release replaced it) falls back to the current one, said aloud.
DEBIAN=(
  mediawiki=1:1.39.17-1+deb12u2
  phpmyadmin=4:5.2.1+dfsg-1+deb12u1
  roundcube-core=1.6.5+dfsg-1+deb12u13
  wordpress=6.1.9+dfsg1-0+deb12u1
  php-laravel-framework=8.83.26+dfsg-2
  php-tcpdf=6.6.2+dfsg1-1+deb12u1
  zabbix-frontend-php=1:6.0.14+dfsg-1
  cacti=1.2.24+ds1-1+deb12u5
  icingaweb2=2.11.4-2+deb12u1
  php-doctrine-orm=2.14.1+dfsg-1
  dokuwiki=0.0.20220731.a-2
)

# Each package is fetched into a folder of its own, which a stamp marks complete: a second
# run fetches nothing, and only the packages listed here are unpacked.
key() { echo "$1" | tr '/@=:' '____'; }
fetch() { # KIND SPEC COMMAND...: runs COMMAND in the package's folder unless it is complete
  local dir="$cache/$1/$(key "$2")"
  [ -e "$dir/.done" ] && return 0
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && "${@:3}") && touch "$dir/.done"
}
for spec in "${NPM[@]}"; do
  fetch npm "$spec" npm pack --silent "$spec" >/dev/null
done
for spec in "${PYPI[@]}"; do
  fetch pypi "$spec" pip download --quiet --no-binary :all: --no-deps -d . "$spec"
done
debian_download() {
  apt-get download -qq "$1" 2>/dev/null && return 0
  echo "corpus.sh: $1 is no longer served; taking the current ${1%%=*}" >&2
  apt-get download -qq "${1%%=*}"
}
updated=0
for spec in "${DEBIAN[@]}"; do
  # The package lists are refreshed once, here: a fetch runs in a subshell.
  if [ ! -e "$cache/debian/$(key "$spec")/.done" ] && [ $updated = 0 ]; then
    apt-get update -qq
    updated=1
  fi
  fetch debian "$spec" debian_download "$spec"
done

# Unpack afresh, so the injection starts from the packages as published.
rm -rf "$root/full" "$root/half" "$root/quarter"
mkdir -p "$root/full/npm" "$root/full/pypi" "$root/full/debian"
listed() { # KIND SPEC...: the fetched files of the listed packages
  local kind=$1
  shift
  for spec in "$@"; do
    find "$cache/$kind/$(key "$spec")" -maxdepth 1 -type f ! -name .done
  done
}
for f in $(listed npm "${NPM[@]}"); do
  d="$root/full/npm/$(basename "$f" .tgz)"
  mkdir -p "$d" && tar -xzf "$f" -C "$d"
done
for f in $(listed pypi "${PYPI[@]}"); do
  d="$root/full/pypi/$(basename "$f" | sed 's/\.tar\.gz$//; s/\.zip$//')"
  mkdir -p "$d"
  case "$f" in
    *.zip) python3 -m zipfile -e "$f" "$d" ;;
    *) tar -xzf "$f" -C "$d" ;;
  esac
done
for f in $(listed debian "${DEBIAN[@]}"); do
  d="$root/full/debian/$(basename "$f" .deb)"
  mkdir -p "$d" && dpkg-deb -x "$f" "$d"
done
# Debian packages are full of symbolic links into other packages; keep regular files only.
find "$root/full" -type l -delete

{
  listed npm "${NPM[@]}"
  listed pypi "${PYPI[@]}"
  listed debian "${DEBIAN[@]}"
} | xargs sha256sum | sed "s|$cache/||" > "$root/manifest.sha256"
python3 inject.py "$root"
