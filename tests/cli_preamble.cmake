# The shared precompiled preamble from the command line: scan and convert give
# the bytes they give without it; a TU that does not compile on top of it is
# parsed again without it and loses nothing; an edit to a preamble header
# reaches the result cache. Run by ctest with -P.
string(RANDOM LENGTH 8 suffix)
set(WORK_DIR "/tmp/detasklet-cli-preamble-${suffix}")
set(CORPUS ${WORK_DIR}/corpus)
file(REMOVE_RECURSE ${WORK_DIR})
file(COPY ${SOURCE_DIR}/test-corpus/ DESTINATION ${CORPUS} PATTERN expected EXCLUDE)
file(WRITE ${CORPUS}/compile_flags.txt
  "-nostdinc\n-isystem\n${SOURCE_DIR}/runtime/include\n-std=gnu11\n-D__KERNEL__\n")

# Runs detasklet; OUT gets stdout, ERR stderr.
function(run_detasklet)
  execute_process(COMMAND ${DETASKLET} ${ARGN} --cache-stats
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc GREATER 1)
    message(FATAL_ERROR "exit ${rc}: ${ARGN}\n${err}")
  endif()
  set(OUT "${out}" PARENT_SCOPE)
  set(ERR "${err}" PARENT_SCOPE)
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/expect_same.cmake)

function(expect_matches what regex text)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: expected /${regex}/ in:\n${text}")
  endif()
endfunction()

# The corpus: one group of TUs, one preamble, the same answers.
foreach(mode "scan;--format;json" "convert;--diff")
  run_detasklet(${mode} -j2 --no-cache --no-preamble -p ${CORPUS} ${CORPUS})
  set(REF "${OUT}")
  if(ERR MATCHES "shared preamble")
    message(FATAL_ERROR "--no-preamble still built one:\n${ERR}")
  endif()
  run_detasklet(${mode} -j2 --no-cache -p ${CORPUS} ${CORPUS})
  expect_same("${mode} on the preamble" "${REF}" "${OUT}")
  expect_matches("${mode}" "shared preamble: 1 built in [0-9.]+ s for [0-9]+ TUs; [1-9][0-9]* parsed on one, 0 parsed again" "${ERR}")
  run_detasklet(${mode} -j2 --no-cache --exact -p ${CORPUS} ${CORPUS})
  if(ERR MATCHES "shared preamble")
    message(FATAL_ERROR "--exact built a preamble:\n${ERR}")
  endif()
endforeach()

# A tree of its own: plat/holder.h and plat/idle.h hold tasklets, the latter
# one no TU uses, plat/quiet.h none. Three TUs include all three; clash.c
# includes holder.h only and defines a function quiet.h declares otherwise, so
# it does not compile on top of the preamble.
set(TREE ${WORK_DIR}/tree)
file(WRITE ${TREE}/compile_flags.txt
  "-nostdinc\n-isystem\n${SOURCE_DIR}/runtime/include\n-isystem\n${TREE}/include\n-std=gnu11\n-D__KERNEL__\n")
file(WRITE ${TREE}/include/plat/holder.h "#ifndef PLAT_HOLDER_H
#define PLAT_HOLDER_H
#include <linux/interrupt.h>
struct holder {
	struct tasklet_struct tl;
	int runs;
};
#endif
")
file(WRITE ${TREE}/include/plat/idle.h "#ifndef PLAT_IDLE_H
#define PLAT_IDLE_H
#include <linux/interrupt.h>
/* No TU uses it: only the declaration says it exists. */
struct idle_holder {
	struct tasklet_struct idle;
};
#endif
")
file(WRITE ${TREE}/include/plat/quiet.h "#ifndef PLAT_QUIET_H
#define PLAT_QUIET_H
int quiet_value(int x);
#endif
")
# A tasklet field whose header never says "tasklet": its type is a typedef.
file(WRITE ${TREE}/include/plat/bh.h "#ifndef PLAT_BH_H
#define PLAT_BH_H
#include <linux/interrupt.h>
typedef struct tasklet_struct plat_bh_t;
#endif
")
file(WRITE ${TREE}/include/plat/wrapped.h "#ifndef PLAT_WRAPPED_H
#define PLAT_WRAPPED_H
#include <plat/bh.h>
struct wrapped {
	plat_bh_t bh;
};
#endif
")
foreach(n 1 2 3)
  file(WRITE ${TREE}/t${n}.c "#include <plat/holder.h>
#include <plat/idle.h>
#include <plat/wrapped.h>
#include <plat/quiet.h>

static void t${n}_run(struct tasklet_struct *t)
{
	struct holder *h = from_tasklet(h, t, tl);

	h->runs += quiet_value(${n});
}

void t${n}_start(struct holder *h)
{
	tasklet_setup(&h->tl, t${n}_run);
	tasklet_schedule(&h->tl);
}
")
endforeach()
file(WRITE ${TREE}/clash.c "#include <plat/holder.h>

static long quiet_value(void)
{
	return 1;
}

void clash_kick(struct holder *h)
{
	h->runs += quiet_value();
	tasklet_schedule(&h->tl);
}
")

run_detasklet(scan --format json -j2 --no-cache --no-preamble -p ${TREE} ${TREE})
set(REF "${OUT}")
expect_matches("scan of the tree" "\"key\": \"field:include/plat/holder.h:struct holder::tl\"" "${REF}")
expect_matches("scan of the tree" "\"key\": \"field:include/plat/idle.h:struct idle_holder::idle\"" "${REF}")
expect_matches("scan of the tree" "\"key\": \"field:include/plat/wrapped.h:struct wrapped::bh\"" "${REF}")
run_detasklet(scan --format json -j2 --no-cache -p ${TREE} ${TREE})
expect_same("scan of the tree on the preamble" "${REF}" "${OUT}")
expect_matches("the clash" "1 built in [0-9.]+ s for 4 TUs; 3 parsed on one, 1 parsed again without it" "${ERR}")
if(OUT MATCHES "could not be analysed")
  message(FATAL_ERROR "a TU was lost:\n${OUT}")
endif()

# The cache: warm, all four; an edit to quiet.h, which only the preamble's
# users read, reparses those three.
run_detasklet(scan --format json -j2 -p ${TREE} ${TREE})
run_detasklet(scan --format json -j2 -p ${TREE} ${TREE})
expect_matches("warm run" "4 TUs: 4 from cache" "${ERR}")
file(APPEND ${TREE}/include/plat/quiet.h "/* edited */\n")
run_detasklet(scan --format json -j2 -p ${TREE} ${TREE})
expect_matches("after the edit" "4 TUs: 1 from cache" "${ERR}")
expect_same("scan after the edit" "${REF}" "${OUT}")

file(REMOVE_RECURSE ${WORK_DIR})
