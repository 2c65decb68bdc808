// detasklet lint end to end: exit codes, what "new" means with --patch,
// --diff-base and --baseline, and errors that name their line.
#include "LintTestSupport.h"

#include "lint/LintCommand.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace detasklet::lint;
using namespace detasklet::lint::test;
using ::testing::HasSubstr;

namespace {

const char *DriverV1 = "#include <linux/interrupt.h>\n"
                       "\n"
                       "static void foo_irq(struct foo *f)\n"
                       "{\n"
                       "\ttasklet_schedule(&f->tl);\n"
                       "}\n";

const char *DriverV2 = "#include <linux/interrupt.h>\n"
                       "#include <linux/workqueue.h>\n"
                       "\n"
                       "static void foo_irq(struct foo *f)\n"
                       "{\n"
                       "\ttasklet_schedule(&f->tl);\n"
                       "}\n"
                       "\n"
                       "static void foo_remove(struct foo *f)\n"
                       "{\n"
                       "\ttasklet_kill(&f->tl);\n"
                       "}\n";

// The diff from V1 to V2, as git writes it.
const char *V1ToV2 = "diff --git a/drivers/foo.c b/drivers/foo.c\n"
                     "index 1111111..2222222 100644\n"
                     "--- a/drivers/foo.c\n"
                     "+++ b/drivers/foo.c\n"
                     "@@ -1,0 +2 @@\n"
                     "+#include <linux/workqueue.h>\n"
                     "@@ -6,0 +8,5 @@ static void foo_irq(struct foo *f)\n"
                     "+\n"
                     "+static void foo_remove(struct foo *f)\n"
                     "+{\n"
                     "+\ttasklet_kill(&f->tl);\n"
                     "+}\n";

struct LintRun {
  int Status;
  std::string Out, Err;
};

LintRun lint(LintOptions O, const TempTree &Tree) {
  if (O.Root.empty())
    O.Root = Tree.path();
  O.OutputFile = Tree.file("report.out");
  std::string Err;
  llvm::raw_string_ostream ErrStream(Err);
  int Status = runLint(O, ErrStream);
  auto Buffer = llvm::MemoryBuffer::getFile(O.OutputFile);
  return {Status, Buffer ? (*Buffer)->getBuffer().str() : "", Err};
}

} // namespace

TEST(LintCommand, ExitCodesForCleanAndFindings) {
  TempTree Tree;
  Tree.write("drivers/clean.c", "static void f(void) { queue_work(system_bh_wq, &w); }\n");
  LintOptions O;
  O.Inputs = {Tree.path()};
  EXPECT_EQ(lint(O, Tree).Status, 0);

  Tree.write("drivers/foo.c", DriverV1);
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 1);
  EXPECT_THAT(R.Out, HasSubstr("drivers/foo.c:5:2: warning: 'tasklet_schedule'"));
  EXPECT_THAT(R.Err, HasSubstr("1 finding"));
}

TEST(LintCommand, DefaultsToTheRootDirectory) {
  TempTree Tree;
  Tree.write("drivers/foo.c", DriverV1);
  Tree.write(".git/hooks/x.c", DriverV1); // hidden directories are not walked
  LintOptions O;
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 1);
  EXPECT_EQ(R.Out, "drivers/foo.c:5:2: warning: 'tasklet_schedule': tasklet scheduling; use "
                   "queue_work(system_bh_wq, &work) (one work item stays on one workqueue) "
                   "[detasklet-tasklet-schedule]\n");
}

TEST(LintCommand, InputErrorsExitTwo) {
  TempTree Tree;
  LintOptions O;
  O.Inputs = {Tree.file("missing")};
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 2);
  EXPECT_THAT(R.Err, HasSubstr("missing: No such file or directory"));

  Tree.write("bad.yaml", "rules: {\n");
  LintOptions Bad;
  Bad.RulesFile = Tree.file("bad.yaml");
  R = lint(Bad, Tree);
  EXPECT_EQ(R.Status, 2);
  EXPECT_THAT(R.Err, HasSubstr("bad.yaml:"));

  LintOptions Both;
  Both.DiffBase = "HEAD";
  Both.Patch = "x.diff";
  EXPECT_EQ(lint(Both, Tree).Status, 2);
}

TEST(LintCommand, PatchReportsOnlyAddedLines) {
  TempTree Tree;
  Tree.write("drivers/foo.c", DriverV2);
  Tree.write("v2.diff", V1ToV2);
  LintOptions O;
  O.Patch = Tree.file("v2.diff");
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_EQ(R.Out, "drivers/foo.c:11:2: warning: 'tasklet_kill': tasklet kill; use "
                   "cancel_work_sync(&work) (not disable_work_sync(), after which every later "
                   "queue_work() is dropped) [detasklet-tasklet-kill]\n");
}

TEST(LintCommand, PatchNotAppliedIsAnErrorNotClean) {
  TempTree Tree;
  Tree.write("drivers/foo.c", DriverV1);
  Tree.write("v2.diff", V1ToV2);
  LintOptions O;
  O.Patch = Tree.file("v2.diff");
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 2);
  EXPECT_THAT(R.Err, HasSubstr("v2.diff:6: drivers/foo.c:2 is not the line the diff adds there"));
}

TEST(LintCommand, MalformedPatchNamesTheLine) {
  TempTree Tree;
  Tree.write("drivers/foo.c", DriverV2);
  std::string Truncated(V1ToV2);
  Truncated.resize(Truncated.find("+}\n"));
  Tree.write("bad.diff", Truncated);
  LintOptions O;
  O.Patch = Tree.file("bad.diff");
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 2);
  EXPECT_THAT(R.Err, HasSubstr("bad.diff:11: input ends inside the hunk at line 7"));
}

TEST(LintCommand, BaselineAcceptsExistingUsesOnly) {
  TempTree Tree;
  Tree.write("drivers/foo.c", DriverV1);
  LintOptions Write;
  Write.WriteBaselineFile = Tree.file("baseline.txt");
  LintRun W = lint(Write, Tree);
  EXPECT_EQ(W.Status, 0) << W.Err;

  LintOptions Check;
  Check.BaselineFile = Tree.file("baseline.txt");
  EXPECT_EQ(lint(Check, Tree).Status, 0);

  Tree.write("drivers/foo.c", DriverV2); // shifts the old use, adds a new one
  LintRun R = lint(Check, Tree);
  EXPECT_EQ(R.Status, 1);
  EXPECT_THAT(R.Out, HasSubstr("drivers/foo.c:11:2: warning: 'tasklet_kill'"));
  EXPECT_THAT(R.Out, ::testing::Not(HasSubstr("tasklet_schedule")));
  EXPECT_THAT(R.Err, HasSubstr("1 finding (1 accepted by the baseline)"));

  Tree.write("broken.txt", "# detasklet lint baseline 1\n# engine: lexical\nno tabs here\n");
  Check.BaselineFile = Tree.file("broken.txt");
  R = lint(Check, Tree);
  EXPECT_EQ(R.Status, 2);
  EXPECT_THAT(R.Err, HasSubstr("broken.txt:3: expected 5 TAB-separated fields"));

  Tree.write("semantic.txt", "# detasklet lint baseline 1\n# engine: semantic\n");
  Check.BaselineFile = Tree.file("semantic.txt");
  R = lint(Check, Tree);
  EXPECT_EQ(R.Status, 2);
  EXPECT_THAT(R.Err, HasSubstr("written by the semantic engine"));
}

TEST(LintCommand, DiffBaseAgainstAGitRevision) {
  TempTree Tree;
  std::string Out;
  if (runCommand(Tree.path(), "git --version", &Out) != 0)
    GTEST_SKIP() << "git is not installed";
  const std::string Git = "git -c user.name=t -c user.email=t@example.org -c commit.gpgsign=false ";
  Tree.write("drivers/foo.c", DriverV1);
  Tree.write("drivers/old.c", "void o(void)\n{\n\ttasklet_init(&t, f, 0);\n}\n");
  ASSERT_EQ(runCommand(Tree.path(), Git + "init -q . && " + Git + "add -A && " + Git +
                                        "commit -qm base",
                       &Out),
            0)
      << Out;
  // The change: a new use in an existing file, a renamed file with an old
  // use, a new (staged) file, and an untracked file git diff does not show.
  Tree.write("drivers/foo.c", DriverV2);
  ASSERT_EQ(runCommand(Tree.path(), Git + "mv drivers/old.c drivers/renamed.c", &Out), 0) << Out;
  Tree.write("drivers/new.c", "static DECLARE_TASKLET(n, n_cb);\n");
  ASSERT_EQ(runCommand(Tree.path(), Git + "add drivers/new.c", &Out), 0) << Out;
  Tree.write("drivers/untracked.c", "void u(void) { tasklet_hi_schedule(&t); }\n");

  LintOptions O;
  O.DiffBase = "HEAD";
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_EQ(R.Out, "drivers/foo.c:11:2: warning: 'tasklet_kill': tasklet kill; use "
                   "cancel_work_sync(&work) (not disable_work_sync(), after which every later "
                   "queue_work() is dropped) [detasklet-tasklet-kill]\n"
                   "drivers/new.c:1:8: warning: 'DECLARE_TASKLET': static tasklet definition; "
                   "use DECLARE_WORK(name, fn) [detasklet-tasklet-declare]\n");

  O.DiffBase = "no-such-revision";
  R = lint(O, Tree);
  EXPECT_EQ(R.Status, 2);
  EXPECT_THAT(R.Err, HasSubstr("'no-such-revision' is not a commit"));
}

TEST(LintCommand, MboxSeriesNamesThePatchInJson) {
  TempTree Tree;
  Tree.write("drivers/foo.c", DriverV2);
  std::string Mbox = std::string("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 "
                                 "00:00:00 2001\n"
                                 "From: Dev <dev@example.org>\n"
                                 "Subject: [PATCH 1/1] foo: add remove\n"
                                 "\n"
                                 "---\n") +
                     V1ToV2 + "-- \n2.39.2\n";
  Tree.write("series.mbox", Mbox);
  LintOptions O;
  O.Patch = Tree.file("series.mbox");
  O.OutputFormat = Format::Json;
  LintRun R = lint(O, Tree);
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_THAT(R.Out, HasSubstr("\"patch\": \"[PATCH 1/1] foo: add remove\""));
}
