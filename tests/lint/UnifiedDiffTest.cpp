// Reading diffs and format-patch series, and composing what they add.
#include "LintTestSupport.h"

#include "lint/AddedLines.h"
#include "lint/UnifiedDiff.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace detasklet::lint;
using namespace detasklet::lint::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

namespace {

ParsedDiff parseOk(const std::string &Text, unsigned Strip = 1) {
  auto D = parseUnifiedDiff(Text, "in.diff", Strip);
  if (!D) {
    ADD_FAILURE() << llvm::toString(D.takeError());
    return {};
  }
  return std::move(*D);
}

std::string parseError(const std::string &Text) {
  auto D = parseUnifiedDiff(Text, "in.diff");
  if (D) {
    ADD_FAILURE() << "parsed without error";
    return "";
  }
  return llvm::toString(D.takeError());
}

// Added line numbers of one file, as "line:text".
std::vector<std::string> addedIn(const AddedLineMap &M, const std::string &Path) {
  std::vector<std::string> Out;
  auto It = M.find(Path);
  if (It != M.end())
    for (const auto &[Line, A] : It->second)
      Out.push_back(std::to_string(Line) + ":" + A.Text);
  return Out;
}

const char *TwoHunks = "diff --git a/drivers/foo.c b/drivers/foo.c\n"
                       "index 1111111..2222222 100644\n"
                       "--- a/drivers/foo.c\n"
                       "+++ b/drivers/foo.c\n"
                       "@@ -2,3 +2,4 @@ struct foo {\n"
                       " \tint a;\n"
                       "+\tstruct tasklet_struct tl;\n"
                       " \tint b;\n"
                       " };\n"
                       "@@ -10,2 +11,2 @@ static void f(void)\n"
                       "-\told();\n"
                       "+\ttasklet_schedule(&p->tl);\n"
                       " }\n";

} // namespace

TEST(UnifiedDiff, ReadsHunksOfAGitDiff) {
  ParsedDiff D = parseOk(TwoHunks);
  ASSERT_EQ(D.Files.size(), 1u);
  const FileDiff &F = D.Files[0];
  EXPECT_EQ(F.OldPath, "drivers/foo.c");
  EXPECT_EQ(F.NewPath, "drivers/foo.c");
  EXPECT_FALSE(F.IsNew || F.IsDeleted || F.IsRename);
  ASSERT_EQ(F.Hunks.size(), 2u);
  EXPECT_EQ(F.Hunks[1].OldStart, 10u);
  EXPECT_EQ(F.Hunks[1].NewStart, 11u);
  EXPECT_THAT(addedIn(composeAddedLines(D), "drivers/foo.c"),
              ElementsAre("3:\tstruct tasklet_struct tl;", "11:\ttasklet_schedule(&p->tl);"));
}

TEST(UnifiedDiff, NewFileDeletedFileAndPureRename) {
  ParsedDiff D = parseOk("diff --git a/new.c b/new.c\n"
                         "new file mode 100644\n"
                         "index 0000000..3333333\n"
                         "--- /dev/null\n"
                         "+++ b/new.c\n"
                         "@@ -0,0 +1,2 @@\n"
                         "+#include <linux/interrupt.h>\n"
                         "+DECLARE_TASKLET(t, f);\n"
                         "diff --git a/gone.c b/gone.c\n"
                         "deleted file mode 100644\n"
                         "index 4444444..0000000\n"
                         "--- a/gone.c\n"
                         "+++ /dev/null\n"
                         "@@ -1 +0,0 @@\n"
                         "-tasklet_kill(t);\n"
                         "diff --git a/old name.c b/new name.c\n"
                         "similarity index 100%\n"
                         "rename from old name.c\n"
                         "rename to new name.c\n");
  ASSERT_EQ(D.Files.size(), 3u);
  EXPECT_TRUE(D.Files[0].IsNew);
  EXPECT_EQ(D.Files[0].OldPath, "");
  EXPECT_EQ(D.Files[0].NewPath, "new.c");
  EXPECT_TRUE(D.Files[1].IsDeleted);
  EXPECT_EQ(D.Files[1].OldPath, "gone.c");
  EXPECT_EQ(D.Files[1].NewPath, "");
  EXPECT_TRUE(D.Files[2].IsRename);
  EXPECT_EQ(D.Files[2].OldPath, "old name.c");
  EXPECT_EQ(D.Files[2].NewPath, "new name.c");
  EXPECT_TRUE(D.Files[2].Hunks.empty());
  AddedLineMap M = composeAddedLines(D);
  EXPECT_THAT(addedIn(M, "new.c"), ElementsAre("1:#include <linux/interrupt.h>",
                                               "2:DECLARE_TASKLET(t, f);"));
  EXPECT_EQ(M.size(), 1u);
}

TEST(UnifiedDiff, RenameWithChangesUsesTheNewName) {
  ParsedDiff D = parseOk("diff --git a/a.c b/sub/b.c\n"
                         "similarity index 90%\n"
                         "rename from a.c\n"
                         "rename to sub/b.c\n"
                         "index 5555555..6666666 100644\n"
                         "--- a/a.c\n"
                         "+++ b/sub/b.c\n"
                         "@@ -1 +1,2 @@\n"
                         " int x;\n"
                         "+tasklet_kill(t);\n");
  ASSERT_EQ(D.Files.size(), 1u);
  EXPECT_EQ(D.Files[0].OldPath, "a.c");
  EXPECT_EQ(D.Files[0].NewPath, "sub/b.c");
  EXPECT_THAT(addedIn(composeAddedLines(D), "sub/b.c"), ElementsAre("2:tasklet_kill(t);"));
}

TEST(UnifiedDiff, NoNewlineAtEndOfFileMarkers) {
  ParsedDiff D = parseOk("--- a/x.c\n"
                         "+++ b/x.c\n"
                         "@@ -1,2 +1,2 @@\n"
                         " int a;\n"
                         "-int b;\n"
                         "\\ No newline at end of file\n"
                         "+tasklet_kill(t);\n"
                         "\\ No newline at end of file\n"
                         "--- a/y.c\n"
                         "+++ b/y.c\n"
                         "@@ -1 +1 @@\n"
                         "-a\n"
                         "+tasklet_init(t);\n");
  ASSERT_EQ(D.Files.size(), 2u);
  AddedLineMap M = composeAddedLines(D);
  EXPECT_THAT(addedIn(M, "x.c"), ElementsAre("2:tasklet_kill(t);"));
  EXPECT_THAT(addedIn(M, "y.c"), ElementsAre("1:tasklet_init(t);"));
}

TEST(UnifiedDiff, PlainDiffWithTimestampsAndStrip) {
  ParsedDiff D = parseOk("--- linux.orig/drivers/x.c\t2024-01-01 00:00:00.000000000 +0000\n"
                         "+++ linux/drivers/x.c\t2024-01-02 00:00:00.000000000 +0000\n"
                         "@@ -1 +1,2 @@\n"
                         " a\n"
                         "+b\n");
  ASSERT_EQ(D.Files.size(), 1u);
  EXPECT_EQ(D.Files[0].NewPath, "drivers/x.c");
  ParsedDiff D0 = parseOk("--- x.c\n+++ x.c\n@@ -1 +1,2 @@\n a\n+b\n", 0);
  EXPECT_EQ(D0.Files[0].NewPath, "x.c");
}

TEST(UnifiedDiff, QuotedNames) {
  ParsedDiff D = parseOk("diff --git \"a/t\\303\\244b.c\" \"b/t\\303\\244b.c\"\n"
                         "index 1..2 100644\n"
                         "--- \"a/t\\303\\244b.c\"\n"
                         "+++ \"b/t\\303\\244b.c\"\n"
                         "@@ -1 +1 @@\n"
                         "-a\n"
                         "+b\n");
  ASSERT_EQ(D.Files.size(), 1u);
  EXPECT_EQ(D.Files[0].NewPath, "t\xc3\xa4"
                                "b.c");
}

TEST(UnifiedDiff, MailedContextLinesWithoutTheirSpace) {
  ParsedDiff D = parseOk("--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,4 @@\n a\n\n+c\n d\n");
  ASSERT_EQ(D.Files.size(), 1u);
  EXPECT_THAT(addedIn(composeAddedLines(D), "x.c"), ElementsAre("3:c"));
}

namespace {
// Two patches as git format-patch writes them; the second shifts the first's
// additions down by two lines, removes one of them and renames a file.
const char *Series =
    "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n"
    "From: A Developer <dev@example.org>\n"
    "Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
    "Subject: [PATCH 1/2] foo: add a tasklet\n"
    "\n"
    "Commit message mentioning tasklet_schedule().\n"
    "--- a/not/a/diff because no +++ follows\n"
    "---\n"
    " drivers/foo.c | 3 +++\n"
    " 1 file changed, 3 insertions(+)\n"
    "\n"
    "diff --git a/drivers/foo.c b/drivers/foo.c\n"
    "index 1111111..2222222 100644\n"
    "--- a/drivers/foo.c\n"
    "+++ b/drivers/foo.c\n"
    "@@ -5,0 +6,3 @@ int x;\n"
    "+tasklet_setup(&t, cb);\n"
    "+tasklet_schedule(&t);\n"
    "+tasklet_kill(&t);\n"
    "diff --git a/drivers/old.c b/drivers/old.c\n"
    "index 1111111..2222222 100644\n"
    "--- a/drivers/old.c\n"
    "+++ b/drivers/old.c\n"
    "@@ -1 +1,2 @@\n"
    " int y;\n"
    "+from_tasklet(a, b, c);\n"
    "-- \n"
    "2.39.2\n"
    "\n"
    "From fedcba9876543210fedcba9876543210fedcba98 Mon Sep 17 00:00:00 2001\n"
    "From: A Developer <dev@example.org>\n"
    "Subject: [PATCH 2/2] foo: rework\n"
    " with a folded subject\n"
    "\n"
    "---\n"
    "diff --git a/drivers/foo.c b/drivers/foo.c\n"
    "index 2222222..3333333 100644\n"
    "--- a/drivers/foo.c\n"
    "+++ b/drivers/foo.c\n"
    "@@ -1,0 +2,2 @@\n"
    "+int a;\n"
    "+int b;\n"
    "@@ -7 +8,0 @@\n"
    "-tasklet_schedule(&t);\n"
    "diff --git a/drivers/old.c b/drivers/new.c\n"
    "similarity index 100%\n"
    "rename from drivers/old.c\n"
    "rename to drivers/new.c\n"
    "-- \n"
    "2.39.2\n";
} // namespace

TEST(UnifiedDiff, MboxSeriesIsComposedInOrder) {
  ParsedDiff D = parseOk(Series);
  ASSERT_EQ(D.Patches.size(), 2u);
  EXPECT_EQ(D.Patches[0].Subject, "[PATCH 1/2] foo: add a tasklet");
  EXPECT_EQ(D.Patches[1].Subject, "[PATCH 2/2] foo: rework with a folded subject");
  ASSERT_EQ(D.Files.size(), 4u);
  EXPECT_EQ(D.Files[0].Patch, 0);
  EXPECT_EQ(D.Files[2].Patch, 1);
  AddedLineMap M = composeAddedLines(D);
  EXPECT_THAT(addedIn(M, "drivers/foo.c"),
              ElementsAre("2:int a;", "3:int b;", "8:tasklet_setup(&t, cb);",
                          "9:tasklet_kill(&t);"));
  EXPECT_THAT(addedIn(M, "drivers/new.c"), ElementsAre("2:from_tasklet(a, b, c);"));
  EXPECT_EQ(M.count("drivers/old.c"), 0u);
  EXPECT_EQ(M["drivers/foo.c"][8].Patch, 0);
  EXPECT_EQ(M["drivers/foo.c"][2].Patch, 1);
}

TEST(UnifiedDiff, LaterDeletionDropsEarlierAdditions) {
  ParsedDiff D = parseOk("--- a/x.c\n+++ b/x.c\n@@ -0,0 +1 @@\n+tasklet_kill(t);\n"
                         "diff --git a/x.c b/x.c\ndeleted file mode 100644\n"
                         "--- a/x.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-tasklet_kill(t);\n");
  EXPECT_TRUE(composeAddedLines(D).empty());
}

TEST(UnifiedDiff, MalformedInputNamesTheLine) {
  EXPECT_THAT(parseError("--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n a\n-b\n"),
              HasSubstr("in.diff:5: input ends inside the hunk at line 3"));
  EXPECT_THAT(parseError("--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n a\n*b\n"),
              HasSubstr("in.diff:5: unexpected line in the hunk at line 3"));
  EXPECT_THAT(parseError("--- a/x.c\n+++ b/x.c\n@@ -1,2 +1 @@\n a\n"),
              HasSubstr("in.diff:4: input ends inside the hunk"));
  EXPECT_THAT(parseError("--- a/x.c\n+++ b/x.c\n@@ -one +1 @@\n a\n"),
              HasSubstr("in.diff:3: malformed hunk header"));
  EXPECT_THAT(parseError("diff --git a/x.c b/x.c\nindex 1..2\n--- a/x.c\n@@ -1 +1 @@\n"),
              HasSubstr("in.diff:4: expected a '+++' line after '---'"));
  EXPECT_THAT(parseError("diff --git a/x.c b/x.c\nindex 1..2\n+++ b/x.c\n"),
              HasSubstr("in.diff:3: '+++' line without the '---'"));
  EXPECT_THAT(parseError("some text\n@@ -1 +1 @@\n-a\n+b\n"),
              HasSubstr("in.diff:2: hunk header outside a file diff"));
  EXPECT_THAT(parseError("--- a/x.c\n+++ b/x.c\n@@ -5 +5 @@\n-a\n+b\n@@ -1 +1 @@\n-c\n+d\n"),
              HasSubstr("in.diff:6: hunk overlaps or precedes"));
  EXPECT_THAT(parseError("diff --cc x.c\nindex 1,2..3\n"), HasSubstr("in.diff:1: combined diff"));
  EXPECT_THAT(parseError("This is a cover letter, not a diff.\n"),
              HasSubstr("in.diff:1: no unified diff found"));
  EXPECT_THAT(parseError("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n"
                         "Subject: [PATCH] x\n"
                         "Content-Transfer-Encoding: quoted-printable\n\n"
                         "--- a/x.c\n+++ b/x.c\n"),
              HasSubstr("in.diff:3: the mail body is quoted-printable encoded"));
}

TEST(UnifiedDiff, EmptyInputIsAnEmptyChange) {
  ParsedDiff D = parseOk("");
  EXPECT_TRUE(D.Files.empty());
}

TEST(AddedLines, TreeMustHoldTheAddedLines) {
  TempTree Tree;
  Tree.write("x.c", "int a;\ntasklet_kill(t);\n");
  ParsedDiff D = parseOk("--- a/x.c\n+++ b/x.c\n@@ -1 +1,2 @@\n int a;\n+tasklet_kill(t);\n");
  EXPECT_FALSE(bool(checkAgainstTree(composeAddedLines(D), Tree.path(), "p.diff")));

  Tree.write("x.c", "int a;\n");
  llvm::Error E = checkAgainstTree(composeAddedLines(D), Tree.path(), "p.diff");
  ASSERT_TRUE(bool(E));
  EXPECT_THAT(llvm::toString(std::move(E)), HasSubstr("p.diff:5: x.c has no line 2"));

  Tree.write("x.c", "int a;\ntasklet_schedule(t);\n");
  E = checkAgainstTree(composeAddedLines(D), Tree.path(), "p.diff");
  ASSERT_TRUE(bool(E));
  EXPECT_THAT(llvm::toString(std::move(E)),
              HasSubstr("p.diff:5: x.c:2 is not the line the diff adds there"));

  Tree.remove("x.c");
  E = checkAgainstTree(composeAddedLines(D), Tree.path(), "p.diff");
  ASSERT_TRUE(bool(E));
  EXPECT_THAT(llvm::toString(std::move(E)), HasSubstr("x.c cannot be read"));
}
