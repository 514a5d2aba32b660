#!/usr/bin/env bash
# The Debian packages the product and its tests use: Tesseract with its Vietnamese data (OCR of
# scans and photos), LibreOffice Writer (.doc/.rtf/.odt), the font the tests draw pages with.
# Installs only what is missing; uses sudo when not root.
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui fonts-dejavu-core)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    sudo=$([ "$(id -u)" = 0 ] || echo sudo)
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${packages[@]}"
fi
