// The baseline accepts existing uses and survives the edits a tree sees all
// the time: lines inserted above, other code of the function changed,
// re-indentation and comments. A changed or an added use is new.
#include "LintTestSupport.h"

#include "lint/Baseline.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace detasklet::lint;
using namespace detasklet::lint::test;
using ::testing::HasSubstr;

namespace {

const char *Original = "#include <linux/interrupt.h>\n"
                       "\n"
                       "static void foo_irq(struct foo *f)\n"
                       "{\n"
                       "\ttasklet_schedule(&f->tl);\n"
                       "}\n"
                       "\n"
                       "static void foo_stop(struct foo *f)\n"
                       "{\n"
                       "\ttasklet_kill(&f->tl);\n"
                       "\ttasklet_kill(&f->tl);\n"
                       "}\n";

Baseline baselineOf(const std::string &Code) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Baseline::write(lexFindings(Code), Engine::Lexical, OS);
  return llvm::cantFail(Baseline::parse(Text, "baseline"));
}

// Findings of Code that Accepted does not accept, as "line:col symbol".
std::vector<std::string> newFindings(const Baseline &Accepted, const std::string &Code) {
  std::vector<Finding> Fresh;
  for (const Finding &F : lexFindings(Code))
    if (!Accepted.accepts(F))
      Fresh.push_back(F);
  return positions(Fresh);
}

std::string parseError(const std::string &Text) {
  auto B = Baseline::parse(Text, "b.txt");
  if (B) {
    ADD_FAILURE() << "parsed without error";
    return "";
  }
  return llvm::toString(B.takeError());
}

} // namespace

TEST(Baseline, AcceptsTheTreeItWasWrittenFrom) {
  Baseline B = baselineOf(Original);
  EXPECT_EQ(B.size(), 3u);
  EXPECT_TRUE(newFindings(B, Original).empty());
}

TEST(Baseline, SurvivesLineShiftsAndEditsElsewhere) {
  Baseline B = baselineOf(Original);
  std::string Shifted = "#include <linux/interrupt.h>\n"
                        "#include <linux/workqueue.h>\n" // lines inserted above
                        "\n"
                        "static int unrelated(void)\n"
                        "{\n"
                        "\treturn 0;\n"
                        "}\n"
                        "\n"
                        "static void foo_irq(struct foo *f)\n"
                        "{\n"
                        "\tif (!f->running)\n" // edits elsewhere in the function
                        "\t\treturn;\n"
                        "        tasklet_schedule( &f->tl );   /* kick the bottom half */\n"
                        "}\n"
                        "\n"
                        "static void foo_stop(struct foo *f)\n"
                        "{\n"
                        "\tdisable_irq(f->irq);\n"
                        "\ttasklet_kill(&f->tl);\n"
                        "\n"
                        "\ttasklet_kill(&f->tl);\n"
                        "}\n";
  EXPECT_TRUE(newFindings(B, Shifted).empty());
}

TEST(Baseline, SurvivesFunctionsMovingAround) {
  Baseline B = baselineOf(Original);
  std::string Reordered = "static void foo_stop(struct foo *f)\n"
                          "{\n"
                          "\ttasklet_kill(&f->tl);\n"
                          "\ttasklet_kill(&f->tl);\n"
                          "}\n"
                          "static void foo_irq(struct foo *f)\n"
                          "{\n"
                          "\ttasklet_schedule(&f->tl);\n"
                          "}\n";
  EXPECT_TRUE(newFindings(B, Reordered).empty());
}

TEST(Baseline, ReportsChangedAndAddedUses) {
  Baseline B = baselineOf(Original);
  std::string Changed = "static void foo_irq(struct foo *f)\n"
                        "{\n"
                        "\ttasklet_hi_schedule(&f->tl);\n" // a different call
                        "}\n"
                        "static void foo_stop(struct foo *f)\n"
                        "{\n"
                        "\ttasklet_kill(&f->tl);\n"
                        "\ttasklet_kill(&f->tl);\n"
                        "\ttasklet_kill(&f->tl);\n" // a third identical line: the last is new
                        "}\n"
                        "static void foo_resume(struct foo *f)\n"
                        "{\n"
                        "\ttasklet_schedule(&f->tl);\n" // same text, another function
                        "}\n";
  EXPECT_THAT(newFindings(B, Changed),
              ::testing::ElementsAre("3:2 tasklet_hi_schedule", "9:2 tasklet_kill",
                                     "13:2 tasklet_schedule"));
}

TEST(Baseline, RoundTripsUnusualText) {
  std::string Code = "void f(void) { tasklet_kill(p->tl[\"a\\tb\"]); }\n"
                     "void g(void) { tasklet_kill(\"\t\\\\\"); }\n";
  Baseline B = baselineOf(Code);
  EXPECT_EQ(B.size(), 2u);
  EXPECT_TRUE(newFindings(B, Code).empty());
}

TEST(Baseline, FileIsReadableText) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Baseline::write(lexFindings(Original, "drivers/foo.c"), Engine::Lexical, OS);
  EXPECT_THAT(Text, HasSubstr("# detasklet lint baseline 1\n# engine: lexical\n"));
  EXPECT_THAT(Text, HasSubstr("drivers/foo.c\tfoo_stop\ttasklet_kill\t1\t"
                              "tasklet_kill ( & f -> tl ) ;\n"));
}

TEST(Baseline, MalformedFilesNameTheLine) {
  EXPECT_THAT(parseError("drivers/foo.c\tf\ttasklet_kill\t0\tx\n"),
              HasSubstr("b.txt:1: not a detasklet lint baseline"));
  EXPECT_THAT(parseError("# detasklet lint baseline 1\n# engine: lexical\n\n"
                         "drivers/foo.c\tf\ttasklet_kill\t0\n"),
              HasSubstr("b.txt:4: expected 5 TAB-separated fields"));
  EXPECT_THAT(parseError("# detasklet lint baseline 1\n# engine: lexical\n"
                         "drivers/foo.c\tf\ttasklet_kill\tfirst\tx\n"),
              HasSubstr("b.txt:3: occurrence 'first' is not a number"));
  EXPECT_THAT(parseError("# detasklet lint baseline 1\n# engine: lexical\n"
                         "a.c\tf\ttasklet_kill\t0\tx\\q\n"),
              HasSubstr("b.txt:3: bad escape"));
  EXPECT_THAT(parseError("# detasklet lint baseline 1\n# engine: lexical\n"
                         "a.c\tf\ttasklet_kill\t0\tx\na.c\tf\ttasklet_kill\t0\tx\n"),
              HasSubstr("b.txt:4: duplicate entry"));
  EXPECT_THAT(parseError("# detasklet lint baseline 1\n# engine: fast\n"),
              HasSubstr("b.txt:2: unknown engine 'fast'"));
  EXPECT_THAT(parseError("# detasklet lint baseline 1\na.c\tf\ttasklet_kill\t0\tx\n"),
              HasSubstr("b.txt:2: missing '# engine"));
}

TEST(Baseline, CountsEntriesThatNoLongerMatch) {
  Baseline B = baselineOf(Original);
  EXPECT_EQ(B.countUnmatched(lexFindings("void foo_irq(void)\n{\n\ttasklet_schedule(&f->tl);\n}\n")),
            2u);
}

TEST(Baseline, FingerprintIgnoresPositionButNotContent) {
  auto A = lexFindings(Original);
  auto B = lexFindings(std::string("\n\n\n") + Original);
  ASSERT_EQ(A.size(), B.size());
  for (size_t I = 0; I < A.size(); ++I)
    EXPECT_EQ(fingerprint(A[I]), fingerprint(B[I]));
  EXPECT_NE(fingerprint(A[1]), fingerprint(A[2])); // occurrence 0 and 1
}
