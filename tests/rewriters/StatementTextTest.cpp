// The statement-level text questions the planner asks before adding a line.
#include "rewriters/StatementText.h"

#include "gtest/gtest.h"

using namespace detasklet;

namespace {
// The statement end after the call starting at Name, or -1.
int endAfter(const std::string &Source, const std::string &Name) {
  size_t Begin = Source.find(Name);
  size_t End = Source.find(')', Begin) + 1;
  std::optional<unsigned> Semi = endOfCallStatement(Source, Begin, End);
  return Semi ? int(*Semi) : -1;
}
} // namespace

TEST(StatementText, CallInABlockEndsAtItsSemicolon) {
  std::string S = "{\n\tx = 1;\n\tinit(a, b) /* why */ ;\n}\n";
  EXPECT_EQ(endAfter(S, "init"), int(S.find(';', S.find("init")) + 1));
  // After a block, a label, a comment or a preprocessor line.
  EXPECT_NE(endAfter("{\n\tif (a) {\n\t}\n\tinit(a);\n}", "init"), -1);
  EXPECT_NE(endAfter("{\nout:\n\tinit(a);\n}", "init"), -1);
  EXPECT_NE(endAfter("{\n\tf();\n\t/* set up */\n\tinit(a);\n}", "init"), -1);
  EXPECT_NE(endAfter("{\n#else\n\tinit(a);\n#endif\n}", "init"), -1);
}

TEST(StatementText, CallUnderAConditionOrInsideAnExpressionIsNot) {
  // A second statement after it would run unconditionally.
  EXPECT_EQ(endAfter("{\n\tif (a)\n\t\tinit(a);\n}", "init"), -1);
  EXPECT_EQ(endAfter("{\n\telse\n\t\tinit(a);\n}", "init"), -1);
  EXPECT_EQ(endAfter("{\n\tif (a) init(a);\n}", "init"), -1);
  EXPECT_EQ(endAfter("{\n\tx = 1,\n\tinit(a), y = 2;\n}", "init"), -1);
}

TEST(StatementText, BodyOpensOnlyAfterADefinitionsParameterList) {
  std::string Def = "static void fn(unsigned long data)\n{\n";
  unsigned ParamEnd = Def.find("data") + 4;
  EXPECT_EQ(bodyOpenAfterParameter(Def, ParamEnd), std::optional<unsigned>(Def.find('{') + 1));
  std::string Proto = "static void fn(unsigned long data);\n";
  EXPECT_FALSE(bodyOpenAfterParameter(Proto, Proto.find("data") + 4));
  std::string Second = "static void fn(unsigned long data, int x)\n{\n";
  EXPECT_FALSE(bodyOpenAfterParameter(Second, Second.find("data") + 4));
}

TEST(StatementText, DeclarationsAreToldFromStatements) {
  EXPECT_TRUE(nextLineDeclares("\n\tstruct foo *p = (struct foo *)data;\n", 0));
  EXPECT_TRUE(nextLineDeclares("\n\n\tunsigned long flags;\n", 0));
  EXPECT_TRUE(nextLineDeclares("\n\tint i, n;\n", 0));
  EXPECT_FALSE(nextLineDeclares("\n\tspin_lock(&p->lock);\n", 0));
  EXPECT_FALSE(nextLineDeclares("\n\treturn ret;\n", 0));
  EXPECT_FALSE(nextLineDeclares("\n\tp->count = 0;\n", 0));
}

TEST(StatementText, IndentIsTheLinesLeadingBlanks) {
  std::string S = "{\n\t\t  x = 1;\n";
  EXPECT_EQ(lineIndent(S, S.find('x')), "\t\t  ");
}
