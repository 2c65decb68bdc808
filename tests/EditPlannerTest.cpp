// The planner on small drivers written to a scratch tree: one mapping rule or
// one refusal per test. The corpus goldens show whole drivers; these pin the
// decisions a rule makes.
#include "rewriters/EditPlanner.h"
#include "rewriters/PatchMessage.h"
#include "tool/ScanCommand.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace detasklet;

namespace {

struct Planned {
  Inventory Inv;
  ConversionPlan Plan;
  std::string Converted; // drv.c after the edits; the original when none
  std::vector<std::string> Problems;
};

// Extra: more files of the tree (headers, TUs the selection leaves out);
// NotScanned: those the compile database holds besides drv.c.
Planned plan(const std::string &Code, const std::string &Target = "bh",
             const std::map<std::string, std::string> &Extra = {},
             const std::vector<std::string> &NotScanned = {}) {
  llvm::SmallString<128> Dir;
  EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("detasklet-planner", Dir));
  auto Write = [&](const char *Name, const std::string &Text) {
    std::error_code EC;
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path((Dir + "/" + Name).str()));
    llvm::raw_fd_ostream Out((Dir + "/" + Name).str(), EC);
    Out << Text;
  };
  Write("compile_flags.txt", std::string("-nostdinc\n-isystem\n") + DETASKLET_SHIM_DIR +
                                 "\n-std=gnu11\n-D__KERNEL__\n");
  Write("drv.c", Code);
  for (const auto &[Name, Text] : Extra)
    Write(Name.c_str(), Text);
  SelectionRequest Sel;
  Sel.Inputs = {(Dir + "/drv.c").str()};
  RunOptions Run;
  Run.Jobs = 1;
  Planned P;
  P.Inv = llvm::cantFail(buildInventory(Sel, Run, ""));
  EXPECT_FALSE(P.Inv.partial());
  P.Inv.NotScanned = NotScanned;
  SourceFiles Sources(P.Inv.Root);
  P.Plan = planConversion(P.Inv, llvm::cantFail(ConvertRules::loadTarget(Target)), Sources);
  P.Converted = Code;
  for (const EditedFile &F : P.Plan.Files)
    if (F.Path == "drv.c")
      P.Converted = F.Modified;
  for (const GroupPlan &G : P.Plan.Groups)
    for (const Finding &F : G.Problems)
      P.Problems.push_back(F.Code);
  llvm::sys::fs::remove_directories(Dir);
  return P;
}

bool contains(const std::string &Text, const std::string &Part) {
  return Text.find(Part) != std::string::npos;
}

const char *DisabledDriver = R"c(#include <linux/interrupt.h>
#include <linux/module.h>

static void gate_fn(struct tasklet_struct *t)
{
}

static DECLARE_TASKLET_DISABLED(gate, gate_fn);

void gate_kick(void)
{
	tasklet_schedule(&gate);
}
%s)c";

std::string disabledDriver(const std::string &Tail) {
  std::string S = DisabledDriver;
  return S.replace(S.find("%s"), 2, Tail);
}

TEST(EditPlanner, DeclaredDisabledIsDisabledFirstInModuleInit) {
  Planned P = plan(disabledDriver(R"c(
static int __init gate_init(void)
{
	int ret = 0;
	tasklet_enable(&gate);
	return ret;
}
module_init(gate_init);
)c"));
  EXPECT_TRUE(P.Problems.empty());
  EXPECT_TRUE(contains(P.Converted, "static DECLARE_WORK(gate, gate_fn);"));
  // Declarations stay apart from code: a blank line is added after them.
  EXPECT_TRUE(contains(P.Converted, "\tint ret = 0;\n\n\tdisable_work(&gate);\n"
                                    "\tenable_and_queue_work(system_bh_wq, &gate);\n"))
      << P.Converted;
}

TEST(EditPlanner, DeclaredDisabledWithoutInitFunctionIsLeftAlone) {
  Planned P = plan(disabledDriver(R"c(
void gate_start(void)
{
	tasklet_enable(&gate);
}
)c"));
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_EQ(P.Problems[0], "no-init-path");
  EXPECT_TRUE(P.Plan.Files.empty());
}

TEST(EditPlanner, DeclaredDisabledUsesTheOneInitFunctionThatEnablesIt) {
  // Built in (no module_init): the __init function that touches it runs first.
  Planned P = plan(disabledDriver(R"c(
int __init gate_setup(void)
{
	tasklet_enable(&gate);
	return 0;
}
)c"));
  EXPECT_TRUE(P.Problems.empty());
  EXPECT_TRUE(contains(P.Converted, "{\n\tdisable_work(&gate);\n\tenable_and_queue_work("))
      << P.Converted;
}


TEST(EditPlanner, FromTaskletContinuationFollowsTheShorterName) {
  Planned P = plan(R"c(#include <linux/interrupt.h>

struct pd {
	int n;
	struct tasklet_struct dfs_tasklet;
};

static void pd_fn(struct tasklet_struct *t)
{
	struct pd *p = from_tasklet(p, t,
				    dfs_tasklet);

	p->n++;
}

void pd_start(struct pd *p)
{
	tasklet_setup(&p->dfs_tasklet, pd_fn);
}
)c");
  EXPECT_TRUE(P.Problems.empty());
  EXPECT_TRUE(contains(P.Converted, "\tstruct pd *p = from_work(p, t,\n"
                                    "\t\t\t\t dfs_bh_work);\n"))
      << P.Converted;
}


TEST(EditPlanner, FileLocalCallbacksAreRenamedUnlessTheNameIsTaken) {
  Planned P = plan(R"c(#include <linux/interrupt.h>

struct pd {
	struct tasklet_struct rx_tasklet;
	struct tasklet_struct tx_tasklet;
};

static void pd_rx_tasklet(struct tasklet_struct *t)
{
}

#define pd_tx_bh_work_budget 4

static void pd_tx_tasklet(struct tasklet_struct *t)
{
}

void pd_exported_tasklet(struct tasklet_struct *t)
{
}

void pd_start(struct pd *p)
{
	tasklet_setup(&p->rx_tasklet, pd_rx_tasklet);
	tasklet_setup(&p->tx_tasklet, pd_exported_tasklet);
	pd_rx_tasklet(&p->rx_tasklet);
}

void pd_other(struct pd *p)
{
	tasklet_setup(&p->tx_tasklet, pd_tx_tasklet);
}
)c");
  EXPECT_TRUE(P.Problems.empty());
  // Renamed at the definition, the registration and the direct call.
  EXPECT_TRUE(contains(P.Converted, "static void pd_rx_bh_work(struct work_struct *t)"));
  EXPECT_TRUE(contains(P.Converted, "INIT_WORK(&p->rx_bh_work, pd_rx_bh_work);"));
  EXPECT_TRUE(contains(P.Converted, "\tpd_rx_bh_work(&p->rx_bh_work);"));
  // pd_tx_bh_work would not collide with the macro pd_tx_bh_work_budget.
  EXPECT_TRUE(contains(P.Converted, "static void pd_tx_bh_work(struct work_struct *t)"));
  // Visible to other translation units: its name is kept.
  EXPECT_TRUE(contains(P.Converted, "void pd_exported_tasklet(struct work_struct *t)"));
}

TEST(EditPlanner, CallbackKeepsItsNameWhenTheNewOneExists) {
  Planned P = plan(R"c(#include <linux/interrupt.h>

struct pd {
	struct tasklet_struct tl;
};

static int pd_bh_work;

static void pd_tasklet(struct tasklet_struct *t)
{
	pd_bh_work++;
}

void pd_start(struct pd *p)
{
	tasklet_setup(&p->tl, pd_tasklet);
}
)c");
  EXPECT_TRUE(P.Problems.empty());
  EXPECT_TRUE(contains(P.Converted, "static void pd_tasklet(struct work_struct *t)"));
  EXPECT_TRUE(contains(P.Converted, "INIT_WORK(&p->tl, pd_tasklet);"));
}


const char *SharedLockDriver = R"c(#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct pd {
	spinlock_t lock;
	spinlock_t stats_lock;
	struct timer_list watchdog;
	struct tasklet_struct tl;
	int n;
};

static void pd_watchdog(struct timer_list *t)
{
	struct pd *p = from_timer(p, t, watchdog);

	spin_lock(&p->lock);
	p->n = 0;
	spin_unlock(&p->lock);
}

static void pd_fn(struct tasklet_struct *t)
{
	struct pd *p = from_tasklet(p, t, tl);

	if (in_interrupt())
		p->n++;
	spin_lock(&p->lock);
	p->n++;
	spin_unlock(&p->lock);
	spin_lock(&p->stats_lock);
	spin_unlock(&p->stats_lock);
}

void pd_start(struct pd *p)
{
	timer_setup(&p->watchdog, pd_watchdog, 0);
	tasklet_setup(&p->tl, pd_fn);
}
)c";

TEST(EditPlanner, ProcessContextTargetWarnsAboutSharedLocksAndContextTests) {
  Planned P = plan(SharedLockDriver, "wq");
  ASSERT_TRUE(P.Problems.empty());
  ASSERT_EQ(P.Plan.Groups.size(), 1u);
  std::vector<std::string> Codes;
  for (const Finding &W : P.Plan.Groups[0].Warnings)
    Codes.push_back(W.Code + ": " + W.Message);
  ASSERT_EQ(Codes.size(), 2u) << ::testing::PrintToString(Codes);
  EXPECT_TRUE(contains(Codes[0], "context-query: pd_fn() tests in_interrupt()"));
  // The timer shares 'lock' (softirq); 'stats_lock' is the callback's alone.
  EXPECT_TRUE(contains(Codes[1], "lock-not-bh-safe: pd_fn() takes lock with spin_lock(&p->lock); "
                                 "pd_watchdog(), which runs in softirq (init_timer_key)"))
      << Codes[1];
  EXPECT_TRUE(contains(Codes[1], "use spin_lock_bh()"));
  // Converted all the same: the warning is for a person.
  EXPECT_TRUE(contains(P.Converted, "queue_work") || contains(P.Converted, "INIT_WORK"));
}

TEST(EditPlanner, SoftirqTargetHasNothingToWarnAbout) {
  Planned P = plan(SharedLockDriver, "bh");
  ASSERT_EQ(P.Plan.Groups.size(), 1u);
  EXPECT_TRUE(P.Plan.Groups[0].Warnings.empty());
}


TEST(EditPlanner, HeaderSharedWithAnUnscannedTuIsLeftAlone) {
  std::map<std::string, std::string> Tree = {
      {"drv.h", "#include <linux/interrupt.h>\nstruct pd { struct tasklet_struct tl; };\n"},
      {"other.c", "#include \"drv.h\"\nvoid other_kick(struct pd *p) { tasklet_schedule(&p->tl); }\n"}};
  const char *Driver = R"c(#include "drv.h"

static void pd_fn(struct tasklet_struct *t)
{
}

void pd_start(struct pd *p)
{
	tasklet_setup(&p->tl, pd_fn);
}
)c";
  // other.c also includes drv.h: converting from drv.c alone would break it.
  Planned Partial = plan(Driver, "bh", Tree, {"other.c"});
  ASSERT_EQ(Partial.Problems.size(), 1u);
  EXPECT_EQ(Partial.Problems[0], "header-shared-with-unscanned");
  EXPECT_TRUE(Partial.Plan.Files.empty());
  // A header of the same name beside an unscanned TU is that TU's own.
  std::map<std::string, std::string> Namesake = {
      {"drv.h", Tree.at("drv.h")},
      {"tools/drv.h", "int unrelated;\n"},
      {"tools/gen.c", "#include \"drv.h\"\nint main(void) { return unrelated; }\n"}};
  Planned Beside = plan(Driver, "bh", Namesake, {"tools/gen.c"});
  EXPECT_TRUE(Beside.Problems.empty()) << Beside.Problems.front();
  EXPECT_TRUE(contains(Beside.Converted, "INIT_WORK(&p->tl, pd_fn);"));
  // Nothing else in the database: the header is the driver's own.
  Planned Whole = plan(Driver, "bh", Tree);
  EXPECT_TRUE(Whole.Problems.empty());
  EXPECT_TRUE(contains(Whole.Converted, "INIT_WORK(&p->tl, pd_fn);"));
}

const char *ForeignDataDriver = R"c(#include <linux/interrupt.h>

struct wren_port {
	int line;
};

struct wren_host {
	struct wren_port       *port;
	struct tasklet_struct   rx_tasklet;	/* receive path */
%s};

static void wren_rx(unsigned long data)
{
	((struct wren_port *)data)->line++;
}

void wren_start(struct wren_host *h, int on)
{
%s
}

void wren_irq(struct wren_host *h)
{
	tasklet_schedule(&h->rx_tasklet);
}
)c";

std::string foreignDataDriver(const std::string &Field, const std::string &Start) {
  std::string S = ForeignDataDriver;
  S.replace(S.find("%s"), 2, Field);
  return S.replace(S.find("%s"), 2, Start);
}

TEST(EditPlanner, ForeignDataMovesIntoAFieldBesideTheWorkItem) {
  Planned P = plan(foreignDataDriver(
      "", "\ttasklet_init(&h->rx_tasklet, wren_rx,\n\t\t     (unsigned long)h->port);"));
  EXPECT_TRUE(P.Problems.empty()) << P.Problems.front();
  // Aligned like the field it follows; its name follows the renamed work item.
  EXPECT_TRUE(contains(P.Converted, "\tstruct work_struct      rx_bh_work;\t/* receive path */\n"
                                    "\tunsigned long           rx_bh_work_data;\n"))
      << P.Converted;
  // Set right after the init, with the value tasklet_init() was given.
  EXPECT_TRUE(contains(P.Converted, "\tINIT_WORK(&h->rx_bh_work, wren_rx);\n"
                                    "\th->rx_bh_work_data = (unsigned long)h->port;\n"))
      << P.Converted;
  // Read back under the parameter's old name; a blank line before the code.
  EXPECT_TRUE(contains(P.Converted,
                       "static void wren_rx(struct work_struct *work)\n{\n"
                       "\tunsigned long data = container_of(work, struct wren_host, "
                       "rx_bh_work)->rx_bh_work_data;\n\n"
                       "\t((struct wren_port *)data)->line++;\n"))
      << P.Converted;
  ASSERT_EQ(P.Plan.Groups.size(), 1u);
  EXPECT_EQ(P.Plan.Groups[0].Differences.back(), "legacy_data_field");
}

TEST(EditPlanner, ForeignDataInitUnderAConditionGetsBraces) {
  // Both statements must run under the condition.
  Planned P = plan(foreignDataDriver(
      "", "\tif (on)\n\t\ttasklet_init(&h->rx_tasklet, wren_rx, (unsigned long)h->port);"));
  EXPECT_TRUE(P.Problems.empty()) << P.Problems.front();
  EXPECT_TRUE(contains(P.Converted, "\tif (on) {\n\t\tINIT_WORK(&h->rx_bh_work, wren_rx);\n"
                                    "\t\th->rx_bh_work_data = (unsigned long)h->port;\n\t}\n"))
      << P.Converted;
}

TEST(EditPlanner, ForeignDataInitInOneArmOfAnIfElseIsLeftAlone) {
  // Braces on one arm only is against kernel style; a person decides.
  Planned P = plan(foreignDataDriver(
      "", "\tif (on)\n\t\ttasklet_init(&h->rx_tasklet, wren_rx, (unsigned long)h->port);\n"
          "\telse\n\t\th->port = NULL;"));
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_EQ(P.Problems[0], "legacy-data-not-container");
  EXPECT_TRUE(P.Plan.Files.empty());
}

TEST(EditPlanner, ForeignDataFieldNameMustBeFree) {
  Planned P = plan(foreignDataDriver(
      "\tunsigned long rx_bh_work_data;\n",
      "\ttasklet_init(&h->rx_tasklet, wren_rx, (unsigned long)h->port);"));
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_EQ(P.Problems[0], "legacy-data-not-container");
  EXPECT_TRUE(P.Plan.Files.empty());
}

TEST(EditPlanner, ForeignDataOfADirectlyCalledCallbackIsManualInScan) {
  Planned P = plan(foreignDataDriver(
      "", "\ttasklet_init(&h->rx_tasklet, wren_rx, (unsigned long)h->port);\n"
          "\twren_rx((unsigned long)h->port);"));
  ASSERT_EQ(P.Inv.Objects.size(), 1u);
  ASSERT_EQ(P.Inv.Objects[0].Reasons.size(), 1u);
  EXPECT_EQ(P.Inv.Objects[0].Reasons[0].Code, "legacy-data-not-container");
  EXPECT_TRUE(P.Plan.Files.empty());
}

TEST(EditPlanner, ContainerReadThroughAnIntegerCastBecomesFromWork) {
  Planned P = plan(R"c(#include <linux/interrupt.h>

struct qv {
	int n;
	struct tasklet_struct tl;
};

static void qv_fn(unsigned long data)
{
	struct qv *q = (void *)(uintptr_t)(data);

	q->n++;
}

void qv_start(struct qv *q)
{
	tasklet_init(&q->tl, qv_fn, (unsigned long)q);
}
)c");
  EXPECT_TRUE(P.Problems.empty()) << P.Problems.front();
  EXPECT_TRUE(contains(P.Converted, "\tstruct qv *q = from_work(q, work, tl);\n")) << P.Converted;
}

TEST(EditPlanner, ForeignDataOfAUintptrCallbackKeepsItsType) {
  // uintptr_t is unsigned long: a legacy callback; its local keeps the type.
  std::string Driver = foreignDataDriver(
      "", "\ttasklet_init(&h->rx_tasklet, wren_rx_addr, (unsigned long)h->port);");
  const std::string Old = "static void wren_rx(unsigned long data)";
  Driver.replace(Driver.find(Old), Old.size(), "static void wren_rx_addr(uintptr_t data)");
  Planned P = plan(Driver);
  EXPECT_TRUE(P.Problems.empty()) << P.Problems.front();
  EXPECT_TRUE(contains(P.Converted, "static void wren_rx_addr(struct work_struct *work)\n{\n"
                                    "\tuintptr_t data = container_of(work, struct wren_host, "))
      << P.Converted;
}

TEST(EditPlanner, WorkqueueIncludeNeverGoesIntoAConditionalBlock) {
  Planned P = plan(R"c(#include <linux/interrupt.h>
#ifdef CONFIG_DETASKLET_NEVER
#include <linux/zzz_debug.h>
#endif

static void pd_fn(struct tasklet_struct *t)
{
}

static DECLARE_TASKLET(pd, pd_fn);

void pd_kick(void)
{
	tasklet_schedule(&pd);
}
)c");
  EXPECT_TRUE(P.Problems.empty()) << P.Problems.front();
  EXPECT_TRUE(contains(P.Converted, "#include <linux/interrupt.h>\n#include <linux/workqueue.h>\n"
                                    "#ifdef CONFIG_DETASKLET_NEVER\n"))
      << P.Converted;
}

// An ops table's field is retyped with the functions stored into it; a legacy
// one gets its container from the init's data, and a name for its parameter
// (checkpatch wants one for a struct pointer). The tasklet field named by the
// same macro token as the ops field keeps its name (renaming the token would
// rename the ops access too); the other one is renamed.
TEST(EditPlanner, OpsTableFieldIsRetypedWithItsCallbacks) {
  Planned P = plan(R"c(#include <linux/interrupt.h>

struct hw_ops {
	void (*poll_tasklet)(struct tasklet_struct *t);
	void (*done)(unsigned long);
};

struct pd {
	int n;
	const struct hw_ops *ops;
	struct tasklet_struct poll_tasklet;
	struct tasklet_struct done_tasklet;
};

static void a_poll(struct tasklet_struct *t)
{
	struct pd *p = from_tasklet(p, t, poll_tasklet);

	p->n++;
}

static void a_done(unsigned long data)
{
	struct pd *p = (struct pd *)data;

	p->n--;
}

const struct hw_ops a_ops = {
	.poll_tasklet = a_poll,
	.done = a_done,
};

#define PD_INIT(name) tasklet_setup(&p->name, p->ops->name)

void pd_start(struct pd *p)
{
	PD_INIT(poll_tasklet);
	tasklet_init(&p->done_tasklet, p->ops->done, (unsigned long)p);
}
)c");
  EXPECT_TRUE(P.Problems.empty());
  EXPECT_TRUE(contains(P.Converted, "\tvoid (*poll_tasklet)(struct work_struct *t);\n"))
      << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "\tvoid (*done)(struct work_struct *work);\n")) << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "\tstruct work_struct poll_tasklet;\n")) << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "\tstruct work_struct done_bh_work;\n")) << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "#define PD_INIT(name) INIT_WORK(&p->name, p->ops->name)"))
      << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "INIT_WORK(&p->done_bh_work, p->ops->done);")) << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "static void a_done(struct work_struct *work)")) << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "from_work(p, work, done_bh_work)")) << P.Converted;
  EXPECT_TRUE(contains(P.Converted, "from_work(p, t, poll_tasklet)")) << P.Converted;
  // The patch says which fields change type, and with which functions.
  std::vector<const GroupPlan *> Groups; // the two tasklets are two groups, one patch
  for (const GroupPlan &G : P.Plan.Groups)
    Groups.push_back(&G);
  std::string Body =
      patchBody(Groups, P.Inv, llvm::cantFail(ConvertRules::loadTarget("bh")));
  std::string Flat = Body;
  std::replace(Flat.begin(), Flat.end(), '\n', ' ');
  EXPECT_TRUE(contains(Flat, "ops-table fields struct hw_ops::done, struct hw_ops::poll_tasklet"))
      << Body;
  EXPECT_TRUE(contains(Flat, "a_done(), a_poll().")) << Body;
}

TEST(EditPlanner, OpsTableFieldGivenAPointerVariableIsLeftAlone) {
  const char *Driver = R"c(#include <linux/interrupt.h>

struct hw_ops {
	void (*poll)(struct tasklet_struct *t);
};

struct pd {
	struct hw_ops ops;
	struct tasklet_struct tl;
};

static void a_poll(struct tasklet_struct *t)
{
}

void pd_start(struct pd *p, void (*fn)(struct tasklet_struct *t))
{
	p->ops.poll = fn ? fn : a_poll;
	tasklet_setup(&p->tl, p->ops.poll);
}
)c";
  Planned P = plan(Driver);
  ASSERT_EQ(P.Inv.Objects.size(), 1u);
  EXPECT_FALSE(P.Inv.Objects[0].convertible());
  EXPECT_EQ(P.Inv.Objects[0].Reasons[0].Code, "callback-not-a-function");
  EXPECT_TRUE(P.Plan.Files.empty());
  EXPECT_EQ(P.Converted, Driver);
}

// A file of the tree that was not scanned (here not even in the selection) may
// fill the same ops table: retyping the field would break it unless what it
// stores is a function the conversion retypes too.
TEST(EditPlanner, OpsTableFilledInAnUnscannedFileIsLeftAloneUnlessItStoresAKnownCallback) {
  const char *Header = R"c(#include <linux/interrupt.h>
struct hw_ops { void (*poll)(struct tasklet_struct *t); };
struct pd { const struct hw_ops *ops; struct tasklet_struct tl; };
void pd_poll(struct tasklet_struct *t);
)c";
  const char *Driver = R"c(#include "drv.h"

void pd_poll(struct tasklet_struct *t)
{
}

const struct hw_ops pd_ops = { .poll = pd_poll };

void pd_start(struct pd *p)
{
	tasklet_setup(&p->tl, p->ops->poll);
}
)c";
  Planned Unknown = plan(Driver, "bh",
                         {{"drv.h", Header},
                          {"other.c", "#include \"drv.h\"\nstatic void other_poll(struct "
                                      "tasklet_struct *t) { }\nconst struct hw_ops other_ops = "
                                      "{\n\t.poll = other_poll,\n};\n"}});
  ASSERT_EQ(Unknown.Inv.Objects.size(), 1u);
  ASSERT_FALSE(Unknown.Inv.Objects[0].convertible());
  EXPECT_NE(Unknown.Inv.Objects[0].Reasons[0].Message.find("other.c:4"), std::string::npos)
      << Unknown.Inv.Objects[0].Reasons[0].Message;
  EXPECT_TRUE(Unknown.Plan.Files.empty());

  Planned Known = plan(Driver, "bh",
                       {{"drv.h", Header},
                        {"other.c", "#include \"drv.h\"\nconst struct hw_ops other_ops = "
                                    "{\n\t.poll = pd_poll,\n};\n"}});
  ASSERT_EQ(Known.Inv.Objects.size(), 1u);
  EXPECT_TRUE(Known.Inv.Objects[0].convertible()) << Known.Inv.Objects[0].Reasons[0].Message;
  EXPECT_TRUE(Known.Problems.empty());
  EXPECT_TRUE(contains(Known.Converted, "void pd_poll(struct work_struct *t)")) << Known.Converted;
}

TEST(EditPlanner, ForeignDataNeedsItsStructCompleteInTheCallback) {
  // The callback comes before the struct: container_of() could not compile there.
  Planned P = plan(R"c(#include <linux/interrupt.h>

struct kite_host;

static void kite_fn(unsigned long data)
{
	(*(int *)data)++;
}

struct kite_host {
	int *count;
	struct tasklet_struct t;
};

void kite_start(struct kite_host *h)
{
	tasklet_init(&h->t, kite_fn, (unsigned long)h->count);
}
)c");
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_EQ(P.Problems[0], "legacy-data-not-container");
  EXPECT_TRUE(P.Plan.Files.empty());
}

TEST(EditPlanner, ForeignDataWithACommentInsideIsLeftAlone) {
  // Copied onto one line, the comment would swallow what follows it.
  Planned P = plan(foreignDataDriver(
      "", "\ttasklet_init(&h->rx_tasklet, wren_rx, (unsigned long) // the port\n\t\t     h->port);"));
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_EQ(P.Problems[0], "legacy-data-not-container");
}

TEST(EditPlanner, QuotedIncludeWithACommentStillCountsForUnscannedTus) {
  std::map<std::string, std::string> Tree = {
      {"drv.h", "#include <linux/interrupt.h>\nstruct pd { struct tasklet_struct tl; };\n"},
      {"other.c", "#include \"drv.h\"\t/* struct pd */\nvoid other(struct pd *p) { }\n"}};
  Planned P = plan(R"c(#include "drv.h"

static void pd_fn(struct tasklet_struct *t)
{
}

void pd_start(struct pd *p)
{
	tasklet_setup(&p->tl, pd_fn);
}
)c",
                   "bh", Tree, {"other.c"});
  ASSERT_EQ(P.Problems.size(), 1u);
  EXPECT_EQ(P.Problems[0], "header-shared-with-unscanned");
}

} // namespace
