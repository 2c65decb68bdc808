// Merging facts: duplicates from shared headers, groups, verdict propagation,
// order independence, and the JSON schema's shape.
#include "inventory/InventoryJson.h"
#include "inventory/Reasons.h"

#include "gtest/gtest.h"

#include <algorithm>

using namespace detasklet;

namespace {

ObjectDecl field(const std::string &Record, const std::string &Name, const std::string &File) {
  ObjectDecl O;
  O.Key = "field:" + File + ":" + Record + "::" + Name;
  O.Name = Name;
  O.Record = Record;
  O.Declared = {File, 3, 24};
  return O;
}

Use use(const std::string &Target, UseKind Kind, const std::string &File, unsigned Line,
        const std::string &LinkedTo = "") {
  Use U;
  U.Target = Target;
  U.Kind = Kind;
  U.Site.Where = U.Site.Spelling = {File, Line, 2};
  U.LinkedTo = LinkedTo;
  return U;
}

TEST(Inventory, HeaderSeenByTwoTusCountsOnce) {
  ObjectDecl O = field("struct d", "tl", "d.h");
  TuFacts A, B;
  A.MainFile = "a.c";
  B.MainFile = "b.c";
  A.Objects = B.Objects = {O};
  // An inline function in the header schedules it: both TUs see that use.
  A.Uses = {use(O.Key, UseKind::Schedule, "d.h", 10), use(O.Key, UseKind::InitSetup, "a.c", 5)};
  B.Uses = {use(O.Key, UseKind::Schedule, "d.h", 10)};
  InventoryBuilder Builder("/");
  Builder.add(A);
  Builder.add(B);
  Inventory Inv = Builder.finish();
  ASSERT_EQ(Inv.Objects.size(), 1u);
  EXPECT_EQ(Inv.Objects[0].Uses.size(), 2u);
}

TEST(Inventory, OneManualMemberKeepsTheGroupManual) {
  ObjectDecl X = field("struct d", "x", "d.c"), Y = field("struct d", "y", "d.c");
  TuFacts F;
  F.Objects = {X, Y};
  F.Aliases = {{"param:d.c:kick#0", "parameter 't' of kick()", {"d.c", 1, 1}}};
  CallbackInfo Cb;
  Cb.Key = "callback:d.c:cb";
  Cb.Name = "cb";
  Cb.Defined = true;
  F.Callbacks = {Cb};
  F.Uses = {use(X.Key, UseKind::InitSetup, "d.c", 5, Cb.Key),
            use(Y.Key, UseKind::InitSetup, "d.c", 6, Cb.Key),
            use(X.Key, UseKind::EscapeParam, "d.c", 7, "param:d.c:kick#0"),
            use(Y.Key, UseKind::EscapeParam, "d.c", 8, "param:d.c:kick#0"),
            use(Y.Key, UseKind::InternalsField, "d.c", 9)};
  InventoryBuilder Builder("/");
  Builder.add(F);
  Inventory Inv = Builder.finish();
  ASSERT_EQ(Inv.Objects.size(), 2u);
  for (const ObjectReport &O : Inv.Objects) {
    EXPECT_FALSE(O.convertible()) << O.Decl.Key;
    EXPECT_EQ(O.ConvertedWith.size(), 1u);
  }
  auto X2 = std::find_if(Inv.Objects.begin(), Inv.Objects.end(),
                         [](const ObjectReport &O) { return O.Decl.Name == "x"; });
  ASSERT_NE(X2, Inv.Objects.end());
  ASSERT_EQ(X2->Reasons.size(), 1u) << X2->Reasons[0].Code << " " << X2->Reasons[1].Code;
  EXPECT_EQ(X2->Reasons[0].Code, "blocked-by-group");
}

TEST(Inventory, ResultDoesNotDependOnTuOrder) {
  ObjectDecl O = field("struct d", "tl", "d.h");
  TuFacts A, B;
  A.MainFile = "a.c";
  B.MainFile = "b.c";
  A.Objects = B.Objects = {O};
  A.Uses = {use(O.Key, UseKind::InitSetup, "a.c", 5)};
  B.Uses = {use(O.Key, UseKind::Kill, "b.c", 9)};
  InventoryBuilder One("/"), Two("/");
  One.add(A);
  One.add(B);
  Two.add(B);
  Two.add(A);
  EXPECT_EQ(llvm::formatv("{0}", toJSON(One.finish())).str(),
            llvm::formatv("{0}", toJSON(Two.finish())).str());
}

TEST(Inventory, CallbackCallsOfUnregisteredFunctionsAreDropped) {
  TuFacts F;
  F.Uses = {use("callback:udelay", UseKind::CallbackCall, "x.c", 3)};
  InventoryBuilder Builder("/");
  Builder.add(F);
  Inventory Inv = Builder.finish();
  EXPECT_TRUE(Inv.Objects.empty());
  EXPECT_TRUE(Inv.Unattached.empty());
}

TEST(Inventory, EveryFindingCodeIsCatalogued) {
  std::vector<std::string> Codes;
  for (const FindingInfo &I : findingCatalogue())
    Codes.push_back(I.Code);
  std::vector<std::string> Sorted = Codes;
  std::sort(Sorted.begin(), Sorted.end());
  EXPECT_EQ(std::unique(Sorted.begin(), Sorted.end()), Sorted.end()) << "duplicate code";
  for (const std::string &C : Codes)
    EXPECT_EQ(C.find_first_not_of("abcdefghijklmnopqrstuvwxyz-"), std::string::npos) << C;
}

TEST(Inventory, JsonCarriesSchemaSummaryAndObjects) {
  ObjectDecl O = field("struct d", "tl", "d.c");
  TuFacts F;
  F.MainFile = "d.c";
  F.Objects = {O};
  F.Uses = {use(O.Key, UseKind::Schedule, "d.c", 4)};
  InventoryBuilder Builder("/");
  Builder.add(F);
  Builder.addFailure({"bad.c", "bad.c:1:1: error: expected ';'", 1});
  llvm::json::Value V = toJSON(Builder.finish());
  const llvm::json::Object *Root = V.getAsObject();
  ASSERT_TRUE(Root);
  EXPECT_EQ(Root->getString("schema"), llvm::StringRef(InventorySchema));
  EXPECT_EQ(Root->getBoolean("partial"), true);
  const llvm::json::Object *Summary = Root->getObject("summary");
  ASSERT_TRUE(Summary);
  EXPECT_EQ(Summary->getInteger("objects"), 1);
  EXPECT_EQ(Summary->getInteger("manual"), 1); // no init seen
  EXPECT_EQ(Summary->getInteger("tus_failed"), 1);
  const llvm::json::Array *Objects = Root->getArray("objects");
  ASSERT_TRUE(Objects && Objects->size() == 1);
  const llvm::json::Object *Obj = (*Objects)[0].getAsObject();
  EXPECT_EQ(Obj->getString("verdict"), llvm::StringRef("manual"));
  EXPECT_EQ((*Obj->getArray("reasons"))[0].getAsObject()->getString("code"),
            llvm::StringRef("init-not-seen"));
}

} // namespace
