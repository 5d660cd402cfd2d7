#!/usr/bin/env bash
# Installs what running and testing ResumeAspire needs on Debian/Ubuntu (no Docker required):
# PostgreSQL and Redis server binaries from the OS packages, LibreOffice Writer and poppler-utils for
# the document tests, Chromium for the browser tests, and the web app's npm packages.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
# The document tests convert .docx with LibreOffice and read PDFs with poppler; a missing tool fails them.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
{ command -v pdftotext && command -v pdfinfo && command -v pdffonts; } >/dev/null 2>&1 || need+=(poppler-utils)
# The end-to-end tests drive Debian's Chromium (Playwright's own browser downloads are not used).
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  echo "Installing OS packages: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The Debian package starts system-wide services; ResumeAspire runs its own, so stop those to free the ports.
if [ "$(id -u)" -eq 0 ] && command -v service >/dev/null 2>&1; then
  service redis-server stop >/dev/null 2>&1 || true
fi

web=ResumeAspire.Web
if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "Installing the web app's npm packages"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi
