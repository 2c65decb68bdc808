#include "TestSupport.h"

#include "matchers/TaskletApi.h"
#include "matchers/TuFactsAction.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace detasklet::test {

TuFacts collect(const std::string &Code, const std::string &FileName,
                const std::map<std::string, std::string> &ExtraFiles, const TaskletApi *Api) {
  static const TaskletApi Tasklets = llvm::cantFail(TaskletApi::loadDefault());
  TuFacts Facts;
  TuFactsActionFactory Factory(Api ? *Api : Tasklets, "/virtual", Facts);
  clang::tooling::FileContentMappings Mapped;
  for (const auto &[Name, Content] : ExtraFiles)
    Mapped.emplace_back("/virtual/" + Name, Content);
  std::vector<std::string> Args = {"-nostdinc", "-isystem", DETASKLET_SHIM_DIR, "-std=gnu11",
                                   "-D__KERNEL__", "-I/virtual"};
  bool Ok = clang::tooling::runToolOnCodeWithArgs(Factory.create(), Code, Args,
                                                  "/virtual/" + FileName, "detasklet-test",
                                                  std::make_shared<clang::PCHContainerOperations>(),
                                                  Mapped);
  EXPECT_TRUE(Ok) << "test code does not compile";
  return Facts;
}

Inventory inventoryOf(const std::string &Code, const std::string &FileName,
                      const std::map<std::string, std::string> &ExtraFiles, const TaskletApi *Api) {
  InventoryBuilder Builder("/virtual");
  Builder.add(collect(Code, FileName, ExtraFiles, Api));
  return Builder.finish();
}

const ObjectReport *findObject(const Inventory &Inv, const std::string &Name) {
  for (const ObjectReport &O : Inv.Objects)
    if (O.Decl.Name == Name)
      return &O;
  return nullptr;
}

unsigned countUses(const ObjectReport &O, UseKind Kind) {
  unsigned N = 0;
  for (const Use &U : O.Uses)
    N += U.Kind == Kind;
  return N;
}

const Use *firstUse(const ObjectReport &O, UseKind Kind) {
  for (const Use &U : O.Uses)
    if (U.Kind == Kind)
      return &U;
  return nullptr;
}

bool hasReason(const ObjectReport &O, const std::string &Code) {
  for (const Finding &F : O.Reasons)
    if (F.Code == Code)
      return true;
  return false;
}

bool hasNote(const ObjectReport &O, const std::string &Code) {
  for (const Finding &F : O.Notes)
    if (F.Code == Code)
      return true;
  return false;
}

} // namespace detasklet::test
