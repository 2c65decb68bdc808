// SPDX-License-Identifier: GPL-2.0-only
/// Convert tasklets to BH workqueues (Linux 6.9+): the Coccinelle peer of
/// detasklet, measured by bench/peers.sh.
///
/// The mapping (CONTEXT.md, "Upstream mapping"):
///
///   struct tasklet_struct               struct work_struct
///   tasklet_setup(t, cb)                INIT_WORK(t, cb)
///   tasklet_init(&p->f, fn, (ul)p)      INIT_WORK(&p->f, fn); fn takes the
///     (or &s.f with (ul)&s)             work item and gets p with from_work()
///   DECLARE_TASKLET[_OLD](n, cb)        DECLARE_WORK(n, cb)
///   tasklet_schedule(t)                 queue_work(system_bh_wq, t)
///   tasklet_hi_schedule(t)              queue_work(system_bh_highpri_wq, t)
///   tasklet_disable_nosync(t)           disable_work(t)
///   tasklet_disable[_in_atomic](t)      disable_work_sync(t)
///   tasklet_enable(t)                   enable_and_queue_work(<its queue>, t)
///   tasklet_kill(t)                     cancel_work_sync(t)  (never disable_work_sync)
///   from_tasklet(v, t, f)               from_work(v, t, f)
///   void cb(struct tasklet_struct *t)   void cb(struct work_struct *t)
///   + #include <linux/workqueue.h> after <linux/interrupt.h>
///
/// One queue per object: an object that is ever scheduled with
/// tasklet_hi_schedule() goes to system_bh_highpri_wq everywhere in the file
/// (its plain schedules and its enable too), never to both queues. "The same
/// object" is the same expression text.
///
/// All or nothing per file: a file is left alone when it uses something this
/// patch cannot map, since converting the rest would not compile:
///   - a tasklet_init() whose data is not the object holding the tasklet, or
///     whose callback is not in the file in the form "T *v = (cast)data;"
///     with no other use of data, or is also called directly;
///   - a DECLARE_TASKLET_OLD whose callback uses its data;
///   - DECLARE_TASKLET_DISABLED[_OLD]: it needs disable_work() in the init
///     function, and SmPL cannot put a statement after the declarations;
///   - tasklet internals: tasklet_trylock/unlock/unlock_wait/unlock_spin_wait,
///     TASKLET_STATE_*, fields of a tasklet_struct (by type where spatch
///     knows it, by a task/tlet field name where it does not).
/// Files are still handled one at a time: a header that declares the tasklet
/// is converted only if it is given to spatch too, whatever its users became.
/// Matching is syntactic and needs no header (--no-includes, as most of the
/// kernel's own API-migration semantic patches).
///
/// Confidence: Moderate. enable_and_queue_work() runs the work once more than
/// tasklet_enable() would when nothing was scheduled while disabled, and
/// cancel_work_sync() drops a pending run that tasklet_kill() would let run.
// Options: --no-includes --include-headers

virtual patch

// The probes record what they find in these tables, and the rewriting rules
// consult them through script constraints. No metavariable of a probe is
// inherited after the verdict (that would split the verdict into one per
// binding), and positions are only compared among probes (once a rule has
// rewritten the file, later rules see a new temporary file).
@initialize:python@
@@
legacy_cbs = set()    # legacy callbacks in the form we rewrite
legacy_inits = {}     # tasklet_init() callback -> container field (None: cannot)
legacy_ok = set()     # (line, column) of the tasklet_init() calls we rewrite
old_cbs = set()       # legacy callbacks that ignore their data
old_decls = set()     # callbacks of DECLARE_TASKLET_OLD

// Once per file, before anything else.
@script:python@
@@
for table in (legacy_cbs, legacy_inits, legacy_ok, old_cbs, old_decls):
    table.clear()

// ------------------------------------------------------------------ probes

@legacy_cb@
identifier fn, arg, v;
type T1, T2;
@@
  void fn(unsigned long arg)
  {
  ... when != arg
  T1 *v = (T2)arg;
  ... when != arg
  }

@script:python@
fn << legacy_cb.fn;
@@
legacy_cbs.add(fn)

@legacy_init@
expression P;
identifier F, fn;
type T;
position p;
@@
(
tasklet_init@p(&P->F, fn, (T)P);
|
tasklet_init@p(&P.F, fn, (T)&P);
)

@script:python@
fn << legacy_init.fn;
F << legacy_init.F;
p << legacy_init.p;
@@
if fn in legacy_cbs and legacy_inits.get(fn, F) == F:
    legacy_inits[fn] = F
    legacy_ok.add((p[0].line, p[0].column))
else:
    legacy_inits[fn] = None

@legacy_bad@
position p : script:python() { (p[0].line, p[0].column) not in legacy_ok };
@@
tasklet_init@p(...)

@legacy_called@
identifier fn;
position p : script:python(fn) { fn in legacy_inits };
expression list es;
@@
fn@p(es)

@old_cb@
identifier fn, arg;
@@
  void fn(unsigned long arg)
  {
  ... when != arg
  }

@script:python@
fn << old_cb.fn;
@@
old_cbs.add(fn)

@old_decl@
declarer name DECLARE_TASKLET_OLD;
identifier n, fn;
@@
DECLARE_TASKLET_OLD(n, fn);

@script:python old_bad@
fn << old_decl.fn;
@@
old_decls.add(fn)
if fn in old_cbs:
    cocci.include_match(False)

@disabled_decl@
declarer name DECLARE_TASKLET_DISABLED, DECLARE_TASKLET_DISABLED_OLD;
identifier n, fn;
@@
(
DECLARE_TASKLET_DISABLED(n, fn);
|
DECLARE_TASKLET_DISABLED_OLD(n, fn);
)

@internals@
struct tasklet_struct *t;
struct tasklet_struct s;
expression E;
identifier tf =~ "task|tlet";
identifier fld = {func, data, state, count, callback, use_callback};
position p : script:python() { not p[0].file.endswith("include/linux/interrupt.h") };
@@
(
tasklet_trylock@p(...)
|
tasklet_unlock@p(...)
|
tasklet_unlock_wait@p(...)
|
tasklet_unlock_spin_wait@p(...)
|
TASKLET_STATE_SCHED@p
|
TASKLET_STATE_RUN@p
|
t->fld@p
|
s.fld@p
|
E.tf.fld@p
|
E->tf.fld@p
)

@script:python blocked depends on legacy_bad || legacy_called || old_bad || disabled_decl || internals@
@@
pass

// ----------------------------------------------------------------- mapping

// Objects scheduled on the high-priority list somewhere in the file.
@hi depends on !blocked@
expression E;
@@
tasklet_hi_schedule(E)

@hi_queue depends on !blocked@
expression hi.E;
@@
(
- tasklet_hi_schedule(E)
+ queue_work(system_bh_highpri_wq, E)
|
- tasklet_schedule(E)
+ queue_work(system_bh_highpri_wq, E)
|
- tasklet_enable(E)
+ enable_and_queue_work(system_bh_highpri_wq, E)
)

@calls depends on !blocked@
expression E;
@@
(
- tasklet_schedule(E)
+ queue_work(system_bh_wq, E)
|
- tasklet_disable_nosync(E)
+ disable_work(E)
|
- tasklet_disable(E)
+ disable_work_sync(E)
|
- tasklet_disable_in_atomic(E)
+ disable_work_sync(E)
|
- tasklet_enable(E)
+ enable_and_queue_work(system_bh_wq, E)
|
- tasklet_kill(E)
+ cancel_work_sync(E)
)

@struct_type depends on !blocked@
@@
- struct tasklet_struct
+ struct work_struct

@setup depends on !blocked@
expression E, fn;
@@
- tasklet_setup(E, fn)
+ INIT_WORK(E, fn)

// The member may be a path (from_tasklet(dev, t, mt76.irq_tasklet)).
@from_fn depends on !blocked@
expression V, T, F;
@@
- from_tasklet(V, T, F)
+ from_work(V, T, F)

@declare depends on !blocked@
declarer name DECLARE_TASKLET, DECLARE_TASKLET_OLD, DECLARE_WORK;
identifier n, fn;
@@
(
- DECLARE_TASKLET(n, fn);
+ DECLARE_WORK(n, fn);
|
- DECLARE_TASKLET_OLD(n, fn);
+ DECLARE_WORK(n, fn);
)

// Not blocked: every tasklet_init() in the file has this form.
@legacy depends on !blocked@
expression P;
identifier F, fn;
type T;
@@
(
- tasklet_init(&P->F, fn, (T)P);
+ INIT_WORK(&P->F, fn);
|
- tasklet_init(&P.F, fn, (T)&P);
+ INIT_WORK(&P.F, fn);
)

// The callback of a rewritten tasklet_init(), and the field it belongs to.
@legacy_fn_found depends on !blocked@
identifier cb, arg;
position p : script:python(cb) { legacy_inits.get(cb) is not None };
@@
  void cb@p(unsigned long arg) { ... }

@script:python legacy_field@
callback << legacy_fn_found.cb;
F;
@@
coccinelle.F = cocci.make_ident(legacy_inits[callback])

@legacy_fn depends on !blocked@
identifier legacy_fn_found.cb, legacy_field.F, arg, v;
type T1, T2;
@@
- void cb(unsigned long arg)
+ void cb(struct work_struct *arg)
  {
  ... when != arg
- T1 *v = (T2)arg;
+ T1 *v = from_work(v, arg, F);
  ... when != arg
  }

@old_fn depends on !blocked@
identifier cb, arg;
position p : script:python(cb) { cb in old_decls };
@@
  void cb@p(
- unsigned long arg
+ struct work_struct *arg
  ) { ... }

// ----------------------------------------------------------------- include

@has_wq@
@@
#include <linux/workqueue.h>

@depends on !has_wq && (hi_queue || calls || struct_type || setup || from_fn || declare || legacy)@
@@
  #include <linux/interrupt.h>
+ #include <linux/workqueue.h>
