// SPDX-License-Identifier: GPL-2.0
/*
 * Linked into every module the model loads. The module is compiled with
 * PER_CPU_BASE_SECTION="model_percpu" (a C identifier, unlike the kernel's
 * ".data..percpu"), so the linker defines __start_/__stop_ symbols for it; the
 * model reads them here to give each simulated CPU its own copy of the section.
 * Weak, so a module without per-CPU variables reports an empty section.
 */
extern char __start_model_percpu[] __attribute__((weak, visibility("hidden")));
extern char __stop_model_percpu[] __attribute__((weak, visibility("hidden")));

void mdl_module_percpu(char **begin, char **end);

void mdl_module_percpu(char **begin, char **end)
{
	*begin = __start_model_percpu;
	*end = __stop_model_percpu;
}
