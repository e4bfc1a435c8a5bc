#!/usr/bin/env bash
# System packages the full test suite needs, from Debian's packages, installed only when absent:
# Chromium (editor page and audit report in a real browser), LibreOffice Writer (the reviewed Word copy
# rendered to PDF; with python3-uno, a fixed Word file's tracked changes accepted by LibreOffice itself), poppler-utils (PDF pages to PNG) and the DejaVu fonts (Vietnamese glyphs in test PDFs).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need+=(python3-uno)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system_deps: apt-get not found; install ${need[*]} by hand" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "system_deps: installing ${need[*]} from Debian's packages" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
