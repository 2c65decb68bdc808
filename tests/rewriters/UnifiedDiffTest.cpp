// unifiedDiff must print what git prints (hunks, ranges, function context,
// missing newlines) and what git apply / patch -p1 accept. Each case states
// the expected text and, when git is installed, is also compared with git's
// own diff of the same change.
#include "rewriters/UnifiedDiff.h"

#include "Shell.h"

#include "gtest/gtest.h"

#include <random>
#include <regex>

using namespace detasklet;
using namespace detasklet::test;

namespace {

std::string numbered(int From, int To) {
  std::string S;
  for (int I = From; I <= To; ++I)
    S += "line " + std::to_string(I) + "\n";
  return S;
}

// The text from the first hunk header on.
std::string hunks(const std::string &Diff) {
  size_t At = Diff.find("\n@@ ");
  return At == std::string::npos ? Diff : Diff.substr(At + 1);
}

// git's own diff of the change, with the mode dropped from the index line
// (unifiedDiff does not know it); empty when git is not installed.
std::string gitDiff(const EditedFile &F) {
  if (!haveCommand("git"))
    return {};
  ScratchDir Repo;
  writeFile(Repo / F.Path, F.Original);
  std::string Out;
  EXPECT_EQ(
      run(git("init -q . && ") + git("add -A && ") + git("commit -qm base"), Repo.path(), &Out), 0)
      << Out;
  writeFile(Repo / F.Path, F.Modified);
  Out.clear();
  EXPECT_EQ(run(git("-c core.abbrev=12 diff"), Repo.path(), &Out), 0) << Out;
  return std::regex_replace(Out, std::regex("(\nindex [0-9a-f]+\\.\\.[0-9a-f]+) 100644\n"), "$1\n");
}

void expectHunks(const EditedFile &F, const std::string &Expected) {
  const std::string Diff = unifiedDiff(F);
  EXPECT_EQ(hunks(Diff), Expected);
  if (haveCommand("git")) {
    EXPECT_EQ(Diff, gitDiff(F)) << "differs from git's diff";
  }
}

} // namespace

TEST(UnifiedDiff, UnchangedFileHasNoDiff) { EXPECT_EQ(unifiedDiff({"a.c", "x\n", "x\n"}), ""); }

TEST(UnifiedDiff, HeaderNamesBothSidesAndTheBlobs) {
  // Blob ids of "" and "hello\n" are fixed points of git's object format.
  EXPECT_EQ(unifiedDiff({"drivers/dma/pl330.c", "", "hello\n"}),
            "diff --git a/drivers/dma/pl330.c b/drivers/dma/pl330.c\n"
            "index e69de29bb2d1..ce013625030b\n"
            "--- a/drivers/dma/pl330.c\n"
            "+++ b/drivers/dma/pl330.c\n"
            "@@ -0,0 +1 @@\n"
            "+hello\n");
}

TEST(UnifiedDiff, SingleChange) {
  expectHunks({"a.c", numbered(1, 10), numbered(1, 4) + "changed\n" + numbered(6, 10)},
              "@@ -2,7 +2,7 @@ line 1\n"
              " line 2\n line 3\n line 4\n-line 5\n+changed\n line 6\n line 7\n line 8\n");
}

TEST(UnifiedDiff, SeveralHunks) {
  // Seven unchanged lines between the changes: more than two contexts apart.
  expectHunks({"a.c", numbered(1, 20),
               numbered(1, 4) + "five\n" + numbered(6, 12) + "thirteen\n" + numbered(14, 20)},
              "@@ -2,7 +2,7 @@ line 1\n"
              " line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n"
              "@@ -10,7 +10,7 @@ line 9\n"
              " line 10\n line 11\n line 12\n-line 13\n+thirteen\n line 14\n line 15\n line 16\n");
}

TEST(UnifiedDiff, HunksWhoseContextsTouchAreMerged) {
  // Six unchanged lines between the changes: exactly two contexts, one hunk.
  expectHunks({"a.c", numbered(1, 20),
               numbered(1, 4) + "five\n" + numbered(6, 11) + "twelve\n" + numbered(13, 20)},
              "@@ -2,14 +2,14 @@ line 1\n"
              " line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n"
              " line 9\n line 10\n line 11\n-line 12\n+twelve\n line 13\n line 14\n line 15\n");
}

TEST(UnifiedDiff, InsertionAtStartAndEnd) {
  expectHunks({"a.c", "b\nc\n", "a\nb\nc\n"}, "@@ -1,2 +1,3 @@\n+a\n b\n c\n");
  expectHunks({"a.c", "a\nb\n", "a\nb\nc\n"}, "@@ -1,2 +1,3 @@\n a\n b\n+c\n");
  expectHunks({"a.c", "", "a\n"}, "@@ -0,0 +1 @@\n+a\n");
  expectHunks({"a.c", "a\n", ""}, "@@ -1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiff, NoNewlineAtEndOfFile) {
  const char *Marker = "\\ No newline at end of file\n";
  expectHunks({"a.c", "a\nb", "a\nc"},
              std::string("@@ -1,2 +1,2 @@\n a\n-b\n") + Marker + "+c\n" + Marker);
  expectHunks({"a.c", "a\nb", "a\nb\n"},
              std::string("@@ -1,2 +1,2 @@\n a\n-b\n") + Marker + "+b\n");
  expectHunks({"a.c", "a\nb\n", "a\nb"}, std::string("@@ -1,2 +1,2 @@\n a\n-b\n+b\n") + Marker);
  // An unchanged last line without a newline is context and says so too.
  expectHunks({"a.c", "a\nb\nc", "A\nb\nc"},
              std::string("@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n") + Marker);
}

TEST(UnifiedDiff, FunctionContextIsTheNearestIdentifierLineAboveTheHunk) {
  const std::string Old = "#include <linux/interrupt.h>\n"
                          "\n"
                          "static void poll(struct tasklet_struct *t)\n"
                          "{\n"
                          "\tint a;\n"
                          "\tint b;\n"
                          "\tint c;\n"
                          "\tint d;\n"
                          "\treturn;\n"
                          "}\n";
  std::string New = Old;
  New.replace(New.find("\treturn;"), 8, "\tretry();");
  expectHunks({"drv.c", Old, New},
              "@@ -6,5 +6,5 @@ static void poll(struct tasklet_struct *t)\n"
              " \tint b;\n \tint c;\n \tint d;\n-\treturn;\n+\tretry();\n }\n");
  // A function line inside the hunk is not its context: only lines above count.
  std::string Head = Old;
  Head.replace(Head.find("{\n"), 2, "{ /* x */\n");
  expectHunks({"drv.c", Old, Head},
              "@@ -1,7 +1,7 @@\n"
              " #include <linux/interrupt.h>\n \n static void poll(struct tasklet_struct *t)\n"
              "-{\n+{ /* x */\n \tint a;\n \tint b;\n \tint c;\n");
}

TEST(UnifiedDiff, FunctionContextIsCutAt80Bytes) {
  const std::string Long =
      "static int a_function_with_a_really_long_name_and_parameters(struct device *dev, "
      "unsigned long flags)\n";
  const std::string Old = Long + "{\n\tint a;\n\tint b;\n\tint c;\n\tx();\n}\n";
  std::string New = Old;
  New.replace(New.find("\tx();"), 5, "\ty();");
  const std::string Diff = unifiedDiff({"a.c", Old, New});
  EXPECT_NE(Diff.find("@@ -3,5 +3,5 @@ " + Long.substr(0, 80) + "\n"), std::string::npos) << Diff;
  if (haveCommand("git")) {
    EXPECT_EQ(Diff, gitDiff({"a.c", Old, New}));
  }
}

TEST(UnifiedDiff, PathsWithSpacesAndQuotesAreWrittenLikeGit) {
  EXPECT_EQ(gitQuotedPath("drivers/dma/pl330.c"), "drivers/dma/pl330.c");
  EXPECT_EQ(gitQuotedPath("a\"b\\c\td\xc3\xa9"), "\"a\\\"b\\\\c\\td\\303\\251\"");
  const std::string Diff = unifiedDiff({"dir/with space.c", "a\n", "b\n"});
  EXPECT_NE(Diff.find("--- a/dir/with space.c\t\n+++ b/dir/with space.c\t\n"), std::string::npos)
      << Diff;
  if (haveCommand("git")) {
    EXPECT_EQ(Diff, gitDiff({"dir/with space.c", "a\n", "b\n"}));
  }
}

TEST(UnifiedDiff, DiffStatCountsLines) {
  DiffStat S =
      diffStat({"a.c", numbered(1, 10), numbered(1, 3) + "x\ny\n" + numbered(6, 10) + "z\n"});
  EXPECT_EQ(S.Deletions, 2u);
  EXPECT_EQ(S.Insertions, 3u);
  S = diffStat({"a.c", "same\n", "same\n"});
  EXPECT_EQ(S.Insertions + S.Deletions, 0u);
  S = diffStat({"a.c", "a\nb", "a\nb\n"}); // the newline alone changes a line
  EXPECT_EQ(S.Deletions, 1u);
  EXPECT_EQ(S.Insertions, 1u);
}

TEST(UnifiedDiff, DiffStatBlockScalesLikeGitFormatPatch) {
  // Expected text printed by git 2.39 format-patch for these three changes.
  std::string Even, Small;
  for (int I = 1; I <= 300; ++I)
    Small += std::to_string(I) + "\n";
  for (int I = 2; I <= 900; I += 2)
    Even += std::to_string(I) + "\n";
  std::vector<EditedFile> Files = {
      {"b.c", "a\nb\n", "a\nB\nc\n"},
      {"c.c", "x", "y"},
      {"drivers/net/wireless/very/long/path/name/here/and/more/file_with_long_name.c", Small,
       Even}};
  EXPECT_EQ(diffStatBlock(Files),
            " b.c                                           |   3 +-\n"
            " c.c                                           |   2 +-\n"
            " .../name/here/and/more/file_with_long_name.c  | 450 ++++++++++++------\n"
            " 3 files changed, 303 insertions(+), 152 deletions(-)\n");
}

TEST(UnifiedDiff, DiffStatSummaryWording) {
  EXPECT_EQ(diffStatBlock({{"a.c", "a\n", "a\nb\n"}}),
            " a.c | 1 +\n 1 file changed, 1 insertion(+)\n");
  EXPECT_EQ(diffStatBlock({{"a.c", "a\nb\n", "a\n"}}),
            " a.c | 1 -\n 1 file changed, 1 deletion(-)\n");
  EXPECT_EQ(diffStatBlock({{"a.c", "a\n", "b\nc\n"}, {"b.c", "a\n", "a\n"}}),
            " a.c | 3 ++-\n 1 file changed, 2 insertions(+), 1 deletion(-)\n");
  EXPECT_EQ(diffStatBlock({}), " 0 files changed\n");
}

namespace {

// A C-like file: functions with bodies full of lines that repeat ("}",
// blank lines, returns), which is what makes diffs ambiguous.
std::vector<std::string> cLikeFile(std::mt19937 &Rng, int Functions) {
  static const char *Statements[] = {"\treturn 0;\n",
                                     "\tspin_lock(&priv->lock);\n",
                                     "\tspin_unlock(&priv->lock);\n",
                                     "\tif (!priv)\n",
                                     "\t\treturn -ENODEV;\n",
                                     "\ttasklet_schedule(&priv->tasklet);\n",
                                     "\n",
                                     "\tpriv->count++;\n"};
  std::vector<std::string> Lines = {"// SPDX-License-Identifier: GPL-2.0\n",
                                    "#include <linux/interrupt.h>\n", "\n"};
  for (int F = 0; F < Functions; ++F) {
    Lines.push_back("static int fn" + std::to_string(F) + "(struct priv *priv)\n");
    Lines.push_back("{\n");
    for (int S = 0, N = 2 + Rng() % 6; S < N; ++S)
      Lines.push_back(Statements[Rng() % 8]);
    Lines.push_back("}\n");
    Lines.push_back("\n");
  }
  return Lines;
}

std::string join(const std::vector<std::string> &Lines) {
  std::string S;
  for (const auto &L : Lines)
    S += L;
  return S;
}

EditedFile randomEdit(unsigned Seed) {
  std::mt19937 Rng(Seed);
  auto Old = cLikeFile(Rng, 30);
  auto New = Old;
  for (int E = 0, N = 1 + Rng() % 6; E < N; ++E) {
    size_t At = Rng() % New.size();
    switch (Rng() % 4) {
    case 0:
      New.insert(New.begin() + At, "\tqueue_work(system_bh_wq, &priv->work);\n");
      break;
    case 1:
      New.erase(New.begin() + At);
      break;
    case 2:
      New[At] = "\tdisable_work_sync(&priv->work);\n";
      break;
    default:
      New.insert(New.begin() + At, {"\n", "static void helper(void)\n", "{\n", "}\n"});
    }
  }
  std::string OldText = join(Old), NewText = join(New);
  if (Seed % 3 == 0)
    NewText.pop_back(); // no newline at the end
  if (Seed % 5 == 0)
    OldText.pop_back();
  return {"drivers/misc/drv.c", OldText, NewText};
}

} // namespace

TEST(UnifiedDiff, RoundTripThroughGitApplyAndPatch) {
  if (!haveCommand("git"))
    GTEST_SKIP() << "git is not installed";
  const bool HavePatch = haveCommand("patch");
  for (unsigned Seed = 1; Seed <= 40; ++Seed) {
    EditedFile F = randomEdit(Seed);
    for (const char *Tool : {"git apply", "patch -p1 -s"}) {
      if (std::string(Tool) == "patch -p1 -s" && !HavePatch)
        continue;
      ScratchDir Dir;
      writeFile(Dir / F.Path, F.Original);
      writeFile(Dir / "change.diff", unifiedDiff(F));
      std::string Out;
      const std::string Cmd = std::string(Tool) == "git apply" ? git("apply change.diff")
                                                               : "patch -p1 -s < change.diff";
      ASSERT_EQ(run(Cmd, Dir.path(), &Out), 0) << Tool << " seed " << Seed << ": " << Out;
      EXPECT_EQ(readFile(Dir / F.Path), F.Modified) << Tool << " seed " << Seed;
    }
  }
}

TEST(UnifiedDiff, SameTextAsGitOnKernelLikeEdits) {
  if (!haveCommand("git"))
    GTEST_SKIP() << "git is not installed";
  for (unsigned Seed = 1; Seed <= 40; ++Seed) {
    EditedFile F = randomEdit(Seed);
    EXPECT_EQ(unifiedDiff(F), gitDiff(F)) << "seed " << Seed;
  }
}
