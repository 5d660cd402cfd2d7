#!/usr/bin/env bash
# Starts the whole system (dashboard, PostgreSQL, Redis, Api, Worker, Web) with one command.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prereqs.sh
dotnet build ResumeAspire.AppHost -v q -nologo
exec dotnet run --no-build --project ResumeAspire.AppHost --launch-profile http "$@"
