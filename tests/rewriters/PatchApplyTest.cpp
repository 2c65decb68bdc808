// Reading a patch series back: what unifiedDiff() writes applies to the file
// it came from and gives the edited file; a moved hunk still applies, a wrong
// one says where; old lines map to new ones across a series.
#include "rewriters/PatchApply.h"
#include "rewriters/UnifiedDiff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <map>

using namespace detasklet;

namespace {

std::string numbered(unsigned From, unsigned To) {
  std::string Out;
  for (unsigned I = From; I <= To; ++I)
    Out += "line " + std::to_string(I) + "\n";
  return Out;
}

AppliedFile applyOrFail(llvm::StringRef Original, llvm::StringRef Patch) {
  llvm::Expected<std::vector<FileDiff>> Diffs = parsePatch(Patch, "p.patch");
  EXPECT_TRUE(bool(Diffs)) << llvm::toString(Diffs.takeError());
  if (!Diffs)
    return {};
  EXPECT_EQ(Diffs->size(), 1u);
  llvm::Expected<AppliedFile> Out = applyFileDiff(Original, Diffs->front(), "p.patch");
  EXPECT_TRUE(bool(Out)) << llvm::toString(Out.takeError());
  return Out ? std::move(*Out) : AppliedFile{};
}

TEST(PatchApply, OwnDiffsApplyToTheirOriginal) {
  EditedFile F{"drivers/x.c", numbered(1, 40), numbered(1, 40)};
  F.Modified.replace(F.Modified.find("line 5\n"), 7, "new 5a\nnew 5b\n");
  F.Modified.erase(F.Modified.find("line 20\n"), 8);
  F.Modified += "tail\n";
  std::string Patch = "From: someone\nSubject: [PATCH] x\n\n---\n" + unifiedDiff(F);
  AppliedFile Out = applyOrFail(F.Original, Patch);
  EXPECT_EQ(Out.Text, F.Modified);
}

TEST(PatchApply, AFileWithoutTheLastNewline) {
  EditedFile F{"a.c", "one\ntwo", "one\n2"};
  AppliedFile Out = applyOrFail(F.Original, unifiedDiff(F));
  EXPECT_EQ(Out.Text, F.Modified);
  EditedFile G{"a.c", "one\ntwo", "one\ntwo\n"};
  EXPECT_EQ(applyOrFail(G.Original, unifiedDiff(G)).Text, G.Modified);
}

TEST(PatchApply, AMovedHunkStillApplies) {
  EditedFile F{"a.c", numbered(1, 30), numbered(1, 30)};
  F.Modified.replace(F.Modified.find("line 15\n"), 8, "fifteen\n");
  std::string Patch = unifiedDiff(F);
  // Three lines more at the top of the file than the diff was made against.
  AppliedFile Out = applyOrFail("extra\nextra\nextra\n" + F.Original, Patch);
  EXPECT_EQ(Out.Text, "extra\nextra\nextra\n" + F.Modified);
  EXPECT_EQ(Out.Lines.newLine(18), 18u);
  EXPECT_EQ(Out.Lines.newLine(3), 3u);
}

TEST(PatchApply, AHunkThatDoesNotMatchSaysWhere) {
  EditedFile F{"drivers/x.c", numbered(1, 10), numbered(1, 10)};
  F.Modified.replace(F.Modified.find("line 5\n"), 7, "five\n");
  llvm::Expected<std::vector<FileDiff>> Diffs = parsePatch(unifiedDiff(F), "0001-x.patch");
  ASSERT_TRUE(bool(Diffs)) << llvm::toString(Diffs.takeError());
  std::string Other = numbered(1, 10);
  Other.replace(Other.find("line 5\n"), 7, "changed meanwhile\n");
  llvm::Expected<AppliedFile> Out = applyFileDiff(Other, Diffs->front(), "0001-x.patch");
  ASSERT_FALSE(bool(Out));
  std::string Message = llvm::toString(Out.takeError());
  EXPECT_NE(Message.find("0001-x.patch:"), std::string::npos) << Message;
  EXPECT_NE(Message.find("does not apply to drivers/x.c"), std::string::npos) << Message;
}

TEST(PatchApply, MalformedHunksAreErrors) {
  EXPECT_FALSE(bool(parsePatch("no diff here\n", "p")));
  llvm::Expected<std::vector<FileDiff>> Short =
      parsePatch("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n", "p");
  ASSERT_FALSE(bool(Short));
  EXPECT_NE(llvm::toString(Short.takeError()).find("p:3:"), std::string::npos);
}

TEST(PatchApply, LinesMapAcrossChanges) {
  LineMap M;
  M.add(5, 2, 3); // old 5-6 became new 5-7
  M.add(10, 0, 1); // one line inserted before old 10
  EXPECT_EQ(M.newLine(4), 4u);
  EXPECT_EQ(M.newLine(5), 5u);
  EXPECT_EQ(M.newLine(6), 5u);
  EXPECT_EQ(M.newLine(7), 8u);
  EXPECT_EQ(M.newLine(9), 10u);
  EXPECT_EQ(M.newLine(10), 12u);
  LineMap Later;
  Later.add(1, 1, 0); // the next patch removes the first line
  M.then(Later);
  EXPECT_EQ(M.newLine(7), 7u);
  EXPECT_EQ(M.newLine(1), 1u);
}

// verify --series pairs a tasklet with the work item declared anywhere in
// the change that replaced its declaration.
TEST(PatchApply, ALineMapsToEverythingThatReplacedIt) {
  LineMap M;
  M.add(5, 2, 3);  // old 5-6 became new 5-7
  M.add(10, 1, 0); // old 10 removed
  auto Kept = M.newLines(4), Changed = M.newLines(6), Removed = M.newLines(10),
       After = M.newLines(11);
  EXPECT_EQ(Kept.First, 4u);
  EXPECT_EQ(Kept.Count, 1u);
  EXPECT_EQ(Changed.First, 5u);
  EXPECT_EQ(Changed.Count, 3u);
  EXPECT_EQ(Removed.Count, 0u);
  EXPECT_EQ(After.First, 11u);
  EXPECT_EQ(After.Count, 1u);
  LineMap Later;
  Later.add(6, 1, 2); // the next patch splits new line 6 in two
  M.then(Later);
  auto Twice = M.newLines(5);
  EXPECT_EQ(Twice.First, 5u);
  EXPECT_EQ(Twice.Count, 4u);
  EXPECT_EQ(M.newLines(4).First, 4u);
  EXPECT_EQ(M.newLines(10).Count, 0u);
}

class PatchSeriesApply : public testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> D;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("detasklet-series-test", D));
    Dir = std::string(D);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }
  std::string writePatch(llvm::StringRef Name, llvm::StringRef Text) {
    std::string Path = Dir + "/" + Name.str();
    std::error_code EC;
    llvm::raw_fd_ostream(Path, EC) << Text;
    EXPECT_FALSE(EC);
    return Path;
  }
  std::string Dir;
};

TEST_F(PatchSeriesApply, LaterPatchesSeeEarlierOnes) {
  std::map<std::string, std::string> Tree = {{"a.c", numbered(1, 20)}};
  EditedFile First{"a.c", Tree["a.c"], Tree["a.c"]};
  First.Modified.replace(First.Modified.find("line 2\n"), 7, "two\nand a half\n");
  EditedFile Second{"a.c", First.Modified, First.Modified};
  Second.Modified.replace(Second.Modified.find("line 15\n"), 8, "fifteen\n");
  // git's form of a new file (detasklet itself never creates one).
  const std::string Created = "diff --git a/new.h b/new.h\nnew file mode 100644\n"
                              "--- /dev/null\n+++ b/new.h\n@@ -0,0 +1 @@\n+#define NEW 1\n";
  std::vector<std::string> Patches = {
      writePatch("0001-a.patch", unifiedDiff(First)),
      writePatch("0002-a.patch", unifiedDiff(Second) + Created)};
  auto Read = [&](llvm::StringRef Path) -> std::optional<std::string> {
    auto It = Tree.find(Path.str());
    if (It == Tree.end())
      return std::nullopt;
    return It->second;
  };
  llvm::Expected<AppliedSeries> Series = AppliedSeries::apply(Patches, Read);
  ASSERT_TRUE(bool(Series)) << llvm::toString(Series.takeError());
  const AppliedFile &A = Series->files().find("a.c")->second;
  EXPECT_EQ(A.Text, Second.Modified);
  EXPECT_EQ(A.Lines.newLine(15), 16u); // one line more above it, then replaced in place
  EXPECT_EQ(A.Lines.newLine(3), 4u);
  EXPECT_EQ(Series->files().find("new.h")->second.Text, "#define NEW 1\n");

  // A series that changes a file the tree does not have.
  EditedFile Elsewhere{"gone.c", "x\n", "y\n"};
  std::vector<std::string> Bad = {writePatch("0001-gone.patch", unifiedDiff(Elsewhere))};
  llvm::Expected<AppliedSeries> Failed = AppliedSeries::apply(Bad, Read);
  ASSERT_FALSE(bool(Failed));
  EXPECT_NE(llvm::toString(Failed.takeError()).find("gone.c, which is not in the tree"),
            std::string::npos);
}

} // namespace
