#!/usr/bin/env bash
# Runs every test suite against real PostgreSQL, Redis (and, where a suite needs it, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prereqs.sh

dotnet build ResumeAspire.sln -nologo -v q
# Benchmarks run on demand (bench/README.md); building them here keeps them in step with Core's API.
dotnet build bench/ResumeAspire.Benchmarks -c Release -nologo -v q
dotnet build bench/ResumeAspire.LoadGenerator -c Release -nologo -v q
dotnet test ResumeAspire.sln --no-build -nologo --logger "console;verbosity=normal" "$@"

# The web app: lint, type check, production build, component tests, then the browser tests in
# Chromium against the whole system (the app host in local mode, started by the e2e set-up).
(
  cd ResumeAspire.Web
  npm run lint --silent
  npm run typecheck --silent
  npm run build --silent
  npm test --silent
  npm run e2e --silent
)
