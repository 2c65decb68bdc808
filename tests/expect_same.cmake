# expect_same(what expected actual): fails the script when two outputs differ,
# leaving both in ${WORK_DIR} with the diff command that shows how.
function(expect_same what expected actual)
  if(NOT expected STREQUAL actual)
    file(WRITE ${WORK_DIR}/expected.txt "${expected}")
    file(WRITE ${WORK_DIR}/actual.txt "${actual}")
    message(FATAL_ERROR "${what} differs: diff ${WORK_DIR}/expected.txt ${WORK_DIR}/actual.txt")
  endif()
endfunction()
