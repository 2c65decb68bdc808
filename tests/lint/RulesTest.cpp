// rules/lint.yaml is the reviewer's table; a broken one is rejected with its
// position, and every use kind of the inventory has a rule.
#include "LintTestSupport.h"

#include "inventory/UseKind.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace detasklet;
using namespace detasklet::lint;
using namespace detasklet::lint::test;
using ::testing::HasSubstr;

namespace {
std::string parseError(const std::string &Yaml) {
  auto R = RuleSet::parse(Yaml, "r.yaml");
  if (R) {
    ADD_FAILURE() << "parsed without error";
    return "";
  }
  return llvm::toString(R.takeError());
}

// A minimal valid file: one rule owning every use kind.
std::string withAllUses(const std::string &RuleBody) {
  std::string Uses = "[object.declaration";
  for (int K = 0; useKindCode(static_cast<UseKind>(K)) != "unknown"; ++K)
    Uses += ", " + useKindCode(static_cast<UseKind>(K)).str();
  return "rules:\n  - id: all\n    severity: warning\n    message: m\n    uses: " + Uses + "]\n" +
         RuleBody;
}
} // namespace

TEST(LintRules, ShippedRulesFollowTheUpstreamMapping) {
  const RuleSet &R = shippedRules();
  auto Replacement = [&](const char *Id) { return R.ruleForIdentifier(Id)->Replacement; };
  EXPECT_EQ(Replacement("tasklet_schedule"), "queue_work(system_bh_wq, &work)");
  EXPECT_EQ(Replacement("tasklet_hi_schedule"), "queue_work(system_bh_highpri_wq, &work)");
  EXPECT_EQ(Replacement("tasklet_kill"), "cancel_work_sync(&work)");
  EXPECT_EQ(Replacement("tasklet_disable_nosync"), "disable_work(&work)");
  EXPECT_EQ(Replacement("from_tasklet"), "from_work(var, work, field)");
  EXPECT_EQ(R.ruleForIdentifier("tasklet_kill")->Id, "tasklet-kill");
  EXPECT_EQ(R.ruleForIdentifier("DECLARE_TASKLET_DISABLED")->Id, "tasklet-declare-disabled");
  EXPECT_EQ(R.ruleForIdentifier("TASKLET_STATE_SCHED")->Level, Severity::Error);
  // The rejected mapping must never be suggested for tasklet_kill.
  EXPECT_THAT(R.ruleForIdentifier("tasklet_kill")->advice(), HasSubstr("not disable_work_sync()"));
  EXPECT_EQ(R.ruleForIdentifier("tasklet_struct_ptr"), nullptr);
}

TEST(LintRules, EveryUseKindHasARule) {
  const RuleSet &R = shippedRules();
  EXPECT_FALSE(bool(R.checkCoversUseKinds()));
  EXPECT_TRUE(R.ruleForUse(ObjectDeclarationUse));
  for (int K = 0; useKindCode(static_cast<UseKind>(K)) != "unknown"; ++K)
    EXPECT_TRUE(R.ruleForUse(useKindCode(static_cast<UseKind>(K))))
        << useKindCode(static_cast<UseKind>(K)).str();
  EXPECT_EQ(R.ruleForUse("schedule.hi")->Id, "tasklet-hi-schedule");
}

TEST(LintRules, AllowlistMatchesTheImplementationFiles) {
  const RuleSet &R = shippedRules();
  EXPECT_TRUE(R.isAllowed("kernel/softirq.c"));
  EXPECT_TRUE(R.isAllowed("include/linux/interrupt.h"));
  EXPECT_TRUE(R.isAllowed("/src/linux-6.12/kernel/softirq.c")); // linted from outside the root
  EXPECT_FALSE(R.isAllowed("kernel/softirq.h"));
  EXPECT_FALSE(R.isAllowed("drivers/net/xkernel/softirq.cc"));
}

TEST(LintRules, SemanticEngineNeedsEveryUseKindCovered) {
  auto R = RuleSet::parse("rules:\n  - id: x\n    severity: note\n    message: m\n"
                          "    uses: [schedule]\n",
                          "r.yaml");
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  llvm::Error E = R->checkCoversUseKinds();
  ASSERT_TRUE(bool(E));
  EXPECT_THAT(llvm::toString(std::move(E)),
              HasSubstr("r.yaml: no rule lists use kind 'object.declaration'"));
}

TEST(LintRules, RuleIdsAndIndexesAreStable) {
  const RuleSet &R = shippedRules();
  ASSERT_GE(R.rules().size(), 10u);
  for (size_t I = 0; I < R.rules().size(); ++I)
    EXPECT_EQ(R.rules()[I].Index, I);
  EXPECT_EQ(R.rules()[0].Id, "tasklet-struct");
}

TEST(LintRules, BrokenFilesAreRejectedWithPosition) {
  EXPECT_THAT(parseError("rules: [unclosed\n"), HasSubstr("r.yaml:2:1:"));
  EXPECT_THAT(parseError(withAllUses("    identifers: [tasklet_kill]\n")),
              HasSubstr("r.yaml:6:5: unknown key 'identifers'"));
  EXPECT_THAT(parseError(withAllUses("  - id: two\n    severity: fatal\n    message: m\n")),
              HasSubstr("r.yaml:7:15: severity must be error, warning or note"));
  EXPECT_THAT(parseError(withAllUses("    identifiers: [tasklet-kill]\n")),
              HasSubstr("'tasklet-kill' is not a C identifier"));
  EXPECT_THAT(parseError(withAllUses("    identifiers: [tasklet_kill]\n"
                                     "  - id: two\n    severity: note\n    message: m\n"
                                     "    identifiers: [tasklet_kill]\n")),
              HasSubstr("r.yaml:10:18: 'tasklet_kill' already belongs to rule 'all'"));
  EXPECT_THAT(parseError(withAllUses("  - id: all\n    severity: note\n    message: m\n")),
              HasSubstr("r.yaml:6:9: duplicate rule id 'all'"));
  EXPECT_THAT(parseError("rules:\n  - id: x\n    severity: note\n    message: m\n"
                         "    uses: [schedule, shedule]\n"),
              HasSubstr("r.yaml:5:11: unknown use kind 'shedule'"));

  EXPECT_THAT(parseError("version: 2\nrules: []\n"), HasSubstr("r.yaml:1:10: unsupported version"));
}
