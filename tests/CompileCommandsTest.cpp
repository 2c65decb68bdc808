// What the tool does to compile commands before clang sees them.
#include "tool/CompileCommands.h"

#include "gtest/gtest.h"

using namespace detasklet;

TEST(CompileCommands, UnknownOptionsAreStrippedKnownOnesKept) {
  std::vector<std::string> Args = {"gcc", "-fconserve-stack", "-mindirect-branch=thunk-extern", "-O2",
                                   "-fno-strict-aliasing", "-D__KERNEL__", "-c", "x.c"};
  std::vector<std::string> Out = stripUnknownArguments(Args);
  std::vector<std::string> Expected = {"gcc", "-O2", "-fno-strict-aliasing", "-D__KERNEL__",
                                       "-c", "x.c"};
  EXPECT_EQ(Out, Expected);
}

TEST(CompileCommands, KbuildDependencyOutputIsRemoved) {
  auto Adjust = kernelArgumentsAdjuster();
  std::vector<std::string> Out =
      Adjust({"clang", "-Wp,-MMD,drivers/x/.x.o.d", "-nostdinc", "-c", "x.c"}, "x.c");
  EXPECT_EQ(std::count(Out.begin(), Out.end(), "-Wp,-MMD,drivers/x/.x.o.d"), 0);
  EXPECT_EQ(std::count(Out.begin(), Out.end(), "-nostdinc"), 1);
  EXPECT_EQ(std::count(Out.begin(), Out.end(), "-w"), 1);
}

TEST(CompileCommands, MissingDatabaseSaysWhatToDo) {
  SelectionRequest R;
  R.Inputs = {"/"};
  auto Sel = selectTranslationUnits(R);
  ASSERT_FALSE(Sel);
  std::string Message = llvm::toString(Sel.takeError());
  EXPECT_NE(Message.find("no compile database found"), std::string::npos) << Message;
  EXPECT_NE(Message.find("gen_compile_commands.py"), std::string::npos) << Message;
}

TEST(CompileCommands, DirectoryWithCompileFlagsMeansEveryCFileBelow) {
  SelectionRequest R;
  R.Inputs = {DETASKLET_CORPUS_DIR "/shared-header"};
  auto Sel = selectTranslationUnits(R);
  ASSERT_TRUE(bool(Sel)) << llvm::toString(Sel.takeError());
  EXPECT_EQ(Sel->Root, DETASKLET_CORPUS_DIR);
  ASSERT_EQ(Sel->Files.size(), 2u);
  EXPECT_NE(Sel->Files[0].find("shared-header/core.c"), std::string::npos);
  EXPECT_NE(Sel->Files[1].find("shared-header/irq.c"), std::string::npos);
}
