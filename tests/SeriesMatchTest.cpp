// verify --series: an object counts as converted by the plan only when every
// file the plan edits for it is in the series exactly as the plan makes it.
#include "verify/SeriesMatch.h"
#include "rewriters/UnifiedDiff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace detasklet;

namespace {

class SeriesMatchTest : public testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> D;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("detasklet-seriesmatch-test", D));
    Dir = std::string(D);
    ObjectReport O;
    O.Decl.Key = "field:a.c:struct a::tl";
    O.Decl.Declared = SourcePos{"a.c", 3, 24};
    Inv.Objects.push_back(O);
    ObjectReport Elsewhere;
    Elsewhere.Decl.Key = "field:z.c:struct z::tl";
    Elsewhere.Decl.Declared = SourcePos{"z.c", 3, 24};
    Inv.Objects.push_back(Elsewhere);
    // The plan edits a.c and, for the callback's prototype, b.h.
    GroupPlan G;
    G.Objects = {O.Decl.Key};
    G.Edits.push_back(PlannedEdit{TextRange{"a.c", 10, 7}, "work"});
    G.Edits.push_back(PlannedEdit{TextRange{"b.h", 5, 13}, "struct work_struct *"});
    Plan.Groups.push_back(G);
    Plan.Files.push_back(EditedFile{"a.c", "struct a {\n\tstruct tasklet_struct tl;\n};\n",
                                    "struct a {\n\tstruct work_struct tl;\n};\n"});
    Plan.Files.push_back(EditedFile{"b.h", "void cb(unsigned long data);\n",
                                    "void cb(struct work_struct *work);\n"});
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  AppliedSeries seriesOf(const std::vector<EditedFile> &Files) {
    std::string Text;
    for (const EditedFile &F : Files)
      Text += unifiedDiff(F);
    std::string Path = Dir + "/0001-x.patch";
    std::error_code EC;
    llvm::raw_fd_ostream(Path, EC) << Text;
    EXPECT_FALSE(EC);
    auto Read = [&](llvm::StringRef P) -> std::optional<std::string> {
      for (const EditedFile &F : Plan.Files)
        if (F.Path == P)
          return F.Original;
      return std::nullopt;
    };
    llvm::Expected<AppliedSeries> S = AppliedSeries::apply({Path}, Read);
    EXPECT_TRUE(bool(S)) << llvm::toString(S.takeError());
    return S ? std::move(*S) : AppliedSeries();
  }

  std::string Dir;
  Inventory Inv;
  ConversionPlan Plan;
};

TEST_F(SeriesMatchTest, TheWholePlanIsAsPlanned) {
  AppliedSeries S = seriesOf(Plan.Files);
  SeriesMatch M(Inv, Plan, S);
  EXPECT_EQ(M.of("field:a.c:struct a::tl").Status, SeriesStatus::AsPlanned);
  EXPECT_EQ(M.of("field:z.c:struct z::tl").Status, SeriesStatus::NotInSeries);
}

TEST_F(SeriesMatchTest, AFileOfThePlanLeftOutIsNotChecked) {
  // The object's own file is as planned; the prototype's header is not converted.
  AppliedSeries S = seriesOf({Plan.Files[0]});
  SeriesMatch M(Inv, Plan, S);
  const SeriesObject &A = M.of("field:a.c:struct a::tl");
  EXPECT_EQ(A.Status, SeriesStatus::HandEdited);
  EXPECT_NE(A.Why.find("b.h: the series leaves it as it is"), std::string::npos) << A.Why;
}

TEST_F(SeriesMatchTest, AnEditedLineIsNamed) {
  EditedFile Edited = Plan.Files[0];
  Edited.Modified = "struct a {\n\tstruct work_struct tl; /* mine */\n};\n";
  AppliedSeries S = seriesOf({Edited, Plan.Files[1]});
  SeriesMatch M(Inv, Plan, S);
  const SeriesObject &A = M.of("field:a.c:struct a::tl");
  EXPECT_EQ(A.Status, SeriesStatus::HandEdited);
  EXPECT_NE(A.Why.find("a.c:2: the series' line differs"), std::string::npos) << A.Why;
}

} // namespace
