// The scanner with rules/work-api.yaml, as verify --series reads the code a
// series leaves: work items are found with their init (INIT_WORK is a
// statement macro), their calls keep the queue they name, and their protocol
// carries the calls the abstract driver must make.
#include "TestSupport.h"

#include "verify/AbstractDriver.h"
#include "verify/ProtocolExtractor.h"
#include "verify/SeriesConversions.h"

#include <gtest/gtest.h>

namespace detasklet {
namespace {

const TaskletApi &workApi() {
  static const TaskletApi Api = llvm::cantFail(TaskletApi::load(workApiRules()));
  return Api;
}

Inventory workInventory(const std::string &Code) {
  return test::inventoryOf(Code, "drv.c", {}, &workApi());
}

const char *Converted = R"(
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/workqueue.h>
struct owl { int irq; struct work_struct bh_work; struct work_struct other; };
static struct owl the_owl;
#define OWL_KICK(o) queue_work(system_bh_highpri_wq, &(o)->bh_work)
static void owl_work(struct work_struct *w)
{
	struct owl *o = from_work(o, w, bh_work);
	OWL_KICK(o);
}
static irqreturn_t owl_irq(int irq, void *dev)
{
	queue_work(system_bh_wq, &the_owl.bh_work);
	schedule_work(&the_owl.other);
	return IRQ_HANDLED;
}
static int __init owl_init(void)
{
	INIT_WORK(&the_owl.bh_work, owl_work);
	INIT_WORK(&the_owl.other, owl_work);
	return request_irq(the_owl.irq, owl_irq, 0, "owl", &the_owl);
}
static void __exit owl_exit(void)
{
	free_irq(the_owl.irq, &the_owl);
	flush_work(&the_owl.other);
	cancel_work(&the_owl.bh_work);
}
module_init(owl_init);
module_exit(owl_exit);
)";

TEST(WorkItemScan, InitWorkIsAnInitWithItsFunctionAndNotInternals) {
  Inventory Inv = workInventory(Converted);
  const ObjectReport *W = test::findObject(Inv, "bh_work");
  ASSERT_NE(W, nullptr);
  EXPECT_EQ(test::countUses(*W, UseKind::InitSetup), 1u);
  EXPECT_EQ(test::countUses(*W, UseKind::InternalsField), 0u);
  ASSERT_EQ(W->Callbacks.size(), 1u);
  EXPECT_EQ(W->Callbacks[0].Name, "owl_work");
  EXPECT_TRUE(W->convertible()) << W->Reasons.front().Message;
  const Use *Init = test::firstUse(*W, UseKind::InitSetup);
  EXPECT_EQ(Init->Callee, "INIT_WORK");
  EXPECT_EQ(Init->Site.Where.Line, 21u); // the INIT_WORK line, not the macro body
}

TEST(WorkItemScan, CallsKeepTheQueueTheyName) {
  Inventory Inv = workInventory(Converted);
  const ObjectReport *W = test::findObject(Inv, "bh_work");
  const ObjectReport *Other = test::findObject(Inv, "other");
  ASSERT_TRUE(W && Other);
  std::vector<std::string> Queues;
  for (const Use &U : W->Uses)
    if (U.Kind == UseKind::Schedule)
      Queues.push_back(U.Queue);
  // The macro's queue by its name, not the macro's text.
  EXPECT_EQ(Queues, (std::vector<std::string>{"system_bh_highpri_wq", "system_bh_wq"}));
  const Use *Scheduled = test::firstUse(*Other, UseKind::Schedule);
  ASSERT_NE(Scheduled, nullptr);
  EXPECT_EQ(Scheduled->Callee, "schedule_work");
  EXPECT_EQ(Scheduled->Queue, "system_wq");
  EXPECT_EQ(test::countUses(*Other, UseKind::Flush), 1u);
}

TEST(WorkItemScan, DeclareWorkIsADeclarationWithItsFunction) {
  Inventory Inv = workInventory(R"(
#include <linux/workqueue.h>
static void beep(struct work_struct *w) { }
static DECLARE_WORK(beep_work, beep);
void beep_now(void) { queue_work(system_bh_wq, &beep_work); }
)");
  const ObjectReport *W = test::findObject(Inv, "beep_work");
  ASSERT_NE(W, nullptr);
  EXPECT_EQ(test::countUses(*W, UseKind::Declare), 1u);
  EXPECT_EQ(test::countUses(*W, UseKind::InternalsField), 0u);
  ASSERT_EQ(W->Callbacks.size(), 1u);
  EXPECT_TRUE(W->convertible());
}

TEST(WorkItemScan, TheProtocolCarriesTheCallsMade) {
  Inventory Inv = workInventory(Converted);
  ObjectProtocol P =
      ProtocolExtractor(Inv, ProtocolApi::WorkItem).extract(*test::findObject(Inv, "bh_work"));
  ASSERT_TRUE(P.abstracted()) << P.CannotAbstract;
  EXPECT_TRUE(P.WorkItem);
  std::map<std::string, std::string> Calls;
  for (const ProtocolFunction &F : P.Functions)
    for (const ProtocolOp &Op : F.Ops)
      Calls[F.Name] += Op.Call + "(" + Op.Queue + ") ";
  EXPECT_EQ(Calls["owl_work"], "queue_work(system_bh_highpri_wq) ");
  EXPECT_EQ(Calls["owl_irq"], "queue_work(system_bh_wq) ");
  EXPECT_EQ(Calls["owl_exit"], "cancel_work() ");
  for (const ProtocolFunction &F : P.Functions)
    if (F.Name == "owl_exit")
      EXPECT_EQ(F.Why, "contains cancel_work");
  // The abstract driver makes the same calls on a work item, and frees the
  // device structure once teardown cancelled it.
  AbstractDriver D = generateAbstractDriver(P);
  EXPECT_NE(D.Driver.find("struct work_struct tl;"), std::string::npos) << D.Driver;
  EXPECT_NE(D.Driver.find("INIT_WORK(&proto->tl, proto_cb);"), std::string::npos) << D.Driver;
  EXPECT_NE(D.Driver.find("queue_work(system_bh_highpri_wq, &dev->tl);"), std::string::npos);
  EXPECT_NE(D.Driver.find("cancel_work(&proto->tl);"), std::string::npos) << D.Driver;
  EXPECT_NE(D.Driver.find("if (proto_killed)\n\t\tkfree(proto);"), std::string::npos);
  // Different calls, different protocols: no shared verdict.
  ObjectProtocol Q = P;
  for (ProtocolFunction &F : Q.Functions)
    for (ProtocolOp &Op : F.Ops)
      if (Op.Call == "cancel_work")
        Op.Call = "cancel_work_sync";
  EXPECT_NE(P.canonical(), Q.canonical());
}

TEST(WorkItemScan, ADriversOwnWorkqueueIsNotGuessed) {
  Inventory Inv = workInventory(R"(
#include <linux/workqueue.h>
#include <linux/module.h>
struct cat { struct workqueue_struct *wq; struct work_struct w; };
static struct cat the_cat;
static void cat_work(struct work_struct *w) { }
static int __init cat_init(void) { INIT_WORK(&the_cat.w, cat_work); return 0; }
void cat_kick(void) { queue_work(the_cat.wq, &the_cat.w); }
static void __exit cat_exit(void) { cancel_work_sync(&the_cat.w); }
module_init(cat_init);
module_exit(cat_exit);
)");
  ObjectProtocol P =
      ProtocolExtractor(Inv, ProtocolApi::WorkItem).extract(*test::findObject(Inv, "w"));
  EXPECT_FALSE(P.abstracted());
  EXPECT_NE(P.CannotAbstract.find("the_cat.wq"), std::string::npos) << P.CannotAbstract;
  EXPECT_NE(P.CannotAbstract.find("only the system workqueues are modelled"), std::string::npos);
}

} // namespace
} // namespace detasklet
