// --semantic reports the scan inventory's uses, including those behind a
// driver's own macros that the lexical engine cannot attribute.
#include "LintTestSupport.h"

#include "lint/SemanticEngine.h"
#include "tool/ScanCommand.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace detasklet;
using namespace detasklet::lint;
using namespace detasklet::lint::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

Use useAt(UseKind Kind, const std::string &File, unsigned Line, unsigned Column,
          const std::string &Callee, const std::string &Text) {
  Use U;
  U.Kind = Kind;
  U.Site.Where = {File, Line, Column};
  U.Site.Spelling = U.Site.Where;
  U.Callee = Callee;
  U.Text = Text;
  return U;
}

std::vector<std::string> describe(const std::vector<lint::Finding> &Findings) {
  std::vector<std::string> Out;
  for (const lint::Finding &F : Findings)
    Out.push_back(F.File + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column) + " " +
                  F.Violated->Id + " " + F.Symbol + " [" + F.Context + "]");
  return Out;
}

} // namespace

TEST(SemanticEngine, EveryUseAndDeclarationOnce) {
  TempTree Tree;
  Tree.write("drv/a.c", "#define KICK(p) tasklet_schedule(&(p)->tl)\n"
                        "struct a { struct tasklet_struct tl; };\n"
                        "static void a_irq(struct a *p)\n"
                        "{\n"
                        "\tKICK(p);\n"
                        "}\n"
                        "static DECLARE_TASKLET(g, g_cb);\n");
  Tree.write("kernel/softirq.c", "void tasklet_kill(struct tasklet_struct *t) { }\n");

  Inventory Inv;
  Inv.Root = Tree.path();
  ObjectReport Field;
  Field.Decl.Key = "field:struct a::tl";
  Field.Decl.Name = "tl";
  Field.Decl.Record = "struct a";
  Field.Decl.Declared = {"drv/a.c", 2, 12};
  Use Kick = useAt(UseKind::Schedule, "drv/a.c", 5, 2, "tasklet_schedule", "&(p)->tl");
  Kick.Site.Spelling = {"drv/a.c", 1, 17};
  Kick.Site.Macros.push_back({"KICK", {"drv/a.c", 1, 9}, {"drv/a.c", 5, 2}});
  Field.Uses.push_back(Kick);
  Field.Uses.push_back(Kick); // reached through two aliases: one finding
  ObjectReport Global;
  Global.Decl.Key = "global:g";
  Global.Decl.Name = "g";
  Global.Decl.Kind = ObjectKind::Static;
  Global.Decl.Declared = {"drv/a.c", 7, 8};
  Global.Uses.push_back(useAt(UseKind::Declare, "drv/a.c", 7, 8, "DECLARE_TASKLET", "g"));
  Inv.Objects = {Field, Global};
  Inv.Unattached.push_back(
      useAt(UseKind::Kill, "kernel/softirq.c", 1, 1, "tasklet_kill", "t")); // allowlisted

  std::vector<lint::Finding> F = SemanticEngine(shippedRules()).findingsOf(Inv, Tree.path());
  finalizeFindings(F);
  EXPECT_THAT(describe(F), ElementsAre("drv/a.c:2:12 tasklet-struct tl [struct a]",
                                       "drv/a.c:5:2 tasklet-schedule tasklet_schedule [a_irq]",
                                       "drv/a.c:7:8 tasklet-declare DECLARE_TASKLET "
                                       "[DECLARE_TASKLET(g)]"));
  EXPECT_EQ(F[1].LineTokens, "KICK ( p ) ;");
  EXPECT_THAT(F[1].message(), HasSubstr("(schedule) on '&(p)->tl' through KICK()"));
}

// The real inventory over the test corpus: the uses behind the driver's KICK()
// and lynx_stop_bh() macros are reported where the driver writes them.
TEST(SemanticEngine, FindsUsesBehindDriverMacrosInTheCorpus) {
  SelectionRequest Selection;
  Selection.Inputs = {DETASKLET_CORPUS_DIR "/wrapper-macro"};
  RunOptions Run;
  Run.Jobs = 1;
  auto Inv = buildInventory(Selection, Run, "");
  ASSERT_TRUE(bool(Inv)) << llvm::toString(Inv.takeError());
  ASSERT_FALSE(Inv->partial());
  std::vector<lint::Finding> F =
      SemanticEngine(shippedRules()).findingsOf(*Inv, DETASKLET_CORPUS_DIR "/wrapper-macro");
  finalizeFindings(F);
  std::vector<std::string> Lines;
  for (const lint::Finding &X : F)
    Lines.push_back(X.File + ":" + std::to_string(X.Line) + " " + X.Violated->Id);
  EXPECT_THAT(Lines, ::testing::IsSupersetOf({"lynx.c:26 tasklet-schedule",
                                              "lynx.c:51 tasklet-schedule",
                                              "lynx.c:60 tasklet-kill", "lynx.c:44 tasklet-init",
                                              "lynx.h:15 tasklet-struct"}));
}
