// The lexical engine: exactly the API identifiers in code, nothing in
// comments, strings or dead #if 0 blocks, each with its declaration.
#include "LintTestSupport.h"

#include "lint/LexicalEngine.h"
#include "lint/Prefilter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace detasklet::lint;
using namespace detasklet::lint::test;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(LexicalEngine, FindsCallsAndTypesInCode) {
  auto F = lexFindings("struct priv {\n"
                       "\tstruct tasklet_struct tl;\n"
                       "};\n"
                       "static void irq(struct priv *p)\n"
                       "{\n"
                       "\ttasklet_schedule(&p->tl);\n"
                       "}\n");
  EXPECT_THAT(positions(F), ElementsAre("2:9 tasklet_struct", "6:2 tasklet_schedule"));
  EXPECT_EQ(F[0].Violated->Id, "tasklet-struct");
  EXPECT_EQ(F[1].Violated->Id, "tasklet-schedule");
  EXPECT_EQ(F[1].Violated->Replacement, "queue_work(system_bh_wq, &work)");
}

TEST(LexicalEngine, IgnoresCommentsStringsAndCharLiterals) {
  auto F = lexFindings("/* tasklet_schedule(&p->tl) in a block comment\n"
                       " * tasklet_kill() on a continuation line */\n"
                       "// tasklet_init() in a line comment\n"
                       "// a line comment continued \\\n"
                       "   tasklet_setup() still inside it\n"
                       "static const char *s = \"tasklet_schedule\";\n"
                       "static const char *w = L\"tasklet_kill\" \"from_tasklet\";\n"
                       "static int c = 'tasklet_hi_schedule';\n"
                       "#define NAME \"DECLARE_TASKLET\"\n"
                       "void f(void) { pr_info(\"tasklet_enable %d\\n\", 1); /* tasklet_disable */ }\n");
  EXPECT_THAT(F, IsEmpty()) << positions(F).front();
}

TEST(LexicalEngine, MatchesWholeIdentifiersOnly) {
  auto F = lexFindings("void my_tasklet_schedule_wrapper(void);\n"
                       "int tasklet_schedule_count, __tasklet_schedule_common;\n"
                       "void f(void) { my_tasklet_schedule_wrapper(); x.tasklet_struct_ptr = 0; }\n"
                       "void g(void) { tasklet_schedule(t); __tasklet_schedule(t); }\n");
  EXPECT_THAT(positions(F), ElementsAre("4:16 tasklet_schedule", "4:37 __tasklet_schedule"));
  EXPECT_EQ(F[1].Violated->Id, "tasklet-internals");
}

TEST(LexicalEngine, ReportsUsesInsideMacroDefinitions) {
  auto F = lexFindings("#define KICK(c) tasklet_schedule(&(c)->tl)\n"
                       "#define STOP(c) \\\n"
                       "\tdo { \\\n"
                       "\t\ttasklet_kill(&(c)->tl); /* tasklet_kill */ \\\n"
                       "\t} while (0)\n"
                       "void f(struct c *c) { KICK(c); STOP(c); }\n");
  EXPECT_THAT(positions(F), ElementsAre("1:17 tasklet_schedule", "4:3 tasklet_kill"));
  EXPECT_EQ(F[0].Context, "#define KICK");
  EXPECT_EQ(F[1].Context, "#define STOP");
  EXPECT_EQ(F[1].LineTokens, "tasklet_kill ( & ( c ) -> tl ) ;");
}

TEST(LexicalEngine, JoinsIdentifiersSplitByLineContinuation) {
  auto F = lexFindings("void f(void) { tasklet_\\\nkill(t); }\n");
  EXPECT_THAT(positions(F), ElementsAre("1:16 tasklet_kill"));
}

TEST(LexicalEngine, SkipsDeadIfZeroBlocksOnly) {
  auto F = lexFindings("#if 0\n"
                       "tasklet_schedule(a);\n"
                       "#if CONFIG_X\n"
                       "tasklet_kill(b);\n"
                       "#endif\n"
                       "#elif defined(CONFIG_Y)\n"
                       "tasklet_enable(c);\n"        // live: #elif after #if 0
                       "#else\n"
                       "tasklet_disable(d);\n"       // live
                       "#endif\n"
                       "#if (0)\n"
                       "tasklet_init(e);\n"          // dead
                       "#else\n"
                       "tasklet_setup(f);\n"         // live
                       "#endif\n"
                       "#if 1\n"
                       "from_tasklet(g);\n"          // live
                       "#else\n"
                       "DECLARE_TASKLET(h);\n"       // dead: #else of #if 1
                       "#endif\n"
                       "#ifdef CONFIG_Z\n"
                       "tasklet_hi_schedule(i);\n"   // live: unknown condition
                       "#elif 0\n"
                       "tasklet_trylock(j);\n"       // dead
                       "#endif\n");
  EXPECT_THAT(positions(F), ElementsAre("7:1 tasklet_enable", "9:1 tasklet_disable",
                                        "14:1 tasklet_setup", "17:1 from_tasklet",
                                        "22:1 tasklet_hi_schedule"));
}

TEST(LexicalEngine, DirectiveTextIsNotCode) {
  auto F = lexFindings("#include <linux/tasklet_schedule.h>\n"
                       "#error don't call tasklet_schedule here\n"
                       "#warning tasklet_kill is deprecated\n"
                       "#pragma message(\"tasklet_init\")\n"
                       "#ifdef tasklet_setup\n"
                       "#undef tasklet_setup\n"
                       "#endif\n");
  EXPECT_THAT(positions(F), ElementsAre("5:8 tasklet_setup", "6:8 tasklet_setup"));
  EXPECT_EQ(F[1].Context, "#undef tasklet_setup");
}

TEST(LexicalEngine, NamesTheEnclosingDeclaration) {
  auto F = lexFindings("static DECLARE_TASKLET(global_tl, global_cb);\n"
                       "struct foo {\n"
                       "\tstruct tasklet_struct tl;\n"
                       "};\n"
                       "static void __init foo_init(struct foo *f) __acquires(x)\n"
                       "{\n"
                       "\tif (f) {\n"
                       "\t\ttasklet_setup(&f->tl, cb);\n"
                       "\t}\n"
                       "}\n"
                       "static struct ops foo_ops = {\n"
                       "\t.kick = tasklet_schedule,\n"
                       "};\n"
                       "void bar(struct tasklet_struct *t);\n"
                       "SYSCALL_DEFINE1(kick, int, n)\n"
                       "{\n"
                       "\ttasklet_hi_schedule(&t);\n"
                       "}\n");
  ASSERT_EQ(F.size(), 6u);
  EXPECT_EQ(F[0].Context, "DECLARE_TASKLET(global_tl)");
  EXPECT_EQ(F[1].Context, "struct foo");
  EXPECT_EQ(F[2].Context, "foo_init");
  EXPECT_EQ(F[3].Context, "foo_ops");
  EXPECT_EQ(F[4].Context, "bar");
  EXPECT_EQ(F[5].Context, "SYSCALL_DEFINE1(kick)");
}

TEST(LexicalEngine, UnbalancedBracesAcrossIfdefBranchesKeepTheContext) {
  auto F = lexFindings("#ifdef CONFIG_A\n"
                       "static void rx(struct a *a, int n) {\n"
                       "#else\n"
                       "static void rx(struct a *a) {\n"
                       "#endif\n"
                       "\ttasklet_schedule(&a->tl);\n"
                       "}\n"
                       "static void tx(struct a *a)\n"
                       "{\n"
                       "\ttasklet_kill(&a->tl);\n"
                       "}\n");
  ASSERT_EQ(F.size(), 2u);
  EXPECT_EQ(F[0].Context, "rx");
  EXPECT_EQ(F[1].Context, "tx");
}

TEST(LexicalEngine, LineTokensIgnoreSpacingAndComments) {
  auto A = lexFindings("void f(void) {\n\ttasklet_kill(&p->tl);   /* stop */\n}\n");
  auto B = lexFindings("void f(void) {\n        tasklet_kill( &p->tl ); // why\n}\n");
  ASSERT_EQ(A.size(), 1u);
  ASSERT_EQ(B.size(), 1u);
  EXPECT_EQ(A[0].LineTokens, "tasklet_kill ( & p -> tl ) ;");
  EXPECT_EQ(A[0].LineTokens, B[0].LineTokens);
}

TEST(LexicalEngine, CountsIdenticalUsesWithinADeclaration) {
  auto F = lexFindings("void f(void) {\n\ttasklet_kill(t);\n\ttasklet_kill(t);\n}\n"
                       "void g(void) {\n\ttasklet_kill(t);\n}\n");
  ASSERT_EQ(F.size(), 3u);
  EXPECT_EQ(F[0].Occurrence, 0u);
  EXPECT_EQ(F[1].Occurrence, 1u);
  EXPECT_EQ(F[2].Occurrence, 0u);
}

TEST(LexicalEngine, ColumnsAreBytesAndCodePoints) {
  auto F = lexFindings("int x = /* \xc3\xa9t\xc3\xa9 */ tasklet_trylock(t);\n");
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Column, 21u);
  EXPECT_EQ(F[0].CharColumn, 19u);
}

TEST(LexicalEngine, UnterminatedLiteralsDoNotSwallowTheNextLine) {
  auto F = lexFindings("#if 0\nit's dead\n#endif\nvoid f(void) { tasklet_kill(t); }\n");
  EXPECT_THAT(positions(F), ElementsAre("4:16 tasklet_kill"));
}

TEST(Prefilter, NeedlesCoverEveryIdentifier) {
  std::vector<std::string> Ids = shippedRules().identifiers();
  Prefilter Filter(Ids);
  EXPECT_THAT(Filter.needles(), ::testing::UnorderedElementsAre("TASKLET", "tasklet"));
  for (const std::string &Id : Ids)
    EXPECT_TRUE(Filter.mayMatch(Id)) << Id;
  EXPECT_FALSE(Filter.mayMatch("int main(void) { return work_pending(w); }"));
}

TEST(Prefilter, FallsBackToTheIdentifiersThemselves) {
  Prefilter Filter({"abc", "xyz"});
  EXPECT_THAT(Filter.needles(), ElementsAre("abc", "xyz"));
  EXPECT_TRUE(Filter.mayMatch("..xyz.."));
  EXPECT_FALSE(Filter.mayMatch("ab yz"));
}

TEST(LexicalEngine, ScansFilesInParallelInPathOrder) {
  TempTree Tree;
  std::vector<SourceFile> Files;
  for (int I = 0; I < 300; ++I) {
    char Name[32];
    snprintf(Name, sizeof Name, "d/f%03d.c", I);
    Tree.write(Name, I % 3 ? "int x;\n" : "void f(void) { tasklet_kill(t); }\n");
  }
  Tree.write("kernel/softirq.c", "void tasklet_kill(struct tasklet_struct *t) { }\n");
  Tree.write("README", "tasklet_kill\n");
  auto Collected = collectSourceFiles({Tree.path()}, Tree.path());
  ASSERT_TRUE(bool(Collected));
  EXPECT_EQ(Collected->size(), 301u); // README is not C
  LexicalEngine Engine(shippedRules());
  LexicalResult R = Engine.scanFiles(*Collected, 2);
  ASSERT_EQ(R.Findings.size(), 100u); // kernel/softirq.c is allowlisted
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    char Name[32];
    snprintf(Name, sizeof Name, "d/f%03zu.c", I * 3);
    EXPECT_EQ(R.Findings[I].File, Name);
  }
  EXPECT_EQ(R.FilesLexed, 100u);
  EXPECT_TRUE(R.Errors.empty());
}
