// Golden conversions: each corpus pattern converted to a BH workqueue must give
// expected/convert.diff and the objects left alone in expected/manual.txt; and
// every converted driver must still compile against the shim headers.
// DETASKLET_UPDATE_GOLDEN=1 rewrites the goldens (read the diff before committing).
#include "rewriters/EditPlanner.h"
#include "rewriters/UnifiedDiff.h"
#include "tool/ScanCommand.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <cstdlib>

using namespace detasklet;

namespace {

std::vector<std::string> corpusPatterns() {
  std::vector<std::string> Patterns;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(DETASKLET_CORPUS_DIR, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::sys::fs::is_directory(It->path()))
      Patterns.push_back(llvm::sys::path::filename(It->path()).str());
  std::sort(Patterns.begin(), Patterns.end());
  return Patterns;
}

struct Converted {
  std::string Diff, Manual;
  std::vector<EditedFile> Files;
};

Converted convert(const std::string &Dir) {
  SelectionRequest Sel;
  Sel.Inputs = {Dir};
  RunOptions Run;
  Run.Jobs = 1;
  Inventory Inv = llvm::cantFail(buildInventory(Sel, Run, ""));
  ConvertRules Rules = llvm::cantFail(ConvertRules::loadTarget("bh"));
  SourceFiles Sources(Inv.Root);
  ConversionPlan Plan = planConversion(Inv, Rules, Sources);
  Converted C;
  for (const EditedFile &F : Plan.Files)
    C.Diff += unifiedDiff(F);
  C.Files = Plan.Files;
  for (const ObjectReport &O : Inv.Objects)
    for (const Finding &F : O.Reasons)
      C.Manual += O.Decl.Key + ": " + F.Code + "\n";
  for (const GroupPlan &G : Plan.Groups)
    for (const Finding &F : G.Problems)
      for (const std::string &K : G.Objects)
        C.Manual += K + ": " + F.Code + ": " + F.Message + "\n";
  return C;
}

void compareOrUpdate(const std::string &Path, const std::string &Actual) {
  if (std::getenv("DETASKLET_UPDATE_GOLDEN")) {
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
    std::error_code EC;
    llvm::raw_fd_ostream(Path, EC) << Actual;
    ASSERT_FALSE(EC) << Path;
    return;
  }
  auto Expected = llvm::MemoryBuffer::getFile(Path);
  ASSERT_TRUE(bool(Expected)) << Path << " is missing (DETASKLET_UPDATE_GOLDEN=1 writes it)";
  EXPECT_EQ((*Expected)->getBuffer().str(), Actual) << Path;
}

class ConvertGolden : public testing::TestWithParam<std::string> {};

TEST_P(ConvertGolden, DiffAndManualListMatchExpected) {
  const std::string Dir = std::string(DETASKLET_CORPUS_DIR) + "/" + GetParam();
  Converted C = convert(Dir);
  compareOrUpdate(Dir + "/expected/convert.diff", C.Diff);
  compareOrUpdate(Dir + "/expected/manual.txt", C.Manual);
}

// The converted sources, placed over a copy of the corpus, compile with the
// same flags as the originals.
TEST_P(ConvertGolden, ConvertedDriverCompiles) {
  auto Clang = llvm::sys::findProgramByName("clang-19");
  if (!Clang)
    GTEST_SKIP() << "clang-19 is not installed";
  const std::string Dir = std::string(DETASKLET_CORPUS_DIR) + "/" + GetParam();
  Converted C = convert(Dir);
  if (C.Files.empty())
    GTEST_SKIP() << "nothing converted in " << GetParam();
  llvm::SmallString<128> Tmp;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("detasklet-convert", Tmp));
  // Copy the pattern's files, then overwrite the converted ones.
  std::error_code EC;
  std::vector<std::string> Sources;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    if (!P.ends_with(".c") && !P.ends_with(".h"))
      continue;
    std::string Rel = P.drop_front(std::string(DETASKLET_CORPUS_DIR).size() + 1).str();
    llvm::SmallString<128> Out(Tmp);
    llvm::sys::path::append(Out, Rel);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Out));
    llvm::sys::fs::copy_file(P, Out);
    if (P.ends_with(".c"))
      Sources.push_back(std::string(Out));
  }
  for (const EditedFile &F : C.Files) {
    llvm::SmallString<128> Out(Tmp);
    llvm::sys::path::append(Out, F.Path);
    llvm::raw_fd_ostream(Out, EC) << F.Modified;
  }
  for (const std::string &S : Sources) {
    std::vector<llvm::StringRef> Args = {*Clang,       "-fsyntax-only", "-nostdinc",
                                         "-isystem",   DETASKLET_SHIM_DIR, "-std=gnu11",
                                         "-D__KERNEL__", "-Wall",        "-Werror", S};
    std::string Message;
    int Rc = llvm::sys::ExecuteAndWait(*Clang, Args, std::nullopt, {}, 0, 0, &Message);
    EXPECT_EQ(Rc, 0) << S << " does not compile after conversion " << Message;
  }
  llvm::sys::fs::remove_directories(Tmp);
}

INSTANTIATE_TEST_SUITE_P(Patterns, ConvertGolden, testing::ValuesIn(corpusPatterns()),
                         [](const testing::TestParamInfo<std::string> &Info) {
                           std::string Name = Info.param;
                           std::replace(Name.begin(), Name.end(), '-', '_');
                           return Name;
                         });

} // namespace
