#!/usr/bin/env bash
# Installs what building and testing the Specwright desktop app needs on Debian/Ubuntu:
# WebKitGTK and friends for Tauri, Xvfb + WebKitWebDriver for the end-to-end tests,
# and tauri-driver 2.x. Safe to run again; it only installs what is missing.
set -euo pipefail

packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  libxdo-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev
  xvfb webkit2gtk-driver xauth
  imagemagick poppler-utils rpm fonts-noto-color-emoji dbus
  hunspell-en-us
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "Missing system packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js 20.19+ and npm are required (https://nodejs.org or your package manager)." >&2
  exit 1
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is required: https://rustup.rs" >&2
  exit 1
fi

# crates.io's newest tauri-driver is a 3.0 pre-release; the app uses Tauri 2.
# (tauri-driver has no --version; cargo's install list tells which one is there.)
if ! cargo install --list | grep -q '^tauri-driver v2\.'; then
  cargo install tauri-driver --version '^2' --locked
fi

echo "System ready for Specwright."
