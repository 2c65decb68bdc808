// The explorer's building blocks on their own: footprints and independence,
// actors and replay tokens, property ids, the benign-difference catalogue.
#include "runtime/core/Actor.h"
#include "runtime/core/BenignCatalogue.h"
#include "runtime/core/Footprint.h"
#include "runtime/core/Property.h"
#include "runtime/core/ReplayToken.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include "RuntimeTestSupport.h"

namespace detasklet::runtime {
namespace {

TEST(FootprintTest, ReadsCommuteWritesDoNot) {
  int Word[4] = {};
  Footprint R1, R2, W1;
  R1.read(&Word[0], 4);
  R2.read(&Word[0], 4);
  W1.write(&Word[0], 4);
  for (Footprint *F : {&R1, &R2, &W1})
    F->normalize();
  EXPECT_FALSE(R1.conflictsWith(R2));
  EXPECT_TRUE(R1.conflictsWith(W1));
  EXPECT_TRUE(W1.conflictsWith(R2));
  EXPECT_TRUE(W1.conflictsWith(W1));
}

TEST(FootprintTest, DisjointRangesAndAdjacentBytes) {
  char Buf[16] = {};
  Footprint A, B, C;
  A.write(&Buf[0], 4);
  B.write(&Buf[4], 4); // adjacent, not overlapping
  C.read(&Buf[3], 2);  // overlaps the last byte of A and the first of B
  for (Footprint *F : {&A, &B, &C})
    F->normalize();
  EXPECT_FALSE(A.conflictsWith(B));
  EXPECT_TRUE(A.conflictsWith(C));
  EXPECT_TRUE(B.conflictsWith(C));
}

TEST(FootprintTest, ModelKeysPerCpuAndPerPool) {
  Footprint CpuRead, OtherCpuWrite, SameCpuWrite, PoolRead, OtherPoolWrite, Line;
  CpuRead.readKey(KeyKind::Softirq, 0);
  OtherCpuWrite.writeKey(KeyKind::Softirq, 1);
  SameCpuWrite.writeKey(KeyKind::Softirq, 0);
  PoolRead.readKey(KeyKind::Pool, 5);
  OtherPoolWrite.writeKey(KeyKind::Pool, 6);
  Line.writeKey(KeyKind::IrqLine, 5); // same index, different kind
  EXPECT_FALSE(CpuRead.conflictsWith(OtherCpuWrite));
  EXPECT_TRUE(CpuRead.conflictsWith(SameCpuWrite));
  EXPECT_FALSE(PoolRead.conflictsWith(OtherPoolWrite));
  EXPECT_FALSE(PoolRead.conflictsWith(Line));
}

TEST(FootprintTest, SettleReadsEverything) {
  Footprint Settle, Write, Read;
  Settle.readEverything();
  Write.write(&Settle, 1);
  Read.read(&Settle, 1);
  EXPECT_TRUE(Settle.conflictsWith(Write));
  EXPECT_FALSE(Settle.conflictsWith(Read));
}

TEST(FootprintTest, ManyRangesSpillAndStillCompare) {
  static char Buf[256];
  Footprint Many, One;
  for (int I = 0; I < 40; ++I)
    Many.read(&Buf[I * 4], 1); // not adjacent: 40 separate ranges
  One.write(&Buf[39 * 4], 1);
  Many.normalize();
  One.normalize();
  EXPECT_EQ(Many.size(), 40u);
  EXPECT_TRUE(Many.conflictsWith(One));
  Footprint Copy = Many;
  EXPECT_TRUE(Copy.conflictsWith(One));
}

TEST(ReplayTokenTest, RoundTrip) {
  ReplayToken T;
  T.Cpus = 3;
  T.TimerBudget = 1;
  T.Choices = {Actor::thread(0), Actor::event(ActorKind::IrqDelivery, 1),
               Actor::event(ActorKind::SoftirqEntry, 2), Actor::event(ActorKind::WorkerStart, 0, 3),
               Actor::event(ActorKind::TimerFire, 1), Actor::thread(12), Actor::choice(3, 1)};
  std::string Text = T.spell();
  EXPECT_EQ(Text, "dtr1/c3/b1/t0,i1,s2,w0.3,x1,t12,k3.1");
  std::string Error;
  auto Back = ReplayToken::parse(Text, Error);
  ASSERT_TRUE(Back) << Error;
  EXPECT_EQ(Back->Cpus, 3u);
  EXPECT_EQ(Back->TimerBudget, 1u);
  EXPECT_EQ(Back->Choices, T.Choices);
}

TEST(ReplayTokenTest, EmptyChoiceListIsValid) {
  std::string Error;
  auto T = ReplayToken::parse("dtr1/c2/b2/", Error);
  ASSERT_TRUE(T) << Error;
  EXPECT_TRUE(T->Choices.empty());
}

TEST(ReplayTokenTest, RejectsMalformed) {
  std::string Error;
  for (const char *Bad : {"", "dtr1", "dtr2/c2/b2/t0", "dtr1/2/b2/t0", "dtr1/c2/b2/q0", "dtr1/c2/b2/t0,,t1",
                          "dtr1/c2/b2/w1", "dtr1/cx/b2/t0"}) {
    Error.clear();
    EXPECT_FALSE(ReplayToken::parse(Bad, Error)) << Bad;
    EXPECT_FALSE(Error.empty()) << Bad;
  }
}

TEST(PropertyTest, NamesAreUniqueAndFindable) {
  std::set<std::string> Names;
  for (const PropertyInfo &P : allProperties()) {
    EXPECT_TRUE(Names.insert(P.Name).second) << P.Name;
    auto Back = propertyByName(P.Name);
    ASSERT_TRUE(Back);
    EXPECT_EQ(*Back, P.Id);
    EXPECT_EQ(&propertyInfo(P.Id), &P);
  }
  for (const char *Required : {"concurrent-run", "lost-run", "run-while-disabled", "running-after-sync",
                               "use-after-free", "sleep-in-atomic", "deadlock"})
    EXPECT_TRUE(Names.count(Required)) << Required;
  EXPECT_FALSE(propertyByName("no-such-property"));
}

TEST(BenignCatalogueTest, ShippedCatalogueDocumentsTheUpstreamDifferences) {
  BenignCatalogue C;
  std::string Error;
  ASSERT_TRUE(C.load(BenignCatalogue::shippedPath(), Error)) << Error;
  for (const char *Id : {"extra-run-after-enable", "cancel-dropped-pending"}) {
    const BenignDifference *D = C.find(Id);
    ASSERT_TRUE(D) << Id;
    EXPECT_EQ(D->Side, "converted");
    EXPECT_FALSE(D->Why.empty());
  }
  EXPECT_FALSE(C.find("lost-run"));
}

TEST(BenignCatalogueTest, RejectsBadEntries) {
  std::string Path = test::workDir() + "/bad-catalogue-" + std::to_string(getpid()) + ".yaml";
  std::filesystem::create_directories(test::workDir());
  {
    std::ofstream Out(Path);
    Out << "- id: x\n  side: sideways\n  meaning: m\n  why: w\n";
  }
  BenignCatalogue C;
  std::string Error;
  EXPECT_FALSE(C.load(Path, Error));
  EXPECT_NE(Error.find("side"), std::string::npos) << Error;
  {
    std::ofstream Out(Path);
    Out << "- id: x\n  side: converted\n  meaning: m\n";
  }
  EXPECT_FALSE(C.load(Path, Error));
}

} // namespace
} // namespace detasklet::runtime
