# The result cache from the command line: where it lives by default, that warm
# runs print the very bytes cold and uncached runs print, and that an edit
# re-parses exactly the TUs it reaches. Run by ctest with -P.
string(RANDOM LENGTH 8 suffix)
set(WORK_DIR "/tmp/detasklet-cli-cache-${suffix}")
set(CORPUS ${WORK_DIR}/corpus)
file(REMOVE_RECURSE ${WORK_DIR})
file(COPY ${SOURCE_DIR}/test-corpus/ DESTINATION ${CORPUS} PATTERN expected EXCLUDE)
file(WRITE ${CORPUS}/compile_flags.txt
  "-nostdinc\n-isystem\n${SOURCE_DIR}/runtime/include\n-std=gnu11\n-D__KERNEL__\n")

# Runs detasklet; OUT gets stdout. With expected_hits "all", "none" or a number,
# stderr must carry the cache summary with that many hits (TOTAL gets the TU
# count); with "", it must carry none.
function(run_detasklet expected_hits)
  execute_process(COMMAND ${DETASKLET} ${ARGN} --cache-stats
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc GREATER 1)
    message(FATAL_ERROR "exit ${rc}: ${ARGN}\n${err}")
  endif()
  if(NOT expected_hits STREQUAL "")
    if(NOT err MATCHES "([0-9]+) TUs: ([0-9]+) from cache")
      message(FATAL_ERROR "no cache summary: ${ARGN}\n${err}")
    endif()
    set(total ${CMAKE_MATCH_1})
    set(hits ${CMAKE_MATCH_2})
    if(expected_hits STREQUAL "all")
      set(expected_hits ${total})
    elseif(expected_hits STREQUAL "none")
      set(expected_hits 0)
    endif()
    if(NOT hits EQUAL expected_hits)
      message(FATAL_ERROR "${hits} of ${total} TUs from cache, expected ${expected_hits}: ${ARGN}\n${err}")
    endif()
    set(TOTAL ${total} PARENT_SCOPE)
  elseif(err MATCHES "from cache")
    message(FATAL_ERROR "cache summary without a cache: ${ARGN}\n${err}")
  endif()
  set(OUT "${out}" PARENT_SCOPE)
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/expect_same.cmake)

set(SCAN scan --format json -j2 -p ${CORPUS} ${CORPUS})
set(CONVERT convert --diff -j2 -p ${CORPUS} ${CORPUS})

# Without the cache, and without leaving anything behind.
run_detasklet("" ${SCAN} --no-cache)
set(REF_SCAN "${OUT}")
run_detasklet("" ${CONVERT} --no-cache)
set(REF_DIFF "${OUT}")
if(EXISTS ${CORPUS}/.detasklet)
  message(FATAL_ERROR "--no-cache wrote ${CORPUS}/.detasklet")
endif()

# By default under the -p directory; cold, then warm, the same bytes.
run_detasklet(none ${SCAN})
expect_same("cold scan" "${REF_SCAN}" "${OUT}")
if(NOT IS_DIRECTORY ${CORPUS}/.detasklet/cache)
  message(FATAL_ERROR "no cache in ${CORPUS}/.detasklet/cache")
endif()
run_detasklet(all ${SCAN})
expect_same("warm scan" "${REF_SCAN}" "${OUT}")
run_detasklet(all ${CONVERT})
expect_same("warm convert --diff" "${REF_DIFF}" "${OUT}")

# Elsewhere with --cache-dir; convert shares scan's entries.
run_detasklet(none ${CONVERT} --cache-dir ${WORK_DIR}/elsewhere)
expect_same("cold convert --diff" "${REF_DIFF}" "${OUT}")
run_detasklet(all ${SCAN} --cache-dir ${WORK_DIR}/elsewhere)
expect_same("warm scan, --cache-dir" "${REF_SCAN}" "${OUT}")

# A header two TUs include gains a tasklet: those two parse again, and the
# result is what an uncached run says.
file(READ ${CORPUS}/shared-header/shared.h header)
string(REPLACE "struct tasklet_struct event_tasklet;"
       "struct tasklet_struct event_tasklet;\n\tstruct tasklet_struct spare_tasklet;"
       header "${header}")
file(WRITE ${CORPUS}/shared-header/shared.h "${header}")
run_detasklet("" ${SCAN} --no-cache)
set(EDITED_SCAN "${OUT}")
if(EDITED_SCAN STREQUAL REF_SCAN OR NOT EDITED_SCAN MATCHES "spare_tasklet")
  message(FATAL_ERROR "the edit did not change the scan")
endif()
math(EXPR expected "${TOTAL} - 2")
run_detasklet(${expected} ${SCAN})
expect_same("scan after the edit" "${EDITED_SCAN}" "${OUT}")
run_detasklet(${expected} ${SCAN} --cache-dir ${WORK_DIR}/elsewhere)
expect_same("scan after the edit, --cache-dir" "${EDITED_SCAN}" "${OUT}")

# A cache that cannot be written: the run goes on, and says so once.
file(WRITE ${WORK_DIR}/not-a-directory "")
execute_process(COMMAND ${DETASKLET} ${SCAN} --cache-dir ${WORK_DIR}/not-a-directory/cache
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCHALL "result cache not written" warnings "${err}")
list(LENGTH warnings n)
if(NOT rc EQUAL 0 OR NOT n EQUAL 1)
  message(FATAL_ERROR "exit ${rc}, ${n} warnings, expected 0 and 1:\n${err}")
endif()
expect_same("scan with an unwritable cache" "${EDITED_SCAN}" "${out}")

# Damaged entries are re-parsed, not trusted and not fatal.
file(GLOB_RECURSE entries ${CORPUS}/.detasklet/cache/*)
list(LENGTH entries n)
if(n EQUAL 0)
  message(FATAL_ERROR "no cache entries")
endif()
foreach(e IN LISTS entries)
  file(WRITE ${e} "detasklet-facts-cache 1\nmain garbage\n")
endforeach()
run_detasklet(none ${SCAN})
expect_same("scan over damaged entries" "${EDITED_SCAN}" "${OUT}")

# A database found by searching upwards may sit in a source checkout: no
# cache there unless asked for.
file(REMOVE_RECURSE ${CORPUS}/.detasklet)
run_detasklet("" scan --format json ${CORPUS}/setup-basic)
if(EXISTS ${CORPUS}/.detasklet)
  message(FATAL_ERROR "a cache appeared without -p or --cache-dir")
endif()

file(REMOVE_RECURSE ${WORK_DIR})
