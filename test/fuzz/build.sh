#!/bin/sh
# Builds the libFuzzer targets with clang into a folder (default build-fuzz).
# libFuzzer adds the inputs it finds to its first folder, so give it a new
# one before the seeds:
#   mkdir -p build-fuzz/query
#   build-fuzz/fuzz_query -max_total_time=60 build-fuzz/query \
#       test/fuzz/corpus/query
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-"$root/build-fuzz"}
cc=${CC:-clang}
flags="-std=gnu17 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
    -I$root/lib"

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "build.sh: $cc not found: apt-get install clang" >&2
	exit 1
fi
mkdir -p "$out"

build() {
	target=$1
	shift
	# shellcheck disable=SC2086
	"$cc" $flags -o "$out/$target" "$root/test/fuzz/$target.c" "$@"
	echo "built $out/$target"
}

build fuzz_url_decode "$root/lib/params.c" "$root/lib/buf.c"
build fuzz_query "$root/lib/params.c" "$root/lib/buf.c"
build fuzz_cookies "$root/lib/params.c" "$root/lib/buf.c"
build fuzz_router "$root/lib/router.c" "$root/lib/params.c" "$root/lib/buf.c"
build fuzz_form "$root/lib/form.c" "$root/lib/params.c" "$root/lib/buf.c"
