# detasklet verify from the command line: a corpus conversion is accepted, a
# conversion made with a wrong rule is caught, and its replay token replays
# the very execution. Run by ctest with -P.
string(RANDOM LENGTH 8 suffix)
set(WORK_DIR "/tmp/detasklet-cli-verify-${suffix}")
file(MAKE_DIRECTORY ${WORK_DIR})
set(CORPUS ${SOURCE_DIR}/test-corpus)
set(SCENARIOS ${SOURCE_DIR}/runtime/scenarios)

function(expect_run expected_rc expected_out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL ${expected_rc})
    message(FATAL_ERROR "exit ${rc}, expected ${expected_rc}: ${ARGN}\n${out}\n${err}")
  endif()
  if(NOT out MATCHES "${expected_out}")
    message(FATAL_ERROR "stdout lacks '${expected_out}': ${ARGN}\n${out}\n${err}")
  endif()
  set(LAST_OUT "${out}" PARENT_SCOPE)
endfunction()

expect_run(0 "verdict: the conversion keeps the properties the original has"
  ${DETASKLET} verify ${CORPUS}/declare-disabled --scenario ${SCENARIOS}/declare-disabled.c)

# The mistake reviewers caught: enable_work() where a schedule came while disabled.
file(WRITE ${WORK_DIR}/wrong-enable.yaml "extends: bh\ncalls:\n  tasklet_enable: enable_work({t})\n")
expect_run(1 "lost-run +WORSE.*verdict: the conversion is worse"
  ${DETASKLET} verify ${CORPUS}/declare-disabled --scenario ${SCENARIOS}/declare-disabled.c
  --rules ${WORK_DIR}/wrong-enable.yaml --scratch ${WORK_DIR}/converted)
string(REGEX MATCH "replay: --scenario-name main --replay ([^ \n]+)" replay "${LAST_OUT}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "no replay token:\n${LAST_OUT}")
endif()
expect_run(1 "VIOLATION lost-run"
  ${DETASKLET} verify ${CORPUS}/declare-disabled --scenario ${SCENARIOS}/declare-disabled.c
  --rules ${WORK_DIR}/wrong-enable.yaml --scenario-name main --replay ${CMAKE_MATCH_1})

# Nothing converts: nothing to verify, and it says so.
execute_process(COMMAND ${DETASKLET} verify ${CORPUS}/internals --scenario ${SCENARIOS}/internals.c
  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 1 OR NOT err MATCHES "nothing to verify")
  message(FATAL_ERROR "internals: exit ${rc}\n${err}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
