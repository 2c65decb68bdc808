// Protocol extraction and the abstract driver: what the inventory says about
// a tasklet becomes functions in contexts with ordered, optional operations,
// and what it cannot follow becomes an explicit "cannot abstract".
#include "TestSupport.h"

#include "verify/AbstractDriver.h"
#include "verify/ProtocolExtractor.h"

#include <gtest/gtest.h>

namespace detasklet {
namespace {

const ProtocolFunction *function(const ObjectProtocol &P, const std::string &Name) {
  for (const ProtocolFunction &F : P.Functions)
    if (F.Name == Name)
      return &F;
  return nullptr;
}

std::string ops(const ProtocolFunction &F) {
  std::string S;
  for (const ProtocolOp &Op : F.Ops)
    S += (S.empty() ? "" : " ") + protocolOpCode(Op.Kind).str() + (Op.Optional ? "?" : "");
  return S;
}

const char *Driver = R"(
#include <linux/interrupt.h>
#include <linux/module.h>
struct owl { int irq; struct tasklet_struct tl; };
static struct owl the_owl;
static void owl_bh(struct tasklet_struct *t)
{
	struct owl *o = from_tasklet(o, t, tl);
	tasklet_schedule(&o->tl);
}
static irqreturn_t owl_irq(int irq, void *dev)
{
	tasklet_schedule(&the_owl.tl);
	tasklet_schedule(&the_owl.tl);
	tasklet_hi_schedule(&the_owl.tl);
	return IRQ_HANDLED;
}
void owl_mtu(void)
{
	tasklet_disable(&the_owl.tl);
	tasklet_enable(&the_owl.tl);
}
void owl_suspend(void) { tasklet_disable_nosync(&the_owl.tl); }
void owl_resume(void) { tasklet_enable(&the_owl.tl); }
static int __init owl_init(void)
{
	tasklet_setup(&the_owl.tl, owl_bh);
	return request_irq(3, owl_irq, 0, "owl", &the_owl);
}
static void __exit owl_exit(void)
{
	free_irq(3, &the_owl);
	tasklet_kill(&the_owl.tl);
}
module_init(owl_init);
module_exit(owl_exit);
)";

TEST(ProtocolExtractor, FunctionsGetContextsAndOrderedOptionalOperations) {
  Inventory Inv = test::inventoryOf(Driver);
  const ObjectReport *O = test::findObject(Inv, "tl");
  ASSERT_TRUE(O);
  ObjectProtocol P = ProtocolExtractor(Inv).extract(*O);
  ASSERT_TRUE(P.abstracted()) << P.CannotAbstract;
  EXPECT_EQ(P.Init, ProtocolInit::Setup);

  const ProtocolFunction *Cb = function(P, "owl_bh");
  ASSERT_TRUE(Cb);
  EXPECT_EQ(Cb->Context, ProtocolContext::Callback);
  EXPECT_EQ(ops(*Cb), "schedule?"); // re-arms itself

  const ProtocolFunction *Irq = function(P, "owl_irq");
  ASSERT_TRUE(Irq);
  EXPECT_EQ(Irq->Context, ProtocolContext::HardIrq) << Irq->Why;
  EXPECT_EQ(ops(*Irq), "schedule? schedule.hi?"); // the repeated schedule is merged

  const ProtocolFunction *Mtu = function(P, "owl_mtu");
  ASSERT_TRUE(Mtu);
  EXPECT_EQ(Mtu->Context, ProtocolContext::Process);
  EXPECT_EQ(ops(*Mtu), "disable? enable"); // the enable follows its disable
  ASSERT_EQ(Mtu->Ops.size(), 2u);
  EXPECT_EQ(Mtu->Ops[1].Paired, 0);

  const ProtocolFunction *Resume = function(P, "owl_resume");
  ASSERT_TRUE(Resume);
  EXPECT_EQ(Resume->Ops.front().Paired, -1); // undoes the suspend's disable

  const ProtocolFunction *Init = function(P, "owl_init");
  ASSERT_TRUE(Init);
  EXPECT_EQ(Init->Context, ProtocolContext::InitPath);
  const ProtocolFunction *Exit = function(P, "owl_exit");
  ASSERT_TRUE(Exit);
  EXPECT_EQ(Exit->Context, ProtocolContext::Teardown);
  EXPECT_EQ(ops(*Exit), "kill?");
}

TEST(ProtocolExtractor, AlikeFunctionsOfOneContextAreMerged) {
  Inventory Inv = test::inventoryOf(R"(
#include <linux/interrupt.h>
struct chan { struct tasklet_struct task; };
static void chan_bh(struct tasklet_struct *t) { }
void chan_init(struct chan *c) { tasklet_setup(&c->task, chan_bh); }
void a_remove(struct chan *c) { tasklet_kill(&c->task); }
void b_remove(struct chan *c) { tasklet_kill(&c->task); }
void c_remove(struct chan *c) { tasklet_schedule(&c->task); tasklet_kill(&c->task); }
)");
  const ObjectReport *O = test::findObject(Inv, "task");
  ASSERT_TRUE(O);
  ObjectProtocol P = ProtocolExtractor(Inv).extract(*O);
  ASSERT_TRUE(P.abstracted()) << P.CannotAbstract;
  const ProtocolFunction *A = function(P, "a_remove");
  ASSERT_TRUE(A);
  EXPECT_EQ(A->Alike, std::vector<std::string>{"b_remove"});
  EXPECT_EQ(function(P, "b_remove"), nullptr);
  const ProtocolFunction *C = function(P, "c_remove");
  ASSERT_TRUE(C);
  EXPECT_TRUE(C->Alike.empty());
}

TEST(ProtocolExtractor, SameProtocolSameAbstractDriver) {
  Inventory Inv = test::inventoryOf(Driver);
  ObjectProtocol P = ProtocolExtractor(Inv).extract(*test::findObject(Inv, "tl"));
  AbstractDriver D = generateAbstractDriver(P);
  // Generic names only: the real ones are in the report, not in the code.
  EXPECT_EQ(D.Driver.find("owl"), std::string::npos) << D.Driver;
  EXPECT_NE(D.Driver.find("request_irq(40, proto_irq"), std::string::npos) << D.Driver;
  EXPECT_NE(D.Driver.find("model_choose(2)"), std::string::npos) << D.Driver;
  EXPECT_NE(D.Scenario.find("model_spawn(1, proto_process"), std::string::npos) << D.Scenario;
  EXPECT_EQ(generateAbstractDriver(P).Driver, D.Driver);
}

TEST(ProtocolExtractor, WhatCannotBeFollowedIsSaidNotGuessed) {
  Inventory Arr = test::inventoryOf(R"(
#include <linux/interrupt.h>
struct q { struct tasklet_struct bh[2]; };
static void q_bh(struct tasklet_struct *t) { }
void q_init(struct q *q) { tasklet_setup(&q->bh[0], q_bh); tasklet_setup(&q->bh[1], q_bh); }
void q_kick(struct q *q) { tasklet_schedule(&q->bh[1]); }
)");
  const ObjectReport *A = test::findObject(Arr, "bh");
  ASSERT_TRUE(A);
  ObjectProtocol PA = ProtocolExtractor(Arr).extract(*A);
  EXPECT_NE(PA.CannotAbstract.find("array of 2 tasklets"), std::string::npos) << PA.CannotAbstract;

  Inventory Twice = test::inventoryOf(R"(
#include <linux/interrupt.h>
struct r { struct tasklet_struct tl; };
static void r_bh(struct tasklet_struct *t) { }
void r_probe(struct r *r) { tasklet_setup(&r->tl, r_bh); }
void r_open(struct r *r) { tasklet_setup(&r->tl, r_bh); tasklet_schedule(&r->tl); }
)");
  const ObjectReport *T = test::findObject(Twice, "tl");
  ASSERT_TRUE(T);
  ObjectProtocol PT = ProtocolExtractor(Twice).extract(*T);
  EXPECT_NE(PT.CannotAbstract.find("initialised in 2 functions"), std::string::npos) << PT.CannotAbstract;

  Inventory Manual = test::inventoryOf(R"(
#include <linux/interrupt.h>
struct m { struct tasklet_struct tl; };
static void m_bh(struct tasklet_struct *t) { }
void m_probe(struct m *m) { tasklet_setup(&m->tl, m_bh); }
int m_busy(struct m *m) { return test_bit(TASKLET_STATE_SCHED, &m->tl.state); }
)");
  const ObjectReport *M = test::findObject(Manual, "tl");
  ASSERT_TRUE(M);
  ObjectProtocol PM = ProtocolExtractor(Manual).extract(*M);
  EXPECT_NE(PM.CannotAbstract.find("manual verdict [internals-accessed]"), std::string::npos)
      << PM.CannotAbstract;
}

TEST(ProtocolExtractor, EachCallbackOfSeveralHasAProtocolOfItsOwn) {
  // Two chips initialise one field with their own callbacks; chip b's callback
  // re-arms the tasklet, chip a's does not.
  Inventory Inv = test::inventoryOf(R"(
#include <linux/interrupt.h>
struct chip { struct tasklet_struct tl; };
static void a_bh(struct tasklet_struct *t) { }
static void b_bh(struct tasklet_struct *t)
{
	struct chip *c = from_tasklet(c, t, tl);
	tasklet_schedule(&c->tl);
}
void a_probe(struct chip *c) { tasklet_setup(&c->tl, a_bh); }
void b_probe(struct chip *c) { tasklet_setup(&c->tl, b_bh); }
void chip_kick(struct chip *c) { tasklet_schedule(&c->tl); }
)");
  const ObjectReport *O = test::findObject(Inv, "tl");
  ASSERT_TRUE(O);
  ProtocolExtractor X(Inv);
  ObjectProtocol Whole = X.extract(*O);
  ASSERT_EQ(Whole.SeveralCallbacks.size(), 2u) << Whole.CannotAbstract;
  for (const std::string &Key : Whole.SeveralCallbacks) {
    ObjectProtocol P = X.extract(*O, Key);
    ASSERT_TRUE(P.abstracted()) << P.CannotAbstract;
    // The other chip's probe is not this instance's.
    bool A = P.Callback == "a_bh";
    EXPECT_TRUE(function(P, A ? "a_probe" : "b_probe"));
    EXPECT_FALSE(function(P, A ? "b_probe" : "a_probe"));
    // Chip b's callback may reach this instance too (uses are per field): it
    // stays, as the callback it is, or as softirq code of another instance.
    const ProtocolFunction *B = function(P, "b_bh");
    ASSERT_TRUE(B);
    EXPECT_EQ(B->Context, A ? ProtocolContext::Softirq : ProtocolContext::Callback);
    ASSERT_TRUE(function(P, "chip_kick"));
  }
}

} // namespace
} // namespace detasklet
