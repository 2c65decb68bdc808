// The collectors on small in-memory drivers: one behaviour per test.
#include "TestSupport.h"

#include "gtest/gtest.h"

#include <algorithm>

using namespace detasklet;
using namespace detasklet::test;

namespace {

const char *Prelude = R"c(
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/percpu.h>
)c";

std::string withPrelude(const std::string &Body) { return Prelude + Body; }

TEST(Matchers, FieldObjectWithSetupScheduleKillAndFromTasklet) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct foo { int x; struct tasklet_struct tl; };
static void foo_cb(struct tasklet_struct *t)
{
	struct foo *f = from_tasklet(f, t, tl);
	f->x++;
}
void foo_probe(struct foo *f) { tasklet_setup(&f->tl, foo_cb); }
void foo_irq(struct foo *f) { tasklet_schedule(&f->tl); }
void foo_remove(struct foo *f) { tasklet_kill(&f->tl); }
)c"));
  ASSERT_EQ(Inv.Objects.size(), 1u);
  const ObjectReport &O = Inv.Objects[0];
  EXPECT_EQ(O.Decl.Key, "field:drv.c:struct foo::tl");
  EXPECT_EQ(O.Decl.Kind, ObjectKind::Field);
  EXPECT_EQ(countUses(O, UseKind::InitSetup), 1u);
  EXPECT_EQ(countUses(O, UseKind::Schedule), 1u);
  EXPECT_EQ(countUses(O, UseKind::Kill), 1u);
  // from_tasklet() reaches the object through the callback's parameter.
  EXPECT_EQ(countUses(O, UseKind::FromTasklet), 1u);
  ASSERT_EQ(O.Callbacks.size(), 1u);
  EXPECT_EQ(O.Callbacks[0].Name, "foo_cb");
  EXPECT_FALSE(O.Callbacks[0].Legacy);
  EXPECT_TRUE(O.convertible());
  EXPECT_TRUE(hasNote(O, "kill-drops-pending"));
}

TEST(Matchers, LegacyDataContainerConstantAndForeign) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct port { int n; };
struct a { struct tasklet_struct tl; };
struct b { struct tasklet_struct tl; struct port *port; };
struct c { struct { struct tasklet_struct tl; } sub; };
static void a_fn(unsigned long data) { struct a *p = (struct a *)data; (void)p; }
static void b_fn(unsigned long data) { ((struct port *)data)->n++; }
static void c_fn(unsigned long data) { (void)data; }
void init_a(struct a *p) { tasklet_init(&p->tl, a_fn, (unsigned long)p); }
void init_b(struct b *p) { tasklet_init(&p->tl, b_fn, (unsigned long)p->port); }
void init_c(struct c *p) { tasklet_init(&p->sub.tl, c_fn, (unsigned long)&p->sub); }
)c"));
  auto DataOf = [&](const std::string &Record) {
    for (const ObjectReport &O : Inv.Objects)
      if (O.Decl.Record == Record)
        if (const Use *U = firstUse(O, UseKind::InitLegacy))
          return U->Data;
    return LegacyData::None;
  };
  EXPECT_EQ(DataOf("struct a"), LegacyData::Container);
  EXPECT_EQ(DataOf("struct b"), LegacyData::Foreign);
  EXPECT_EQ(DataOf("struct c::struct (anonymous at line 10)"), LegacyData::Container);
  // Foreign data moves into a field beside the work item.
  for (const ObjectReport &O : Inv.Objects)
    if (O.Decl.Record == "struct b") {
      EXPECT_TRUE(O.convertible());
      EXPECT_TRUE(hasNote(O, "legacy-data-field"));
    }
}

TEST(Matchers, ForeignDataNeedsOneNamedFieldToMoveInto) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct port { int n; };
struct q { struct tasklet_struct tl[2]; struct port *port; };
static struct tasklet_struct lone;
static void q_fn(unsigned long data) { ((struct port *)data)->n++; }
static void lone_fn(unsigned long data) { ((struct port *)data)->n++; }
void init_q(struct q *p) { tasklet_init(&p->tl[0], q_fn, (unsigned long)p->port); }
void init_lone(struct port *port) { tasklet_init(&lone, lone_fn, (unsigned long)port); }
)c"));
  // An array would need one data field per element; a variable has no structure.
  for (const char *Name : {"tl", "lone"}) {
    const ObjectReport *O = findObject(Inv, Name);
    ASSERT_TRUE(O) << Name;
    EXPECT_TRUE(hasReason(*O, "legacy-data-not-container")) << Name;
    EXPECT_FALSE(hasNote(*O, "legacy-data-field")) << Name;
  }
}

TEST(Matchers, ForeignDataIsFineWhenTheCallbackIgnoresIt) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct b { struct tasklet_struct tl; void *other; };
static void b_fn(unsigned long data) { }
void init_b(struct b *p) { tasklet_init(&p->tl, b_fn, (unsigned long)p->other); }
void kick(struct b *p) { tasklet_schedule(&p->tl); }
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  EXPECT_FALSE(hasReason(*O, "legacy-data-not-container"));
  EXPECT_TRUE(hasNote(*O, "legacy-init"));
}

TEST(Matchers, DeclareMacrosAreInitsWithTheirCallback) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
static void cb(struct tasklet_struct *t) { }
static void old_fn(unsigned long data) { }
static DECLARE_TASKLET_DISABLED(dis, cb);
DECLARE_TASKLET_OLD(old, old_fn);
void go(void) { tasklet_enable(&dis); tasklet_schedule(&dis); tasklet_hi_schedule(&old); }
)c"));
  const ObjectReport *Dis = findObject(Inv, "dis");
  const ObjectReport *Old = findObject(Inv, "old");
  ASSERT_TRUE(Dis && Old);
  EXPECT_EQ(Dis->Decl.Kind, ObjectKind::Static);
  EXPECT_EQ(Old->Decl.Kind, ObjectKind::Global);
  EXPECT_EQ(countUses(*Dis, UseKind::DeclareDisabled), 1u);
  EXPECT_EQ(countUses(*Old, UseKind::DeclareOld), 1u);
  ASSERT_EQ(Dis->Callbacks.size(), 1u);
  EXPECT_EQ(Dis->Callbacks[0].Name, "cb");
  EXPECT_TRUE(hasNote(*Dis, "declared-disabled"));
  EXPECT_TRUE(hasNote(*Dis, "enable-extra-run"));
  EXPECT_TRUE(hasNote(*Old, "scheduled-hi"));
  EXPECT_TRUE(Dis->convertible());
  EXPECT_TRUE(Old->convertible());
}

TEST(Matchers, DriverMacroIsAttributedToExpansionAndDefinition) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct ch { struct tasklet_struct tl; };
#define KICK(c) tasklet_schedule(&(c)->tl)
static void cb(struct tasklet_struct *t) { }
void init(struct ch *c) { tasklet_setup(&c->tl, cb); }
void irq(struct ch *c)
{
	KICK(c);
}
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  const Use *U = firstUse(*O, UseKind::Schedule);
  ASSERT_TRUE(U);
  EXPECT_EQ(U->Site.Where.Line, 13u);    // the KICK(c) line
  EXPECT_EQ(U->Site.Spelling.Line, 8u);  // the #define line
  ASSERT_EQ(U->Site.Macros.size(), 1u);
  EXPECT_EQ(U->Site.Macros[0].Name, "KICK");
  EXPECT_EQ(U->Site.Macros[0].Definition.Line, 8u);
  EXPECT_TRUE(hasNote(*O, "through-driver-macro"));
  // A call written in the file, only passed through someone's macro argument,
  // is not "through a driver macro".
  const Use *Init = firstUse(*O, UseKind::InitSetup);
  ASSERT_TRUE(Init);
  EXPECT_TRUE(Init->Site.Macros.empty());
}

TEST(Matchers, PerCpuTaskletIsFollowedThroughAccessors) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
static DEFINE_PER_CPU(struct tasklet_struct, pc_tl);
static void cb(struct tasklet_struct *t) { }
void init(int cpu) { tasklet_setup(&per_cpu(pc_tl, cpu), cb); }
void kick(void) { tasklet_schedule(this_cpu_ptr(&pc_tl)); }
)c"));
  const ObjectReport *O = findObject(Inv, "pc_tl");
  ASSERT_TRUE(O);
  EXPECT_EQ(O->Decl.Kind, ObjectKind::PerCpu);
  EXPECT_EQ(countUses(*O, UseKind::InitSetup), 1u);
  EXPECT_EQ(countUses(*O, UseKind::Schedule), 1u);
  EXPECT_EQ(countUses(*O, UseKind::EscapeUntyped), 0u);
  EXPECT_TRUE(O->convertible());
  EXPECT_TRUE(Inv.Unattached.empty());
}

TEST(Matchers, ArrayIndexConstantOrRuntime) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct q { struct tasklet_struct bh[2]; struct tasklet_struct rx[4]; };
static void cb(struct tasklet_struct *t) { }
void init(struct q *q, int n)
{
	tasklet_setup(&q->bh[0], cb);
	tasklet_setup(&q->bh[1], cb);
	tasklet_setup(&q->rx[0], cb);
	tasklet_schedule(&q->rx[n]);
}
)c"));
  const ObjectReport *Bh = findObject(Inv, "bh");
  const ObjectReport *Rx = findObject(Inv, "rx");
  ASSERT_TRUE(Bh && Rx);
  EXPECT_EQ(Bh->Decl.ArraySize, 2u);
  EXPECT_EQ(firstUse(*Bh, UseKind::InitSetup)->Index, "0");
  EXPECT_FALSE(hasReason(*Bh, "array-runtime-index"));
  EXPECT_TRUE(hasReason(*Rx, "array-runtime-index"));
}

TEST(Matchers, AddressInVoidPointerIsUntypedEscape) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct holder { void *cookie; };
struct dev { struct tasklet_struct tl; struct holder h; };
static void cb(struct tasklet_struct *t) { }
void init(struct dev *d) { tasklet_setup(&d->tl, cb); d->h.cookie = &d->tl; }
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  EXPECT_EQ(countUses(*O, UseKind::EscapeUntyped), 1u);
  EXPECT_TRUE(hasReason(*O, "address-escapes-untyped"));
}

TEST(Matchers, TypedHelperJoinsItsCallersIntoOneGroup) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct link { struct tasklet_struct rx; struct tasklet_struct err; };
static void kick(struct tasklet_struct *t) { tasklet_schedule(t); }
static void cb(struct tasklet_struct *t) { }
void init(struct link *l) { tasklet_setup(&l->rx, cb); tasklet_setup(&l->err, cb); }
void irq(struct link *l) { kick(&l->rx); kick(&l->err); }
)c"));
  const ObjectReport *Rx = findObject(Inv, "rx");
  ASSERT_TRUE(Rx);
  EXPECT_EQ(countUses(*Rx, UseKind::EscapeParam), 1u);
  // The schedule inside kick() is reached through its parameter.
  EXPECT_EQ(countUses(*Rx, UseKind::Schedule), 1u);
  ASSERT_EQ(Rx->ConvertedWith.size(), 1u);
  EXPECT_EQ(Rx->ConvertedWith[0], "field:drv.c:struct link::err");
  EXPECT_TRUE(Rx->convertible());
}

TEST(Matchers, HelperWithoutBodyBlocksTheConversion) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct dev { struct tasklet_struct tl; };
extern void subsys_register(struct tasklet_struct *t);
static void cb(struct tasklet_struct *t) { }
void init(struct dev *d) { tasklet_setup(&d->tl, cb); subsys_register(&d->tl); }
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  EXPECT_TRUE(hasReason(*O, "escapes-to-unseen-function"));
}

TEST(Matchers, InternalsAreFoundWhereverTheyAre) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
#include <linux/bitops.h>
struct dev { struct tasklet_struct tl; };
static void cb(struct tasklet_struct *t)
{
	if (!tasklet_trylock(t))
		return;
	tasklet_unlock(t);
}
int busy(struct dev *d)
{
	tasklet_setup(&d->tl, cb);
	return test_bit(TASKLET_STATE_SCHED, &d->tl.state);
}
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  EXPECT_EQ(countUses(*O, UseKind::InternalsTrylock), 1u);
  EXPECT_EQ(countUses(*O, UseKind::InternalsUnlock), 1u);
  EXPECT_EQ(countUses(*O, UseKind::InternalsStateBit), 1u);
  EXPECT_EQ(countUses(*O, UseKind::InternalsField), 1u);
  EXPECT_TRUE(hasReason(*O, "internals-accessed"));
}

TEST(Matchers, DirectCallsOnlyOfRealCallbacks) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct dev { struct tasklet_struct tl; };
static void cb(unsigned long data) { }
static void unrelated(unsigned long data) { }
void init(struct dev *d) { tasklet_init(&d->tl, cb, (unsigned long)d); }
void poll(struct dev *d) { cb((unsigned long)d); unrelated(0); }
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  ASSERT_EQ(countUses(*O, UseKind::CallbackCall), 1u);
  EXPECT_EQ(firstUse(*O, UseKind::CallbackCall)->Callee, "cb");
  EXPECT_TRUE(hasNote(*O, "direct-callback-call"));
}

TEST(Matchers, UnevaluatedReferencesAreNotUses) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct dev { struct tasklet_struct tl; };
static void cb(struct tasklet_struct *t) { }
unsigned long sz(struct dev *d) { tasklet_setup(&d->tl, cb); return sizeof(d->tl); }
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  EXPECT_EQ(O->Uses.size(), 1u);
}

TEST(Matchers, SameTagInTwoFilesIsTwoObjects) {
  InventoryBuilder B("/virtual");
  const char *Code = R"c(
#include <linux/interrupt.h>
struct priv { struct tasklet_struct tl; };
static void cb(struct tasklet_struct *t) { }
void init(struct priv *p) { tasklet_setup(&p->tl, cb); }
)c";
  B.add(collect(Code, "one.c"));
  B.add(collect(Code, "two.c"));
  Inventory Inv = B.finish();
  EXPECT_EQ(Inv.Objects.size(), 2u);
}

TEST(Matchers, StructInSharedHeaderMergesAcrossTus) {
  std::map<std::string, std::string> Header = {{"shared.h", R"c(
#include <linux/interrupt.h>
struct dev { struct tasklet_struct tl; };
)c"}};
  InventoryBuilder B("/virtual");
  B.add(collect(R"c(
#include "shared.h"
static void cb(struct tasklet_struct *t) { }
void init(struct dev *d) { tasklet_setup(&d->tl, cb); }
)c",
                "core.c", Header));
  B.add(collect(R"c(
#include "shared.h"
void irq(struct dev *d) { tasklet_schedule(&d->tl); }
)c",
                "irq.c", Header));
  Inventory Inv = B.finish();
  ASSERT_EQ(Inv.Objects.size(), 1u);
  const ObjectReport &O = Inv.Objects[0];
  EXPECT_EQ(O.Decl.Declared.File, "shared.h");
  EXPECT_EQ(countUses(O, UseKind::InitSetup), 1u);
  EXPECT_EQ(countUses(O, UseKind::Schedule), 1u);
  EXPECT_TRUE(O.convertible());
}

TEST(Matchers, LocalTaskletIsOnStackManual) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
static void cb(struct tasklet_struct *t) { }
void selftest(void)
{
	struct tasklet_struct t;

	tasklet_setup(&t, cb);
	tasklet_schedule(&t);
	tasklet_kill(&t);
}
)c"));
  const ObjectReport *O = findObject(Inv, "t");
  ASSERT_TRUE(O);
  EXPECT_EQ(O->Decl.Kind, ObjectKind::Local);
  EXPECT_EQ(O->Decl.Function, "selftest");
  EXPECT_TRUE(hasReason(*O, "on-stack"));
}

TEST(Matchers, UnknownPointerSourceIsUnattached) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
void kick(unsigned long cookie) { tasklet_schedule((struct tasklet_struct *)cookie); }
)c"));
  EXPECT_TRUE(Inv.Objects.empty());
  ASSERT_EQ(Inv.Unattached.size(), 1u);
  EXPECT_EQ(Inv.Unattached[0].Kind, UseKind::Schedule);
}

} // namespace

namespace {

TEST(Matchers, CallbackDefinedInAnotherTuIsSeen) {
  std::map<std::string, std::string> Header = {{"ev.h", R"c(
#include <linux/interrupt.h>
struct ev { struct tasklet_struct task; int n; };
void ev_task(unsigned long data);
)c"}};
  InventoryBuilder B("/virtual");
  B.add(collect("#include \"ev.h\"\n"
                "void ev_init(struct ev *e) { tasklet_init(&e->task, ev_task, (unsigned long)e); }\n",
                "init.c", Header));
  B.add(collect("#include \"ev.h\"\n"
                "void ev_task(unsigned long data) { ((struct ev *)data)->n++; }\n"
                "void not_a_callback(unsigned long data) { }\n",
                "main.c", Header));
  Inventory Inv = B.finish();
  const ObjectReport *O = findObject(Inv, "task");
  ASSERT_TRUE(O);
  ASSERT_EQ(O->Callbacks.size(), 1u);
  EXPECT_TRUE(O->Callbacks[0].Defined);
  EXPECT_TRUE(O->Callbacks[0].ParamUsed);
  EXPECT_TRUE(O->convertible()) << O->Reasons[0].Code;
}

TEST(Matchers, RawScheduleIsInternals) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
extern void __tasklet_schedule(struct tasklet_struct *t);
struct s { struct tasklet_struct x; };
static void cb(struct tasklet_struct *t) { }
void go(struct s *s) { tasklet_setup(&s->x, cb); __tasklet_schedule(&s->x); }
)c"));
  const ObjectReport *O = findObject(Inv, "x");
  ASSERT_TRUE(O);
  EXPECT_EQ(countUses(*O, UseKind::InternalsRawSchedule), 1u);
  EXPECT_TRUE(hasReason(*O, "internals-accessed"));
}

TEST(Matchers, PrintingTheAddressIsNotAnEscape) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct s { struct tasklet_struct x; };
static void cb(struct tasklet_struct *t) { }
void go(struct s *s) { tasklet_setup(&s->x, cb); printk("tasklet at %p\n", &s->x); }
)c"));
  const ObjectReport *O = findObject(Inv, "x");
  ASSERT_TRUE(O);
  EXPECT_EQ(countUses(*O, UseKind::AddressVariadic), 1u);
  EXPECT_TRUE(O->convertible());
}


TEST(Matchers, UsesKnowTheirFunctionAndTheModuleInitIsFound) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
#include <linux/module.h>
#include <linux/init.h>
static void cb(struct tasklet_struct *t) { }
static DECLARE_TASKLET_DISABLED(gate, cb);
void kick(void) { tasklet_schedule(&gate); }
static int __init drv_init(void)
{
	int ret = 0;

	tasklet_enable(&gate);
	return ret;
}
static int __init other_init(void) { return 0; }
module_init(drv_init);
)c"));
  const ObjectReport *O = findObject(Inv, "gate");
  ASSERT_TRUE(O);
  const Use *Kick = firstUse(*O, UseKind::Schedule);
  const Use *Enable = firstUse(*O, UseKind::Enable);
  const Use *Declare = firstUse(*O, UseKind::DeclareDisabled);
  ASSERT_TRUE(Kick && Enable && Declare);
  EXPECT_EQ(Kick->Function, "kick");
  EXPECT_EQ(Enable->Function, "drv.c:drv_init");
  EXPECT_EQ(Declare->Function, "");
  auto Init = Inv.Functions.find("drv.c:drv_init");
  ASSERT_NE(Init, Inv.Functions.end());
  EXPECT_TRUE(Init->second.Init);
  EXPECT_TRUE(Init->second.ModuleInit);
  // Before "tasklet_enable", after the declarations and their blank line.
  EXPECT_TRUE(Init->second.BodyStart.valid());
  EXPECT_EQ(Init->second.BodyIndent, "\t");
  ASSERT_TRUE(Inv.Functions.count("kick"));
  EXPECT_FALSE(Inv.Functions.at("kick").Init);
  // An __init function without a use is not worth keeping.
  EXPECT_FALSE(Inv.Functions.count("drv.c:other_init"));
}


TEST(Matchers, DataIsTheContainerThroughALocalAliasOfItsMember) {
  // mt76: the tasklet sits in an embedded core struct reached through a local
  // pointer, and the data is the outer device.
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct core { int x; struct tasklet_struct irq_tl; };
struct dev { int y; struct core core; };
struct dev *alloc_dev(void);
static void fn(unsigned long data) { struct dev *d = (struct dev *)data; d->y++; }
void probe_a(struct dev *d) {
	struct core *c = &d->core;
	tasklet_init(&c->irq_tl, fn, (unsigned long)d);
}
void probe_b(struct core *c) {
	struct dev *d;
	d = container_of(c, struct dev, core);
	tasklet_init(&c->irq_tl, fn, (unsigned long)d);
}
void probe_c(struct core *c, struct dev *d) {
	tasklet_init(&c->irq_tl, fn, (unsigned long)d);
}
)c"));
  const ObjectReport *O = findObject(Inv, "irq_tl");
  ASSERT_TRUE(O);
  std::vector<std::pair<LegacyData, std::string>> Seen;
  for (const Use &U : O->Uses)
    if (U.Kind == UseKind::InitLegacy)
      Seen.push_back({U.Data, U.ContainerPath});
  ASSERT_EQ(Seen.size(), 3u);
  EXPECT_EQ(Seen[0], std::make_pair(LegacyData::Container, std::string("core.irq_tl")));
  EXPECT_EQ(Seen[1], std::make_pair(LegacyData::Container, std::string("core.irq_tl")));
  // Unrelated pointers: nothing says c is inside d.
  EXPECT_EQ(Seen[2].first, LegacyData::Foreign);
}

TEST(Matchers, ReassignedAliasIsNotTrusted) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct core { struct tasklet_struct irq_tl; };
struct dev { struct core core; struct core spare; };
static void fn(unsigned long data) { struct dev *d = (struct dev *)data; (void)d; }
void probe(struct dev *d, int which) {
	struct core *c = &d->core;
	if (which)
		c = &d->spare;
	tasklet_init(&c->irq_tl, fn, (unsigned long)d);
}
)c"));
  const ObjectReport *O = findObject(Inv, "irq_tl");
  ASSERT_TRUE(O);
  const Use *Init = firstUse(*O, UseKind::InitLegacy);
  ASSERT_TRUE(Init);
  EXPECT_EQ(Init->Data, LegacyData::Foreign);
}

TEST(Matchers, ExportedCallbackRedeclarationHasNoParameterToEdit) {
  // EXPORT_SYMBOL(fn) redeclares fn through typeof: only written signatures count.
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct s { struct tasklet_struct tl; };
void fn(unsigned long data);
void fn(unsigned long data) { }
extern typeof(fn) fn;
void go(struct s *p) { tasklet_init(&p->tl, fn, (unsigned long)p); }
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  ASSERT_EQ(O->Callbacks.size(), 1u);
  EXPECT_EQ(O->Callbacks[0].Params.size(), 2u);
}


TEST(Matchers, VoidParameterUsedOnlyAsATaskletCarriesIt) {
  // dma-axi-dmac: devm_add_action_or_reset(dev, kill, &chan->task) later calls
  // kill(&chan->task), which only hands its void * to tasklet_kill().
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct device;
int __devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data,
			       const char *name);
struct chan { struct tasklet_struct task; };
struct other { struct tasklet_struct task; };
static void chan_cb(struct tasklet_struct *t) { }
static void other_cb(struct tasklet_struct *t) { }
static void chan_kill(void *task) { tasklet_kill(task); }
static void other_kill(void *task) { tasklet_kill(task); kfree(task); }
void probe(struct device *dev, struct chan *c, struct other *o) {
	tasklet_setup(&c->task, chan_cb);
	tasklet_setup(&o->task, other_cb);
	__devm_add_action_or_reset(dev, chan_kill, &c->task, "chan_kill");
	__devm_add_action_or_reset(dev, other_kill, &o->task, "other_kill");
}
)c"));
  const ObjectReport *Chan = nullptr, *Other = nullptr;
  for (const ObjectReport &O : Inv.Objects)
    (O.Decl.Record == "struct chan" ? Chan : Other) = &O;
  ASSERT_TRUE(Chan && Other);
  EXPECT_TRUE(Chan->convertible());
  EXPECT_EQ(countUses(*Chan, UseKind::EscapeParam), 1u);
  // The kill inside the action belongs to the tasklet handed to it.
  EXPECT_GE(countUses(*Chan, UseKind::Kill), 1u);
  // other_kill() also frees its pointer: it is not only a tasklet.
  EXPECT_TRUE(hasReason(*Other, "address-escapes-untyped"));
}

// Ops tables: an init reading a function-pointer field registers every
// function stored into it, in whichever TU (designated and positional
// initialisers, assignments); a test of the field is no obstacle.
const char *OpsHeader = R"c(
#include <linux/interrupt.h>
struct hw_ops { int (*start)(void); void (*poll)(struct tasklet_struct *t); };
struct dev { const struct hw_ops *ops; struct tasklet_struct tl; int n; };
)c";

TEST(Matchers, OpsFieldCallbacksAreEveryFunctionStoredIntoIt) {
  std::map<std::string, std::string> Header = {{"hw.h", OpsHeader}};
  InventoryBuilder B("/virtual");
  B.add(collect("#include \"hw.h\"\n"
                "void dev_init(struct dev *d) { if (d->ops->poll) tasklet_setup(&d->tl, d->ops->poll); }\n"
                "void dev_irq(struct dev *d) { tasklet_schedule(&d->tl); }\n",
                "core.c", Header));
  B.add(collect("#include \"hw.h\"\n"
                "static void a_poll(struct tasklet_struct *t) { struct dev *d = from_tasklet(d, t, tl); d->n++; }\n"
                "const struct hw_ops a_ops = { .poll = a_poll };\n",
                "a.c", Header));
  B.add(collect("#include \"hw.h\"\n"
                "static void b_poll(struct tasklet_struct *t) { }\n"
                "struct hw_ops b_ops = { 0, b_poll };\n"
                "struct hw_ops c_ops;\n"
                "void c_prepare(void) { c_ops.poll = b_poll; c_ops.start = 0; }\n",
                "b.c", Header));
  Inventory Inv = B.finish();
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  EXPECT_TRUE(O->convertible()) << O->Reasons[0].Code << ": " << O->Reasons[0].Message;
  EXPECT_TRUE(hasNote(*O, "callback-from-ops-table"));
  ASSERT_EQ(O->Slots.size(), 1u);
  EXPECT_EQ(O->Slots[0].Name, "poll");
  EXPECT_FALSE(O->Slots[0].Legacy);
  ASSERT_EQ(O->Slots[0].Params.size(), 1u);
  std::vector<std::string> Names;
  for (const CallbackInfo &C : O->Callbacks)
    Names.push_back(C.Name);
  std::sort(Names.begin(), Names.end());
  EXPECT_EQ(Names, (std::vector<std::string>{"a_poll", "b_poll"}));
}

TEST(Matchers, OpsFieldGivenAFunctionPointerVariableIsManual) {
  Inventory Inv = inventoryOf(withPrelude(std::string(OpsHeader) + R"c(
static void a_poll(struct tasklet_struct *t) { }
void dev_init(struct dev *d, struct hw_ops *ops, void (*fn)(struct tasklet_struct *)) {
	ops->poll = a_poll;
	ops->poll = fn;
	tasklet_setup(&d->tl, d->ops->poll);
}
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  ASSERT_TRUE(hasReason(*O, "callback-not-a-function"));
  EXPECT_NE(O->Reasons[0].Message.find("not a named function"), std::string::npos)
      << O->Reasons[0].Message;
}

TEST(Matchers, OpsFieldCalledDirectlyOrNeverFilledIsManual) {
  Inventory Called = inventoryOf(withPrelude(std::string(OpsHeader) + R"c(
static void a_poll(struct tasklet_struct *t) { }
const struct hw_ops a_ops = { .poll = a_poll };
void dev_init(struct dev *d) { tasklet_setup(&d->tl, d->ops->poll); }
void dev_now(struct dev *d) { d->ops->poll(&d->tl); }
)c"));
  const ObjectReport *O = findObject(Called, "tl");
  ASSERT_TRUE(O);
  // The call passes the tasklet to an unseen function as well.
  EXPECT_TRUE(hasReason(*O, "escapes-to-unseen-function"));
  bool Said = false;
  for (const Finding &F : O->Reasons)
    Said |= F.Code == "callback-not-a-function" &&
            F.Message.find("cannot be followed") != std::string::npos;
  EXPECT_TRUE(Said);

  Inventory Empty = inventoryOf(withPrelude(std::string(OpsHeader) + R"c(
void dev_init(struct dev *d) { tasklet_setup(&d->tl, d->ops->poll); }
)c"));
  O = findObject(Empty, "tl");
  ASSERT_TRUE(O);
  ASSERT_TRUE(hasReason(*O, "callback-not-a-function"));
  EXPECT_NE(O->Reasons[0].Message.find("no scanned file stores"), std::string::npos)
      << O->Reasons[0].Message;
}

// A callback also stored into a field of its shape that no init reads (here a
// named callback kept in a second table for later) has a use the conversion
// does not retype: the group stays manual.
TEST(Matchers, CallbackAlsoStoredIntoAnotherFieldIsManual) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct dev { struct tasklet_struct tl; };
struct hooks { void (*later)(struct tasklet_struct *t); };
static void dev_cb(struct tasklet_struct *t) { }
struct hooks dev_hooks = { .later = dev_cb };
void dev_init(struct dev *d) { tasklet_setup(&d->tl, dev_cb); }
)c"));
  const ObjectReport *O = findObject(Inv, "tl");
  ASSERT_TRUE(O);
  ASSERT_TRUE(hasReason(*O, "callback-stored-elsewhere"));
  EXPECT_NE(O->Reasons[0].Message.find("struct hooks::later"), std::string::npos)
      << O->Reasons[0].Message;
}

// One legacy callback, from an ops table and by name, for two tasklets of one
// structure with the container as data: from_work() can name only one of the
// two members, so both stay manual (convert would refuse the same way).
TEST(Matchers, LegacyCallbackWithTwoContainerMembersIsManual) {
  Inventory Inv = inventoryOf(withPrelude(R"c(
struct hw_ops { void (*done)(unsigned long); };
struct pd { const struct hw_ops *ops; struct tasklet_struct a_tl, b_tl; int n; };
static void pd_done(unsigned long data) { ((struct pd *)data)->n++; }
const struct hw_ops pd_ops = { .done = pd_done };
void pd_init(struct pd *p) {
	tasklet_init(&p->a_tl, p->ops->done, (unsigned long)p);
	tasklet_init(&p->b_tl, pd_done, (unsigned long)p);
}
)c"));
  const ObjectReport *A = findObject(Inv, "a_tl");
  ASSERT_TRUE(A);
  ASSERT_TRUE(hasReason(*A, "legacy-data-not-container"));
  EXPECT_NE(A->Reasons[0].Message.find("a_tl, b_tl"), std::string::npos) << A->Reasons[0].Message;
}

} // namespace
