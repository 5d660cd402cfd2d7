#!/usr/bin/env bash
# Runs every test suite against real PostgreSQL, Redis (and, where a suite needs it, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prereqs.sh

dotnet build ResumeAspire.sln -nologo -v q
# Benchmarks run on demand (bench/README.md); building them here keeps them in step with Core's API.
dotnet build bench/ResumeAspire.Benchmarks -c Release -nologo -v q
dotnet test ResumeAspire.sln --no-build -nologo --logger "console;verbosity=normal" "$@"

(cd ResumeAspire.Web && npm test --silent)
