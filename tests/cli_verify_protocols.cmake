# detasklet verify at protocol level (no --scenario), on the corpus: its verdict
# agrees with the one from building the corpus driver itself against the model,
# a seeded wrong mapping is worse on the right property, and the replay command
# it prints replays the violation. Run by ctest with -P.
string(RANDOM LENGTH 8 suffix)
set(WORK_DIR "/tmp/detasklet-cli-protocols-${suffix}")
file(MAKE_DIRECTORY ${WORK_DIR})
set(CORPUS ${SOURCE_DIR}/test-corpus)
set(SCENARIOS ${SOURCE_DIR}/runtime/scenarios)

function(run_verify out_rc out_text)
  execute_process(COMMAND ${DETASKLET} ${ARGN} WORKING_DIRECTORY ${CORPUS}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${out_rc} ${rc} PARENT_SCOPE)
  set(${out_text} "${out}\n${err}" PARENT_SCOPE)
endfunction()

# Objects the protocol abstraction refuses, with the reason it must give.
set(cannot_array-const "array of 2 tasklets")
set(cannot_percpu "per-CPU object")

file(GLOB scenario_files ${SCENARIOS}/*.c)
set(compared 0)
foreach(scenario ${scenario_files})
  get_filename_component(pattern ${scenario} NAME_WE)
  run_verify(rc_driver out_driver verify ${pattern} --scenario ${scenario})
  run_verify(rc_proto out_proto verify ${pattern} --scratch ${WORK_DIR}/protocols)
  if(out_proto MATCHES "incomplete|: error\n")
    message(FATAL_ERROR "${pattern}: the protocol-level check did not finish:\n${out_proto}")
  endif()
  if(out_driver MATCHES "nothing to verify")
    # Nothing converts: the protocol level has nothing to check either.
    if(out_proto MATCHES ": (same|worse|better|documented-difference|undocumented-difference|cannot-abstract)")
      message(FATAL_ERROR "${pattern}: nothing converts, yet the protocol level checked something:\n${out_proto}")
    endif()
    continue()
  endif()
  if(DEFINED cannot_${pattern})
    if(NOT out_proto MATCHES "cannot-abstract: ${cannot_${pattern}}")
      message(FATAL_ERROR "${pattern}: expected 'cannot-abstract: ${cannot_${pattern}}':\n${out_proto}")
    endif()
    continue()
  endif()
  if(out_proto MATCHES "cannot-abstract")
    message(FATAL_ERROR "${pattern}: unexpectedly not abstracted:\n${out_proto}")
  endif()
  # Acceptable (exit 0) at one level exactly when at the other.
  if(NOT ((rc_driver EQUAL 0 AND rc_proto EQUAL 0) OR (rc_driver EQUAL 1 AND rc_proto EQUAL 1)))
    message(FATAL_ERROR "${pattern}: driver-level exit ${rc_driver}, protocol-level exit ${rc_proto}\n"
                        "--- driver:\n${out_driver}\n--- protocol:\n${out_proto}")
  endif()
  math(EXPR compared "${compared} + 1")
endforeach()
# An ops table with two callbacks: each instance's callback is checked on its own.
run_verify(rc out verify ops-table --scratch ${WORK_DIR}/protocols)
if(NOT rc EQUAL 0 OR NOT out MATCHES "worst of 2 callbacks, each instance keeping its own: "
   OR NOT out MATCHES "quail_a_rx_tasklet documented-difference"
   OR NOT out MATCHES "quail_b_rx_tasklet documented-difference")
  message(FATAL_ERROR "ops-table: each callback is not checked on its own: exit ${rc}\n${out}")
endif()
if(compared LESS 12)
  message(FATAL_ERROR "only ${compared} patterns compared")
endif()

# Seeded wrong mappings: each is worse on the property it breaks, at both levels.
file(WRITE ${WORK_DIR}/enable.yaml "extends: bh\ncalls:\n  tasklet_enable: enable_work({t})\n")
file(WRITE ${WORK_DIR}/kill.yaml "extends: bh\ncalls:\n  tasklet_kill: disable_work_sync({t})\n")
file(WRITE ${WORK_DIR}/queues.yaml "extends: bh\ncalls:\n"
  "  tasklet_schedule: queue_work(system_bh_wq, {t})\n"
  "  tasklet_hi_schedule: queue_work(system_bh_highpri_wq, {t})\n")
# DECLARE_TASKLET_DISABLED as a plain DECLARE_WORK: the init call does not disable.
file(WRITE ${WORK_DIR}/nodisable.yaml "extends: bh\ndeclared_disabled_init: cancel_work({t})\n")
foreach(seed "enable;disable-enable;lost-run" "enable;declare-disabled;lost-run"
             "nodisable;declare-disabled;enable-underflow"
             "kill;setup-basic;lost-run" "queues;hi-and-normal;concurrent-run")
  list(GET seed 0 rules)
  list(GET seed 1 pattern)
  list(GET seed 2 property)
  run_verify(rc out verify ${pattern} --rules ${WORK_DIR}/${rules}.yaml --scratch ${WORK_DIR}/protocols)
  if(NOT rc EQUAL 1 OR NOT out MATCHES "    ${property}: WORSE")
    message(FATAL_ERROR "${rules} on ${pattern}: exit ${rc}, expected ${property} worse:\n${out}")
  endif()
  if(NOT out MATCHES "worse on ${property}: 1 objects")
    message(FATAL_ERROR "${rules} on ${pattern}: the summary does not count it:\n${out}")
  endif()
endforeach()

# The replay command of the last one replays that very violation.
string(REGEX MATCH "replay: ([^\n]+)" line "${out}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "no replay command:\n${out}")
endif()
separate_arguments(replay UNIX_COMMAND "${CMAKE_MATCH_1}")
execute_process(COMMAND ${replay} RESULT_VARIABLE rc OUTPUT_VARIABLE trace ERROR_VARIABLE err)
if(NOT trace MATCHES "VIOLATION concurrent-run" OR NOT trace MATCHES "model_choose\\(2\\) = ")
  message(FATAL_ERROR "the replay does not show the violation (exit ${rc}):\n${trace}\n${err}")
endif()
# A documented difference is shown by one execution: the enable's extra run.
run_verify(rc out verify disable-enable --scratch ${WORK_DIR}/protocols)
string(REGEX MATCH "extra-run-after-enable \\(conversion only\\)\n      shown by: ([^\n]+)" line "${out}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "no execution shows the extra run:\n${out}")
endif()
separate_arguments(witness UNIX_COMMAND "${CMAKE_MATCH_1}")
execute_process(COMMAND ${witness} RESULT_VARIABLE rc OUTPUT_VARIABLE trace ERROR_VARIABLE err)
if(NOT trace MATCHES "enable_and_queue_work: a run no schedule asked for")
  message(FATAL_ERROR "the witness does not show the extra run (exit ${rc}):\n${trace}\n${err}")
endif()

# A declared tasklet whose callback re-arms it: the abstract driver must
# declare the tasklet before the callback names it.
file(MAKE_DIRECTORY ${WORK_DIR}/rearm)
file(WRITE ${WORK_DIR}/rearm/compile_flags.txt
  "-nostdinc\n-isystem\n${SOURCE_DIR}/runtime/include\n-std=gnu11\n-D__KERNEL__\n")
file(WRITE ${WORK_DIR}/rearm/rearm.c [=[
#include <linux/interrupt.h>
#include <linux/module.h>

static int rearm_budget;

static void rearm_fn(struct tasklet_struct *t);
static DECLARE_TASKLET(rearm_tasklet, rearm_fn);

static void rearm_fn(struct tasklet_struct *t)
{
	if (--rearm_budget > 0)
		tasklet_schedule(&rearm_tasklet);
}

static int __init rearm_init(void)
{
	rearm_budget = 2;
	tasklet_schedule(&rearm_tasklet);
	return 0;
}

static void __exit rearm_exit(void)
{
	tasklet_kill(&rearm_tasklet);
}

module_init(rearm_init);
module_exit(rearm_exit);
MODULE_LICENSE("GPL");
]=])
run_verify(rc out verify ${WORK_DIR}/rearm --scratch ${WORK_DIR}/protocols)
if(NOT rc EQUAL 0 OR NOT out MATCHES "rearm_tasklet: (same|documented-difference)")
  message(FATAL_ERROR "a re-arming declared tasklet: exit ${rc}\n${out}")
endif()

# convert --check-semantics states the same verdicts in each patch's message:
# the default mapping's documented differences, and a wrong one's WORSE.
foreach(seed "bh;setup-basic;documented differences:\n?  ?cancel-dropped-pending"
             "${WORK_DIR}/kill.yaml;setup-basic;WORSE: lost-run")
  list(GET seed 0 rules)
  list(GET seed 1 pattern)
  list(GET seed 2 expected)
  if(rules STREQUAL "bh")
    set(rules_args --target bh)
  else()
    set(rules_args --rules ${rules})
  endif()
  file(REMOVE_RECURSE ${WORK_DIR}/patches)
  run_verify(rc out convert ${pattern} ${rules_args} --patch-dir ${WORK_DIR}/patches --check-semantics)
  file(GLOB patch ${WORK_DIR}/patches/*.patch)
  if(NOT rc EQUAL 0 OR NOT patch)
    message(FATAL_ERROR "convert --check-semantics on ${pattern}: exit ${rc}\n${out}")
  endif()
  file(READ ${patch} message)
  if(NOT message MATCHES "Semantics checked with detasklet verify"
     OR NOT message MATCHES "- struct acme_uart::rx_tasklet: ${expected}")
    message(FATAL_ERROR "${pattern} with ${rules}: the patch does not say '${expected}':\n${message}")
  endif()
endforeach()
run_verify(rc out convert setup-basic --diff --check-semantics)
if(NOT rc EQUAL 2 OR NOT out MATCHES "--check-semantics needs --patch-dir")
  message(FATAL_ERROR "--check-semantics without --patch-dir: exit ${rc}\n${out}")
endif()
# A TU that does not parse is named and skipped, the others are verified, and
# the run says it is partial (exit 1), as scan does.
set(partial ${WORK_DIR}/partial)
file(MAKE_DIRECTORY ${partial})
file(COPY ${CORPUS}/setup-basic/acme_uart.c DESTINATION ${partial})
file(WRITE ${partial}/compile_flags.txt
     "-nostdinc\n-isystem\n${SOURCE_DIR}/runtime/include\n-std=gnu11\n-D__KERNEL__\n")
file(WRITE ${partial}/broken.c "#include <linux/interrupt.h>\nstatic struct tasklet_struct t = ;\n")
execute_process(COMMAND ${DETASKLET} verify . WORKING_DIRECTORY ${partial}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}\n${err}")
if(NOT rc EQUAL 1 OR NOT out MATCHES "broken.c skipped, its objects are not verified"
   OR NOT out MATCHES "acme_uart::rx_tasklet: documented-difference"
   OR NOT out MATCHES "1 translation unit could not be parsed")
  message(FATAL_ERROR "verify with a TU that does not parse: exit ${rc}\n${out}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})

# verify --series: detasklet's own series gets the verdicts of its plan; a
# series converting otherwise is checked from the code it leaves (a seeded
# mistake there is worse, a series that leaves the tasklet is not checked);
# objects the series does not touch are left out; a series made against
# other sources is refused.
set(SERIES ${WORK_DIR}/series)
execute_process(COMMAND ${DETASKLET} convert setup-basic --patch-dir ${SERIES}
  WORKING_DIRECTORY ${CORPUS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(GLOB patches ${SERIES}/*.patch)
list(LENGTH patches npatches)
if(NOT rc EQUAL 0 OR NOT npatches EQUAL 1)
  message(FATAL_ERROR "convert --patch-dir setup-basic: exit ${rc}, ${npatches} patches\n${err}")
endif()
run_verify(rc_plan out_plan verify setup-basic --scratch ${WORK_DIR}/protocols)
run_verify(rc_series out_series verify setup-basic disable-enable --series ${SERIES}
           --scratch ${WORK_DIR}/protocols)
string(REGEX MATCHALL "[^\n]*: (same|worse|better|documented-difference)[^\n]*" plan_verdicts "${out_plan}")
string(REGEX MATCHALL "[^\n]*: (same|worse|better|documented-difference)[^\n]*" series_verdicts "${out_series}")
if(NOT rc_series EQUAL rc_plan OR NOT plan_verdicts OR NOT plan_verdicts STREQUAL series_verdicts
   OR NOT out_series MATCHES "series: [^\n]*; 0 objects checked from the code it leaves; [1-9][0-9]* scanned objects it does not touch are left out")
  message(FATAL_ERROR "verify --series on detasklet's own series: exit ${rc_series} (plan: ${rc_plan})\n"
                      "--- plan:\n${out_plan}\n--- series:\n${out_series}")
endif()

# The whole corpus' own series, read back from the code it leaves: every
# object gets the verdict the plan's abstract conversion gets.
execute_process(COMMAND ${DETASKLET} convert . --patch-dir ${WORK_DIR}/all
  WORKING_DIRECTORY ${CORPUS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
run_verify(rc_plan out_plan verify . --series ${WORK_DIR}/all --scratch ${WORK_DIR}/protocols)
run_verify(rc_code out_code verify . --series ${WORK_DIR}/all --series-from-code
           --scratch ${WORK_DIR}/protocols)
set(verdict_line "[^\n]*: (same|worse|better|documented-difference|undocumented-difference|not-checked|cannot-abstract|error|incomplete)")
string(REGEX MATCHALL "${verdict_line}" plan_verdicts "${out_plan}")
string(REGEX MATCHALL "${verdict_line}" code_verdicts "${out_code}")
list(LENGTH code_verdicts ncode)
if(NOT rc_code EQUAL rc_plan OR NOT plan_verdicts STREQUAL code_verdicts OR ncode LESS 15
   OR NOT out_code MATCHES "series: [^\n]*; ${ncode} objects checked from the code it leaves")
  message(FATAL_ERROR "the corpus' own series read from its code disagrees with the plan: exit "
                      "${rc_code} (plan: ${rc_plan})\n--- plan:\n${out_plan}\n--- code:\n${out_code}")
endif()

# Seeded hand edits, each reported worse on the property it breaks: teardown
# cancels without waiting (the device structure is freed under a running
# callback); an enable that does not queue loses the run a schedule made while
# disabled; a kill written as a disable drops every later queue (usbnet); a
# DECLARE_TASKLET_DISABLED whose disabled state is dropped underflows at its
# first enable; hi and normal schedules on two queues run twice at once.
# verify --series on one patch with the given text, against one pattern.
function(verify_one_patch out_rc out_text pattern patch_text)
  file(REMOVE_RECURSE ${WORK_DIR}/edited)
  file(WRITE ${WORK_DIR}/edited/0001-edited.patch "${patch_text}")
  run_verify(rc out verify ${pattern} --series ${WORK_DIR}/edited --scratch ${WORK_DIR}/protocols)
  set(${out_rc} ${rc} PARENT_SCOPE)
  set(${out_text} "${out}" PARENT_SCOPE)
endfunction()

list(GET patches 0 patch)
file(READ ${patch} text)
foreach(seed "setup-basic;+	cancel_work_sync(;+	cancel_work(;use-after-free"
             "disable-enable;+	enable_and_queue_work(system_bh_wq, &oe->rx_bh_work)\;;+	enable_work(&oe->rx_bh_work)\;;lost-run"
             "setup-basic;+	cancel_work_sync(;+	disable_work_sync(;lost-run"
             "declare-disabled;+	disable_work(&gate_tasklet)\;;+;enable-underflow"
             "hi-and-normal;-		tasklet_schedule(&na->period_tasklet)\;\n+		queue_work(system_bh_highpri_wq,;-		tasklet_schedule(&na->period_tasklet)\;\n+		queue_work(system_bh_wq,;concurrent-run")
  list(GET seed 0 pattern)
  list(GET seed 1 from)
  list(GET seed 2 to)
  list(GET seed 3 property)
  file(GLOB own ${WORK_DIR}/all/*-${pattern}-*.patch)
  file(READ ${own} original)
  string(REPLACE "${from}" "${to}" edited "${original}")
  if(edited STREQUAL original)
    message(FATAL_ERROR "the ${pattern} series has no '${from}' line to edit:\n${original}")
  endif()
  verify_one_patch(rc out ${pattern} "${edited}")
  if(NOT rc EQUAL 1 OR NOT out MATCHES ": worse\n" OR NOT out MATCHES "    ${property}: WORSE"
     OR NOT out MATCHES "as the series converts it" OR NOT out MATCHES "replay: ")
    message(FATAL_ERROR "${pattern} with '${from}' made '${to}': expected ${property} worse, "
                        "exit ${rc}\n${out}")
  endif()
endforeach()

# A series that drops the kill altogether: nothing to explore shows it, so it
# is named, not compared.
string(REPLACE "+	cancel_work_sync(&up->rx_bh_work);" "+" dropped "${text}")
verify_one_patch(rc out setup-basic "${dropped}")
if(dropped STREQUAL text OR NOT rc EQUAL 1 OR NOT out MATCHES
   "not-checked: the series converts it without a counterpart for kill in acme_uart_remove\\(\\)")
  message(FATAL_ERROR "a series dropping the kill is not reported: exit ${rc}\n${out}")
endif()

# A series that touches the file but leaves the tasklet a tasklet: it adds
# one comment line at the top.
file(READ ${CORPUS}/setup-basic/acme_uart.c source)
string(REGEX MATCH "^([^\n]*)\n([^\n]*)\n([^\n]*)\n" head "${source}")
string(CONCAT include_only "--- a/setup-basic/acme_uart.c\n+++ b/setup-basic/acme_uart.c\n@@ -1,3 +1,4 @@\n"
                     "+/* still a tasklet */\n ${CMAKE_MATCH_1}\n ${CMAKE_MATCH_2}\n ${CMAKE_MATCH_3}\n")
verify_one_patch(rc out setup-basic "${include_only}")
if(NOT rc EQUAL 1 OR NOT out MATCHES "not-checked: the series leaves no work_struct declared where it was")
  message(FATAL_ERROR "a series leaving the tasklet is not reported not checked: exit ${rc}\n${out}")
endif()

string(REPLACE "\n 	" "\n 	/* not in the tree */ " stale "${text}")
file(MAKE_DIRECTORY ${WORK_DIR}/stale)
file(WRITE ${WORK_DIR}/stale/0001-stale.patch "${stale}")
run_verify(rc out verify setup-basic --series ${WORK_DIR}/stale --scratch ${WORK_DIR}/protocols)
if(NOT rc EQUAL 2 OR NOT out MATCHES "0001-stale.patch:[0-9]+: hunk @@ [^\n]* does not apply to setup-basic/")
  message(FATAL_ERROR "a series made against other sources is not refused: exit ${rc}\n${out}")
endif()
