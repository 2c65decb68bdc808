# Bad input must give a clear message naming the file and what to do, and a
# TU that fails must not stop the others. Run by ctest with -P.
# Outside the build tree: the build's own compile_commands.json must not be found.
string(RANDOM LENGTH 8 suffix)
set(WORK_DIR "/tmp/detasklet-cli-${suffix}")
file(MAKE_DIRECTORY ${WORK_DIR}/nodb ${WORK_DIR}/flags ${WORK_DIR}/db)

function(expect_run expected_rc expected_err)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL ${expected_rc})
    message(FATAL_ERROR "exit ${rc}, expected ${expected_rc}: ${ARGN}\n${out}\n${err}")
  endif()
  if(NOT err MATCHES "${expected_err}")
    message(FATAL_ERROR "stderr lacks '${expected_err}': ${ARGN}\n${err}")
  endif()
  set(LAST_OUT "${out}" PARENT_SCOPE)
endfunction()

# No database anywhere above the input.
file(WRITE ${WORK_DIR}/nodb/a.c "int a;\n")
expect_run(2 "no compile database found.*gen_compile_commands.py" ${DETASKLET} scan ${WORK_DIR}/nodb/a.c)

# A TU with an error is reported with its first error and skipped; the good one goes on.
file(WRITE ${WORK_DIR}/flags/compile_flags.txt "-nostdinc\n-isystem\n${SOURCE_DIR}/runtime/include\n-std=gnu11\n")
file(WRITE ${WORK_DIR}/flags/good.c "#include <linux/interrupt.h>\nstruct g { struct tasklet_struct tl; };\nstatic void cb(struct tasklet_struct *t) { }\nvoid init(struct g *g) { tasklet_setup(&g->tl, cb); }\n")
file(WRITE ${WORK_DIR}/flags/bad.c "#include <linux/interrupt.h>\nvoid broken(void) { tasklet_schedule( }\n")
expect_run(1 "bad.c:2:[0-9]+: error: .*skipped, the other files go on" ${DETASKLET} scan -j2 ${WORK_DIR}/flags)
if(NOT LAST_OUT MATCHES "struct g::tl.*convertible")
  message(FATAL_ERROR "the good TU's object is missing:\n${LAST_OUT}")
endif()

# A file the database does not know, and a database entry whose file is gone.
file(WRITE ${WORK_DIR}/db/known.c "int k;\n")
file(WRITE ${WORK_DIR}/db/other.c "int o;\n")
file(WRITE ${WORK_DIR}/db/compile_commands.json "[
 {\"directory\": \"${WORK_DIR}/db\", \"command\": \"clang -c known.c\", \"file\": \"known.c\"},
 {\"directory\": \"${WORK_DIR}/db\", \"command\": \"clang -c gone.c\", \"file\": \"gone.c\"}
]")
expect_run(2 "other.c: not in the compile database" ${DETASKLET} scan -p ${WORK_DIR}/db ${WORK_DIR}/db/other.c)
expect_run(1 "gone.c: error: cannot read" ${DETASKLET} scan -p ${WORK_DIR}/db)

file(REMOVE_RECURSE ${WORK_DIR})
