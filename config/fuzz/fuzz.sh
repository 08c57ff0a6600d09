#!/usr/bin/env bash
# Fuzzes one or all Jazzer targets (TESTING.md). Each target runs in its own JVM (Jazzer fuzzes one test per run)
# until it has tried its @FuzzTest maxExecutions (1 M inputs) or maxDuration, or finds a crash.
#   config/fuzz/fuzz.sh                      every target
#   config/fuzz/fuzz.sh broker SelectorFuzzTest#shouldParseOrRefuseAnySelector
set -euo pipefail
cd "$(dirname "$0")/../.."

TARGETS=(
    "transport-aeron FrameAssemblerFuzzTest#shouldSurviveAnyFragmentSequence"
    "transport-aeron FrameAssemblerFuzzTest#shouldReassembleWellFormedChunksCutAnywhere"
    "transport-aeron EndpointUriFuzzTest#shouldParseOrRefuseAnyUrl"
    "transport-aeron PropertiesCodecFuzzTest#shouldDecodeOrRefuseAnyBytes"
    "transport-aeron ClientFrameFuzzTest#shouldFailOrIgnoreAnyBrokerFrame"
    "transport-aeron FrameOpenerFuzzTest#shouldOpenOnlyTheGenuineFrameOnce"
    "broker BrokerIngressFuzzTest#shouldRejectOrApplyAnyFrameFromAConnectedClient"
    "broker BrokerIngressFuzzTest#shouldRejectOrAcceptAnyFirstFrame"
    "broker BrokerMessageFuzzTest#shouldDecodeOrRefuseAnyMessage"
    "broker SelectorFuzzTest#shouldParseOrRefuseAnySelector"
    "broker BrokerConfigFuzzTest#shouldConcludeOrNameTheBadOption"
    "broker UsersFileFuzzTest#shouldLoadOrNameTheBadLine"
    "jms-provider MessageFrameFuzzTest#shouldDecodeOrRefuseAnyDelivery"
)

if [ $# -eq 2 ]; then TARGETS=("$1 $2"); fi

mvn -B -q -o test-compile -pl transport-aeron,broker,jms-provider -am
for target in "${TARGETS[@]}"; do
    read -r module test <<< "$target"
    echo "=== $module $test"
    start=$(date +%s)
    JAZZER_FUZZ=1 mvn -B -q -o test -pl "$module" -am -Dcheckstyle.skip -Djunit.jupiter.execution.timeout.testtemplate.method.default=3h -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        > "target-fuzz-${test%%#*}-${test##*#}.log" 2>&1 || { echo "FAILED: see target-fuzz-${test%%#*}-${test##*#}.log"; exit 1; }
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "target-fuzz-${test%%#*}-${test##*#}.log" | tail -2
    echo "    $(( $(date +%s) - start )) s"
done
