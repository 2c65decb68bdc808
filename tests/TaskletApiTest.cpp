// The API description is data; a broken file is rejected with its position.
#include "matchers/TaskletApi.h"

#include "gtest/gtest.h"

using namespace detasklet;

TEST(TaskletApi, ShippedRulesDescribeTheWholeApi) {
  TaskletApi Api = llvm::cantFail(TaskletApi::loadDefault());
  EXPECT_EQ(Api.record(), "tasklet_struct");
  const ApiFunction *Init = Api.function("tasklet_init");
  ASSERT_TRUE(Init);
  EXPECT_EQ(Init->Use, UseKind::InitLegacy);
  EXPECT_EQ(Init->CallbackArg, 1u);
  EXPECT_EQ(Init->DataArg, 2u);
  for (const char *Name : {"tasklet_setup", "tasklet_schedule", "tasklet_hi_schedule",
                           "tasklet_disable", "tasklet_disable_nosync", "tasklet_disable_in_atomic",
                           "tasklet_enable", "tasklet_kill", "tasklet_trylock", "tasklet_unlock",
                           "tasklet_unlock_wait", "tasklet_unlock_spin_wait"})
    EXPECT_TRUE(Api.function(Name)) << Name;
  EXPECT_EQ(Api.declareMacro("DECLARE_TASKLET_DISABLED"), UseKind::DeclareDisabled);
  EXPECT_EQ(Api.containerMacro("from_tasklet"), UseKind::FromTasklet);
  EXPECT_TRUE(Api.isStateConstant("TASKLET_STATE_RUN"));
  EXPECT_TRUE(Api.isImplementationFile("/src/linux/kernel/softirq.c"));
  EXPECT_FALSE(Api.isImplementationFile("/src/linux/kernel/xsoftirq.c"));
}

TEST(TaskletApi, UnknownUseKindIsRejectedWithPosition) {
  auto Api = TaskletApi::parse("record: tasklet_struct\n"
                               "functions:\n"
                               "  - { name: tasklet_schedule, use: shedule, tasklet: 0 }\n",
                               "bad.yaml");
  ASSERT_FALSE(Api);
  std::string Message = llvm::toString(Api.takeError());
  EXPECT_NE(Message.find("bad.yaml:3:"), std::string::npos) << Message;
  EXPECT_NE(Message.find("unknown use kind 'shedule'"), std::string::npos) << Message;
}

TEST(TaskletApi, SyntaxErrorIsRejectedWithPosition) {
  auto Api = TaskletApi::parse("record: [unclosed\n", "broken.yaml");
  ASSERT_FALSE(Api);
  std::string Message = llvm::toString(Api.takeError());
  EXPECT_EQ(Message.rfind("broken.yaml:", 0), 0u) << Message;
}

TEST(TaskletApi, MissingTaskletArgumentIsRejected) {
  auto Api = TaskletApi::parse("record: tasklet_struct\n"
                               "functions:\n"
                               "  - { name: tasklet_kill, use: kill }\n",
                               "r.yaml");
  ASSERT_FALSE(Api);
  EXPECT_NE(llvm::toString(Api.takeError()).find("r.yaml:3:5: function entry needs 'tasklet:'"),
            std::string::npos);
}
