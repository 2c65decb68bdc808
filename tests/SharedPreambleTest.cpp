// The planning rules of the shared preamble: which parts of a command a
// precompiled header must share with its TUs, which headers go into it, and
// which headers are safe to include ahead of a TU.
#include "tool/SharedPreamble.h"

#include "gtest/gtest.h"

using namespace detasklet;
using namespace detasklet::preamble;

namespace {

using Strings = std::vector<std::string>;

TEST(SharedPreamblePlan, PerObjectPartsOfAKbuildCommandStayOut) {
  Strings Args = {"clang-19", "-nostdinc", "-I./include", "-I", "./drivers/dma",
                  "-include", "./include/linux/kconfig.h", "-D__KERNEL__", "-DMODULE",
                  "-Wall", "-Werror=implicit-int", "-DKBUILD_MODNAME=\"pl330\"",
                  "-D", "KBUILD_BASENAME=\"pl330\"", "-D__KBUILD_MODNAME=kmod_pl330",
                  "-c", "-o", "drivers/dma/pl330.o", "drivers/dma/pl330.c", "-w"};
  SplitCommand S = splitCommand(Args, "/k/drivers/dma/pl330.c", "/k");
  EXPECT_EQ(S.Shared, (Strings{"clang-19", "-nostdinc", "-include", "./include/linux/kconfig.h",
                               "-D__KERNEL__", "-DMODULE", "-w"}));
  EXPECT_EQ(S.Includes, (Strings{"-I./include", "-I./drivers/dma"}));
}

TEST(SharedPreamblePlan, MacrosOfTheBuildSplitGroups) {
  SplitCommand Module = splitCommand({"cc", "-DMODULE", "a.c"}, "a.c", "/k");
  SplitCommand Builtin = splitCommand({"cc", "b.c"}, "b.c", "/k");
  SplitCommand Debug = splitCommand({"cc", "-D", "DEBUG", "c.c"}, "c.c", "/k");
  EXPECT_NE(Module.Shared, Builtin.Shared);
  EXPECT_EQ(Debug.Shared, (Strings{"cc", "-DDEBUG"}));
}

TEST(SharedPreamblePlan, CommonIncludesKeepTheFirstMembersOrder) {
  SplitCommand A, B;
  A.Includes = {"-I./include", "-I./drivers/a", "-isystem/shim"};
  B.Includes = {"-isystem/shim", "-I./drivers/b", "-I./include"};
  EXPECT_EQ(commonIncludes({A, B}), (Strings{"-I./include", "-isystem/shim"}));
}

TEST(SharedPreamblePlan, AngleIncludesSearchAllButQuoteDirectories) {
  EXPECT_EQ(angleSearchDirectory("-I./include"), llvm::StringRef("./include"));
  EXPECT_EQ(angleSearchDirectory("-isystem/shim"), llvm::StringRef("/shim"));
  EXPECT_EQ(angleSearchDirectory("-idirafter/late"), llvm::StringRef("/late"));
  EXPECT_EQ(angleSearchDirectory("-iquote/local"), std::nullopt);
}

TEST(SharedPreamblePlan, TopLevelIncludesSkipConditionalAndCommentedOnes) {
  const char *Text = R"(// #include <linux/in_comment.h>
#include <linux/module.h>
/* #include <linux/in_block.h>
 */
# include "local.h"
#ifdef CONFIG_PM
#include <linux/pm.h>
#endif
#include <net/sock.h> /* trailing */
)";
  std::vector<Include> Got = topLevelIncludes(Text);
  std::vector<Include> Want = {
      {"linux/module.h", true}, {"local.h", false}, {"net/sock.h", true}};
  EXPECT_EQ(Got, Want);
}

TEST(SharedPreamblePlan, OnlyAWholeFileGuardCounts) {
  EXPECT_TRUE(isIncludeGuarded("/* SPDX */\n#ifndef A_H\n#define A_H\nint a;\n#ifdef X\n"
                               "int x;\n#endif\n#endif /* A_H */\n"));
  EXPECT_TRUE(isIncludeGuarded("#pragma once\nint a;\n"));
  // A trace header is read again and again on purpose.
  EXPECT_FALSE(isIncludeGuarded("#if !defined(_T_H) || defined(TRACE_HEADER_MULTI_READ)\n"
                                "#define _T_H\n#endif\n"));
  EXPECT_FALSE(isIncludeGuarded("#ifndef A_H\n#define A_H\n#endif\nint after;\n"));
  EXPECT_FALSE(isIncludeGuarded("#ifndef A_H\n#define B_H\nint a;\n#endif\n"));
  EXPECT_FALSE(isIncludeGuarded("int before;\n#ifndef A_H\n#define A_H\n#endif\n"));
  EXPECT_FALSE(isIncludeGuarded("#ifndef A_H\n#define A_H\nint unclosed;\n"));
}

TEST(SharedPreamblePlan, HeadersOfAQuarterOfTheGroupInTheirUsualPlace) {
  std::vector<Strings> PerMember = {
      {"linux/kernel.h", "linux/module.h", "linux/pci.h"},
      {"linux/kernel.h", "linux/module.h"},
      {"linux/module.h", "linux/rare.h"},
      {"linux/kernel.h", "linux/module.h", "linux/pci.h", "linux/netdevice.h"},
      {"linux/module.h"},
      {"linux/module.h"},
      {"linux/module.h"},
      {"linux/module.h"}};
  // Two of eight members make a quarter; one never does.
  EXPECT_EQ(commonHeaders(PerMember, 0.25),
            (Strings{"linux/kernel.h", "linux/module.h", "linux/pci.h"}));
  EXPECT_EQ(commonHeaders(PerMember, 0.5), (Strings{"linux/module.h"}));
}

} // namespace
