#!/usr/bin/env bash
# Packs the DeepNotes extension into artifacts/feed, copies it to ~/.deepnotes/feed and registers that folder as a
# NuGet source for this user,
# so a notebook loads DeepNotes with one line: #r "nuget:DeepNotes.Interactive, 0.1.0".
# (dotnet-interactive's #i accepts only absolute feed paths, so notebooks don't carry one.) Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet pack extension -c Release -o artifacts/feed --nologo -v quiet
# The registered source is a folder in the home directory, not in this checkout, so it never dangles when a checkout
# is moved or deleted (a missing source folder breaks every NuGet restore on the machine).
feed="${DEEPNOTES_FEED:-$HOME/.deepnotes/feed}"
mkdir -p "$feed"
cp artifacts/feed/DeepNotes.Interactive.*.nupkg "$feed/"
# A restored copy of the same version would shadow the new build.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/deepnotes.interactive"
dotnet nuget remove source deepnotes-local >/dev/null 2>&1 || true
dotnet nuget add source "$feed" -n deepnotes-local >/dev/null
echo "DeepNotes feed ready at $feed (NuGet source 'deepnotes-local')"
