#!/bin/sh
# The installed app's start command on Linux (the desktop entry's Exec; lib/dcgan-explorer.sh in the app-image):
# preloads jemalloc for native memory where the machine has it (lib/native-allocator.sh, a copy of
# scripts/native-allocator.sh; why: README "Speed"), then runs jpackage's launcher. jpackage's launcher cannot
# set environment variables itself, and LD_PRELOAD only takes effect when a process starts.
here="$(dirname "$(readlink -f "$0")")"
. "$here/native-allocator.sh"
dcgan_preload_jemalloc
exec "$here/../bin/DCGAN Explorer" "$@"
