#!/usr/bin/env bash
# Packs the DeepNotes extension into artifacts/feed and registers that folder as a NuGet source for this user,
# so a notebook loads DeepNotes with one line: #r "nuget:DeepNotes.Interactive, 0.1.0".
# (dotnet-interactive's #i accepts only absolute feed paths, so notebooks don't carry one.) Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
feed="$(pwd)/artifacts/feed"
dotnet pack extension -c Release -o "$feed" --nologo -v quiet
# A restored copy of the same version would shadow the new build.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/deepnotes.interactive"
dotnet nuget remove source deepnotes-local >/dev/null 2>&1 || true
dotnet nuget add source "$feed" -n deepnotes-local >/dev/null
echo "DeepNotes feed ready at $feed (NuGet source 'deepnotes-local')"
