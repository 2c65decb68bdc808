// Golden inventories: each corpus pattern scanned on its own must give the JSON
// stored beside it in expected/scan.json. Set DETASKLET_UPDATE_GOLDEN=1 to
// rewrite them, then read the diff before committing it.
#include "inventory/InventoryJson.h"
#include "tool/ScanCommand.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
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

std::string scanJson(const std::vector<std::string> &Inputs, unsigned Jobs) {
  SelectionRequest Sel;
  Sel.Inputs = Inputs;
  RunOptions Run;
  Run.Jobs = Jobs;
  llvm::Expected<Inventory> Inv = buildInventory(Sel, Run, "");
  if (!Inv)
    return "error: " + llvm::toString(Inv.takeError());
  Inv->Root = "test-corpus"; // the absolute checkout path would differ per machine
  std::string Json = llvm::formatv("{0:2}", toJSON(*Inv)).str() + "\n";
  // Macros spelled in the shim headers lie outside the root and so are named by
  // absolute path; the checkout's location must not reach the goldens.
  const llvm::StringRef ShimDir = DETASKLET_SHIM_DIR;
  for (size_t At = Json.find(ShimDir.data()); At != std::string::npos;
       At = Json.find(ShimDir.data(), At))
    Json.replace(At, ShimDir.size(), "<shim>");
  return Json;
}

class CorpusGolden : public testing::TestWithParam<std::string> {};

TEST_P(CorpusGolden, ScanMatchesExpected) {
  const std::string Dir = std::string(DETASKLET_CORPUS_DIR) + "/" + GetParam();
  const std::string Golden = Dir + "/expected/scan.json";
  std::string Actual = scanJson({Dir}, 1);
  if (std::getenv("DETASKLET_UPDATE_GOLDEN")) {
    llvm::sys::fs::create_directories(Dir + "/expected");
    std::error_code EC;
    llvm::raw_fd_ostream(Golden, EC) << Actual;
    ASSERT_FALSE(EC) << Golden;
    return;
  }
  auto Expected = llvm::MemoryBuffer::getFile(Golden);
  ASSERT_TRUE(bool(Expected)) << Golden << " is missing (DETASKLET_UPDATE_GOLDEN=1 writes it)";
  EXPECT_EQ((*Expected)->getBuffer().str(), Actual) << "scan of " << GetParam() << " changed";
}

INSTANTIATE_TEST_SUITE_P(Patterns, CorpusGolden, testing::ValuesIn(corpusPatterns()),
                         [](const testing::TestParamInfo<std::string> &Info) {
                           std::string Name = Info.param;
                           std::replace(Name.begin(), Name.end(), '-', '_');
                           return Name;
                         });

TEST(CorpusScan, SameResultWhateverTheThreadCount) {
  EXPECT_EQ(scanJson({DETASKLET_CORPUS_DIR}, 1), scanJson({DETASKLET_CORPUS_DIR}, 2));
}

} // namespace
