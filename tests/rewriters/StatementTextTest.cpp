// The statement-level text questions the planner asks before adding a line.
#include "rewriters/StatementText.h"

#include "gtest/gtest.h"

using namespace detasklet;

namespace {
// The slot after the call statement starting at Name.
std::optional<StatementSlot> slotAfter(const std::string &Source, const std::string &Name) {
  size_t Begin = Source.find(Name);
  size_t End = Source.find(')', Begin) + 1;
  return slotAfterCallStatement(Source, Begin, End);
}
} // namespace

TEST(StatementText, CallInABlockEndsAtItsSemicolon) {
  std::string S = "{\n\tx = 1;\n\tinit(a, b) /* why */ ;\n}\n";
  std::optional<StatementSlot> Slot = slotAfter(S, "init");
  ASSERT_TRUE(Slot);
  EXPECT_EQ(Slot->After, S.find(';', S.find("init")) + 1);
  EXPECT_FALSE(Slot->OpenBraceAt);
  // After a block, a label, a comment or a preprocessor line.
  EXPECT_TRUE(slotAfter("{\n\tif (a) {\n\t}\n\tinit(a);\n}", "init"));
  EXPECT_TRUE(slotAfter("{\nout:\n\tinit(a);\n}", "init"));
  EXPECT_TRUE(slotAfter("{\n\tf();\n\t/* set up */\n\tinit(a);\n}", "init"));
  EXPECT_TRUE(slotAfter("{\n#else\n\tinit(a);\n#endif\n}", "init"));
}

TEST(StatementText, BracelessLoopOrIfBodyGetsBraces) {
  std::string S = "{\n\tfor (i = 0; i < n; i++)\n\t\tinit(a[i]);\n}";
  std::optional<StatementSlot> Slot = slotAfter(S, "init");
  ASSERT_TRUE(Slot);
  ASSERT_TRUE(Slot->OpenBraceAt);
  EXPECT_EQ(*Slot->OpenBraceAt, S.find("i++)") + 4);
  EXPECT_EQ(Slot->CloseIndent, "\t");
  EXPECT_TRUE(slotAfter("{\n\tif (a)\n\t\tinit(a);\n\tx();\n}", "init"));
  EXPECT_TRUE(slotAfter("{\n\twhile (f(a))\n\t\tinit(a);\n}", "init"));
}

TEST(StatementText, CommentsAndLabelsBetweenTheConditionAndTheCallDoNotHideIt) {
  // "// enable it;" ends in ';' but the call is still the if's body.
  std::optional<StatementSlot> Slot =
      slotAfter("{\n\tif (c)\n\t\t// enable it;\n\t\tinit(a);\n}", "init");
  ASSERT_TRUE(Slot);
  EXPECT_TRUE(Slot->OpenBraceAt);
  Slot = slotAfter("{\n\tif (c)\nagain:\n\t\tinit(a);\n}", "init");
  ASSERT_TRUE(Slot);
  EXPECT_TRUE(Slot->OpenBraceAt);
  // Braces around a body split by #if would not pair up with it.
  EXPECT_FALSE(slotAfter("{\n\tif (c)\n#if 1\n\t\tinit(a);\n#endif\n}", "init"));
}

TEST(StatementText, CallThatCannotBeFollowedHasNoSlot) {
  // An if with an else arm (braces on one arm only), an else arm, a macro loop.
  EXPECT_FALSE(slotAfter("{\n\tif (a)\n\t\tinit(a);\n\telse\n\t\tx();\n}", "init"));
  EXPECT_FALSE(slotAfter("{\n\tif (a)\n\t\tx();\n\telse\n\t\tinit(a);\n}", "init"));
  EXPECT_FALSE(slotAfter("{\n\tlist_for_each(p, h)\n\t\tinit(p);\n}", "init"));
  // Not the whole statement, or not first on its line.
  EXPECT_FALSE(slotAfter("{\n\tif (a) init(a);\n}", "init"));
  EXPECT_FALSE(slotAfter("{\n\tx = 1,\n\tinit(a), y = 2;\n}", "init"));
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
