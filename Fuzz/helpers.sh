# Sourced by the Fuzz/ scripts: builds a package module as a libFuzzer + AddressSanitizer
# instrumented static library (again only when one of its sources changed, so targets share
# LakeCore), links entry and parser files (and those libraries) into a target, seeds corpora,
# and runs a target for a bounded time. Builds take "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}"
# (set it to another file when the caller already holds the machine's build lock).

FUZZ_LIB=.build/fuzz-lib
FUZZ_FLAGS=(-parse-as-library -sanitize=address,fuzzer -O -g -swift-version 6 -I "$FUZZ_LIB")
for system_library in Sources/C*/; do FUZZ_FLAGS+=(-I "$system_library"); done

# fuzz_swiftc ARGS…: swiftc under the build lock; the linker's "cannot export local symbol
# __asan_*" warnings are noise, so the output goes to a log shown only on failure.
fuzz_swiftc() {
    mkdir -p "$FUZZ_LIB"
    flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swiftc "${FUZZ_FLAGS[@]}" "$@" > "$FUZZ_LIB/build.log" 2>&1 ||
        { grep -v "ld.gold: warning" "$FUZZ_LIB/build.log"; return 1; }
}

# fuzz_module NAME: Sources/NAME as $FUZZ_LIB/libNAME.a and NAME.swiftmodule.
fuzz_module() {
    local name=$1 library="$FUZZ_LIB/lib$1.a"
    if [[ -e $library && -z $(find "Sources/$name" -newer "$library" -print -quit) ]]; then return 0; fi
    echo "building instrumented $name"
    fuzz_swiftc -module-name "$name" -emit-module -emit-module-path "$FUZZ_LIB/$name.swiftmodule" \
        -emit-library -static -o "$library" $(find "Sources/$name" -name '*.swift')
}

# fuzz_target OUTPUT SWIFTC-ARGS…: an executable from entry and source files, linked with
# `-L $FUZZ_LIB -lName` arguments.
fuzz_target() {
    local output=$1; shift
    mkdir -p "$(dirname "$output")"
    fuzz_swiftc -module-name FuzzTarget -L "$FUZZ_LIB" -o "$output" "$@"
}

# fuzz_seed DIRECTORY NAME=TEXT…: writes each TEXT (printf escapes allowed) to DIRECTORY/NAME.
fuzz_seed() {
    local directory=$1; shift
    mkdir -p "$directory"
    for seed in "$@"; do printf '%b' "${seed#*=}" > "$directory/${seed%%=*}"; done
}

# fuzz_run TARGET CORPUS SECONDS MAX-LEN [libFuzzer flags…]: runs TARGET, writing crashes next to
# it; prints the final statistics; fails on any crash, sanitizer report, leak or timeout. The
# random seed is fixed (FUZZ_SEED, default 1) so that a run can be repeated; FUZZ_SEED=0 lets
# libFuzzer pick one, for exploring.
fuzz_run() {
    local target=$1 corpus=$2 seconds=$3 max_len=$4; shift 4
    echo "== $(basename "$target") for ${seconds}s"
    if ! "$target" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$target-" "$@" "$corpus" > "$target.log" 2>&1; then
        echo "$(basename "$target") FAILED (see $target.log)"
        grep -E "ERROR|panic|Fatal|precondition|Timeout" "$target.log" | head -5 || true
        return 1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|DONE" "$target.log" | tail -3
}
