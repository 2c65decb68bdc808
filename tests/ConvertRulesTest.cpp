// The conversion mapping as data, and the textual call rewriting it drives.
#include "rewriters/CallText.h"
#include "rewriters/ConvertRules.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace detasklet;

TEST(ConvertRules, ShippedBhRulesFollowUpstreamPractice) {
  ConvertRules R = llvm::cantFail(ConvertRules::loadTarget("bh"));
  EXPECT_EQ(R.Type, "struct work_struct");
  EXPECT_EQ(R.QueueNormal, "system_bh_wq");
  EXPECT_EQ(R.QueueHi, "system_bh_highpri_wq");
  // The usb network driver mistake: tasklet_kill must not become disable_work_sync.
  EXPECT_EQ(R.Calls.find("tasklet_kill")->second.Callee, "cancel_work_sync");
  EXPECT_EQ(R.Calls.find("tasklet_enable")->second.Callee, "enable_and_queue_work");
  EXPECT_EQ(R.Calls.find("tasklet_disable_nosync")->second.Callee, "disable_work");
  EXPECT_EQ(R.FromTasklet.Callee, "from_work");
  // Plain DECLARE_WORK would lose the disabled state: disable_work() comes with it.
  EXPECT_EQ(R.DeclareMacros.lookup("DECLARE_TASKLET_DISABLED"), "DECLARE_WORK");
  EXPECT_EQ(R.DeclaredDisabledInit, "disable_work({t})");
}

TEST(ConvertRules, WqRulesUseProcessContextQueues) {
  ConvertRules R = llvm::cantFail(ConvertRules::loadTarget("wq"));
  EXPECT_EQ(R.QueueNormal, "system_wq");
  EXPECT_FALSE(R.Calls.count("tasklet_disable_in_atomic"));
}

TEST(ConvertRules, BadPlaceholderIsRejectedWithPosition) {
  std::string Yaml = "target: bh\nsummary: x\ntype: struct work_struct\ninclude: linux/workqueue.h\n"
                     "from_tasklet: from_work\nqueues: {normal: a, hi: b}\n"
                     "calls:\n  tasklet_schedule: queue_work({queue}, {t})\n"
                     "callback: {legacy_parameter: work, legacy_data_init: x, legacy_data: y}\n";
  auto R = ConvertRules::parse(Yaml, "my.yaml");
  ASSERT_FALSE(R);
  std::string Message = llvm::toString(R.takeError());
  EXPECT_NE(Message.find("my.yaml:8:21: 'tasklet_schedule': unknown placeholder {queue}"),
            std::string::npos)
      << Message;
}

TEST(ConvertRules, MissingSectionIsNamed) {
  auto R = ConvertRules::parse("target: bh\n", "r.yaml");
  ASSERT_FALSE(R);
  EXPECT_NE(llvm::toString(R.takeError()).find("r.yaml:1:1: missing 'summary:'"),
            std::string::npos);
}

namespace {
std::string rewrite(const std::string &Source, const std::string &Name, const std::string &To) {
  auto Call = CallText::parse(Source, Source.find(Name), Name);
  EXPECT_TRUE(Call.has_value());
  if (!Call)
    return "";
  return Source.substr(0, Call->Begin) +
         rewriteCall(Source, *Call, *CallTemplate::parse(To), {{"t", 0}, {"cb", 1}},
                     {{"wq", "system_bh_wq"}}) +
         Source.substr(Call->End);
}
} // namespace

TEST(CallText, InsertsTheQueueAndKeepsTheArgumentAsWritten) {
  EXPECT_EQ(rewrite("\ttasklet_schedule(&priv->rx /* rx */);\n", "tasklet_schedule",
                    "queue_work({wq}, {t})"),
            "\tqueue_work(system_bh_wq, &priv->rx /* rx */);\n");
}

TEST(CallText, DropsLegacyDataAndRealignsContinuationLines) {
  std::string Src = "\ttasklet_init(&host->finish_tasklet,\n"
                    "\t\t     sdhci_finish, (unsigned long)host);\n";
  EXPECT_EQ(rewrite(Src, "tasklet_init", "INIT_WORK({t}, {cb})"),
            "\tINIT_WORK(&host->finish_tasklet,\n"
            "\t\t  sdhci_finish);\n");
}

TEST(CallText, NestedParenthesesAndStringsDoNotSplitArguments) {
  auto Call = CallText::parse("tasklet_init(&a[f(1, 2)], cb, g(\",\", 3))", 0, "tasklet_init");
  ASSERT_TRUE(Call);
  ASSERT_EQ(Call->Args.size(), 3u);
  EXPECT_EQ(Call->arg("tasklet_init(&a[f(1, 2)], cb, g(\",\", 3))", 2), "g(\",\", 3)");
}

TEST(CallText, RefusesAnotherIdentifier) {
  EXPECT_FALSE(CallText::parse("tasklet_schedule_all(x)", 0, "tasklet_schedule"));
  EXPECT_FALSE(CallText::parse("tasklet_schedule;", 0, "tasklet_schedule"));
}

TEST(CallText, MacroBodyContinuationsAreWhitespace) {
  std::string Src = "#define KICK(c) tasklet_schedule( \\\n\t\t&(c)->tl)\n";
  auto Call = CallText::parse(Src, Src.find("tasklet"), "tasklet_schedule");
  ASSERT_TRUE(Call);
  EXPECT_EQ(Call->arg(Src, 0), "&(c)->tl");
}

TEST(CallText, DropsTheSpaceBetweenTheNewNameAndItsParenthesis) {
  EXPECT_EQ(rewrite("\ttasklet_schedule (&dev->bh);\n", "tasklet_schedule",
                    "queue_work({wq}, {t})"),
            "\tqueue_work(system_bh_wq, &dev->bh);\n");
}

namespace {
std::string retyped(const std::string &Source) {
  unsigned Offset = Source.find("struct tasklet_struct");
  unsigned Length = strlen("struct tasklet_struct");
  std::string Text = replaceKeepingColumn(Source, Offset, Length, "struct work_struct");
  return Source.substr(0, Offset) + Text + Source.substr(Offset + Length);
}
} // namespace

TEST(CallText, RetypedMembersKeepTheirColumn) {
  // Spaces stay spaces, tabs stay tabs, a single blank stays single.
  EXPECT_EQ(retyped("    struct tasklet_struct      tx_tasklet;   /* tx */\n"),
            "    struct work_struct         tx_tasklet;   /* tx */\n");
  EXPECT_EQ(retyped("\tstruct tasklet_struct\ttl;\n\tint\t\t\tx;\n"),
            "\tstruct work_struct\ttl;\n\tint\t\t\tx;\n");
  EXPECT_EQ(retyped("\tstruct tasklet_struct\t\tbh;\n"), "\tstruct work_struct\t\tbh;\n");
  EXPECT_EQ(retyped("\tstruct tasklet_struct tl;\n"), "\tstruct work_struct tl;\n");
  EXPECT_EQ(retyped("static void f(struct tasklet_struct *t)\n"),
            "static void f(struct work_struct *t)\n");
}

TEST(ConvertRules, ExtendingATargetChangesOnlyWhatItNames) {
  // A kernel before 6.9 has no from_work(): container_of() with typeof instead.
  auto R = ConvertRules::parse("extends: bh\n"
                               "from_tasklet: container_of({ptr}, typeof(*{var}), {field})\n"
                               "calls:\n  tasklet_enable: enable_work({t})\n",
                               "old-kernel.yaml");
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  EXPECT_EQ(R->QueueNormal, "system_bh_wq");
  EXPECT_EQ(R->Calls.find("tasklet_enable")->second.Callee, "enable_work");
  EXPECT_EQ(R->Calls.find("tasklet_kill")->second.Callee, "cancel_work_sync");
  auto Call = CallText::parse("from_tasklet(p, t, rx.tl)", 0, "from_tasklet");
  ASSERT_TRUE(Call);
  EXPECT_EQ(rewriteCall("from_tasklet(p, t, rx.tl)", *Call, R->FromTasklet,
                        {{"var", 0}, {"ptr", 1}, {"field", 2}}, {}),
            "container_of(t, typeof(*p), rx.tl)");
}

TEST(ConvertRules, ExtendingAnUnknownTargetIsAnError) {
  auto R = ConvertRules::parse("extends: bottom-half\n", "mine.yaml");
  ASSERT_FALSE(bool(R));
  EXPECT_NE(llvm::toString(R.takeError()).find("mine.yaml:1:10: extends: no shipped target"),
            std::string::npos);
}

TEST(ConvertRules, DataFieldNeedsItsLoadAndAFieldPlaceholder) {
  ConvertRules Bh = llvm::cantFail(ConvertRules::loadTarget("bh"));
  EXPECT_EQ(Bh.LegacyDataField, "{field}_data");
  // One field per work item: the name must be made from the work item's.
  auto Shared = ConvertRules::parse("extends: bh\ncallback:\n  legacy_data_field: shared_data\n",
                                    "mine.yaml");
  ASSERT_FALSE(bool(Shared));
  EXPECT_NE(llvm::toString(Shared.takeError()).find("legacy_data_field must contain {field}"),
            std::string::npos);
  // Both empty: such tasklets are left to a person.
  auto Off = ConvertRules::parse("extends: bh\ncallback:\n  legacy_data_load: \"\"\n"
                                 "  legacy_data_field: \"\"\n",
                                 "mine.yaml");
  ASSERT_TRUE(bool(Off)) << llvm::toString(Off.takeError());
  EXPECT_TRUE(Off->LegacyDataField.empty());
}

TEST(CallText, DropsParenthesesAroundAnAddressedMember) {
  // checkpatch --strict: "Unnecessary parentheses around p->tl".
  EXPECT_EQ(rewrite("tasklet_schedule(&(p->tl));", "tasklet_schedule", "queue_work({wq}, {t})"),
            "queue_work(system_bh_wq, &p->tl);");
  // Not when they group something else.
  EXPECT_EQ(rewrite("tasklet_schedule(&(p + 1)->tl);", "tasklet_schedule", "queue_work({wq}, {t})"),
            "queue_work(system_bh_wq, &(p + 1)->tl);");
}
