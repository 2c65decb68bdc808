// The three output formats. SARIF is also validated against the official
// schema by the lint_sarif_schema test (tests/lint/validate_sarif.sh).
#include "LintTestSupport.h"

#include "lint/Report.h"
#include "llvm/Support/JSON.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace detasklet::lint;
using namespace detasklet::lint::test;
using ::testing::HasSubstr;

namespace {

Report reportOf(const std::string &Code, const std::string &File) {
  Report R;
  R.Rules = &shippedRules();
  R.Findings = lexFindings(Code, File);
  R.FilesChecked = 1;
  return R;
}

const char *Driver = "static void foo_irq(struct foo *f)\n"
                     "{\n"
                     "\ttasklet_schedule(&f->tl);\n"
                     "\ttest_bit(TASKLET_STATE_SCHED, &f->tl.state);\n"
                     "}\n";

llvm::json::Value render(void (*Write)(const Report &, llvm::raw_ostream &), const Report &R) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Write(R, OS);
  auto V = llvm::json::parse(Text);
  if (!V) {
    ADD_FAILURE() << llvm::toString(V.takeError()) << "\n" << Text;
    return nullptr;
  }
  return std::move(*V);
}

} // namespace

TEST(GccOutput, OneLinePerFindingWithRuleTag) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeGcc(reportOf(Driver, "drivers/foo/foo.c"), OS);
  EXPECT_EQ(Text,
            "drivers/foo/foo.c:3:2: warning: 'tasklet_schedule': tasklet scheduling; use "
            "queue_work(system_bh_wq, &work) (one work item stays on one workqueue) "
            "[detasklet-tasklet-schedule]\n"
            "drivers/foo/foo.c:4:11: error: 'TASKLET_STATE_SCHED': tasklet internals (state bits, "
            "run lock) have no workqueue equivalent (redesign; work_pending() or flush_work() "
            "only where provably equivalent) [detasklet-tasklet-internals]\n");
}

TEST(JsonOutput, FindingsWithRuleAndFingerprint) {
  llvm::json::Value V = render(writeJson, reportOf(Driver, "drivers/foo/foo.c"));
  const llvm::json::Object *Root = V.getAsObject();
  ASSERT_TRUE(Root);
  EXPECT_EQ(Root->getString("schema"), "detasklet-lint/1");
  EXPECT_EQ(Root->getString("engine"), "lexical");
  const llvm::json::Array *Findings = Root->getArray("findings");
  ASSERT_TRUE(Findings);
  ASSERT_EQ(Findings->size(), 2u);
  const llvm::json::Object *F = (*Findings)[0].getAsObject();
  EXPECT_EQ(F->getString("file"), "drivers/foo/foo.c");
  EXPECT_EQ(F->getInteger("line"), 3);
  EXPECT_EQ(F->getInteger("column"), 2);
  EXPECT_EQ(F->getString("rule"), "tasklet-schedule");
  EXPECT_EQ(F->getString("severity"), "warning");
  EXPECT_EQ(F->getString("replacement"), "queue_work(system_bh_wq, &work)");
  EXPECT_EQ(F->getString("declaration"), "foo_irq");
  EXPECT_EQ(F->getString("fingerprint")->size(), 24u);
}

TEST(SarifOutput, RulesResultsAndFingerprints) {
  llvm::json::Value V = render(writeSarif, reportOf(Driver, "drivers/foo bar/foo.c"));
  const llvm::json::Object *Log = V.getAsObject();
  ASSERT_TRUE(Log);
  EXPECT_EQ(Log->getString("version"), "2.1.0");
  const llvm::json::Object *Run = (*Log->getArray("runs"))[0].getAsObject();
  const llvm::json::Object *Driver = Run->getObject("tool")->getObject("driver");
  EXPECT_EQ(Driver->getString("name"), "detasklet");
  const llvm::json::Array *Rules = Driver->getArray("rules");
  ASSERT_EQ(Rules->size(), shippedRules().rules().size());
  for (const llvm::json::Value &R : *Rules) {
    // GitHub code scanning needs these on every rule.
    EXPECT_TRUE(R.getAsObject()->getObject("fullDescription"));
    EXPECT_TRUE(R.getAsObject()->getObject("help"));
  }
  const llvm::json::Array *Results = Run->getArray("results");
  ASSERT_EQ(Results->size(), 2u);
  for (const llvm::json::Value &RV : *Results) {
    const llvm::json::Object *R = RV.getAsObject();
    int64_t Index = *R->getInteger("ruleIndex");
    EXPECT_EQ((*Rules)[Index].getAsObject()->getString("id"), R->getString("ruleId"));
    const llvm::json::Object *Loc =
        (*R->getArray("locations"))[0].getAsObject()->getObject("physicalLocation");
    EXPECT_EQ(Loc->getObject("artifactLocation")->getString("uri"), "drivers/foo%20bar/foo.c");
    EXPECT_EQ(Loc->getObject("artifactLocation")->getString("uriBaseId"), "%SRCROOT%");
    EXPECT_TRUE(R->getObject("partialFingerprints")->getString("detasklet/v1"));
  }
  const llvm::json::Object *Region = (*(*Results)[0].getAsObject()->getArray("locations"))[0]
                                         .getAsObject()
                                         ->getObject("physicalLocation")
                                         ->getObject("region");
  EXPECT_EQ(Region->getInteger("startLine"), 3);
  EXPECT_EQ(Region->getInteger("startColumn"), 2);
  EXPECT_EQ(Region->getInteger("endColumn"), 2 + 16);
  EXPECT_EQ((*Results)[1].getAsObject()->getString("level"), "error");
}

TEST(SarifOutput, FileErrorsBecomeNotifications) {
  Report R = reportOf("", "x.c");
  R.Errors.push_back({"drivers/x.c", "Permission denied"});
  llvm::json::Value V = render(writeSarif, R);
  const llvm::json::Object *Run = (*V.getAsObject()->getArray("runs"))[0].getAsObject();
  const llvm::json::Object *Invocation = (*Run->getArray("invocations"))[0].getAsObject();
  EXPECT_EQ(Invocation->getBoolean("executionSuccessful"), false);
  EXPECT_EQ(Invocation->getArray("toolExecutionNotifications")->size(), 1u);
}
