// The line diff must be minimal (checked against a quadratic LCS on many
// random inputs full of repeated lines), rebuild the new text exactly, and
// place ambiguous runs where git places them.
#include "rewriters/LineDiff.h"

#include "gtest/gtest.h"

#include <random>
#include <string>
#include <vector>

using namespace detasklet;

namespace {

std::vector<std::string> randomLines(std::mt19937 &Rng, unsigned Count, unsigned Alphabet) {
  std::vector<std::string> Lines;
  for (unsigned I = 0; I < Count; ++I)
    Lines.push_back(std::to_string(Rng() % Alphabet) + "\n");
  return Lines;
}

std::vector<llvm::StringRef> refs(const std::vector<std::string> &Lines) {
  return std::vector<llvm::StringRef>(Lines.begin(), Lines.end());
}

unsigned lcsLength(const std::vector<std::string> &A, const std::vector<std::string> &B) {
  std::vector<std::vector<unsigned>> T(A.size() + 1, std::vector<unsigned>(B.size() + 1, 0));
  for (size_t I = 1; I <= A.size(); ++I)
    for (size_t J = 1; J <= B.size(); ++J)
      T[I][J] = A[I - 1] == B[J - 1] ? T[I - 1][J - 1] + 1 : std::max(T[I - 1][J], T[I][J - 1]);
  return T[A.size()][B.size()];
}

// Applies the changes to Old; unchanged lines in between must be equal on both
// sides, which is checked as the new text is rebuilt.
std::vector<std::string> apply(const std::vector<std::string> &Old,
                               const std::vector<std::string> &New,
                               const std::vector<LineChange> &Changes, bool &Consistent) {
  std::vector<std::string> Out;
  size_t I = 0, J = 0;
  Consistent = true;
  auto Copy = [&](size_t UntilOld) {
    for (; I < UntilOld; ++I, ++J) {
      if (J >= New.size() || Old[I] != New[J])
        Consistent = false;
      Out.push_back(Old[I]);
    }
  };
  for (const LineChange &C : Changes) {
    if (C.OldStart < I || C.OldStart - I != C.NewStart - J || (C.OldCount == 0 && C.NewCount == 0))
      Consistent = false;
    Copy(C.OldStart);
    I += C.OldCount;
    for (unsigned K = 0; K < C.NewCount; ++K)
      Out.push_back(New[J++]);
  }
  Copy(Old.size());
  return Out;
}

} // namespace

TEST(LineDiff, SplitKeepsNewlinesAndAMissingLastOne) {
  auto Lines = splitLines("a\n\nb");
  ASSERT_EQ(Lines.size(), 3u);
  EXPECT_EQ(Lines[0], "a\n");
  EXPECT_EQ(Lines[1], "\n");
  EXPECT_EQ(Lines[2], "b");
  EXPECT_TRUE(splitLines("").empty());
  EXPECT_EQ(splitLines("x\n").size(), 1u);
}

TEST(LineDiff, IdenticalTextsHaveNoChanges) {
  std::vector<std::string> A = {"a\n", "b\n", "c\n"};
  EXPECT_TRUE(diffLines(refs(A), refs(A)).empty());
}

TEST(LineDiff, MissingFinalNewlineIsAChange) {
  std::vector<std::string> A = {"a\n", "b"}, B = {"a\n", "b\n"};
  auto Changes = diffLines(refs(A), refs(B));
  ASSERT_EQ(Changes.size(), 1u);
  EXPECT_EQ(Changes[0].OldStart, 1u);
  EXPECT_EQ(Changes[0].OldCount, 1u);
  EXPECT_EQ(Changes[0].NewCount, 1u);
}

TEST(LineDiff, MinimalAndConsistentOnRandomInputs) {
  std::mt19937 Rng(1234);
  for (int Round = 0; Round < 600; ++Round) {
    const unsigned Alphabet = 2 + Round % 7;
    auto A = randomLines(Rng, Rng() % 40, Alphabet);
    auto B = randomLines(Rng, Rng() % 40, Alphabet);
    auto Changes = diffLines(refs(A), refs(B));
    bool Consistent;
    EXPECT_EQ(apply(A, B, Changes, Consistent), B) << "round " << Round;
    EXPECT_TRUE(Consistent) << "round " << Round;
    unsigned Deleted = 0, Inserted = 0;
    for (const LineChange &C : Changes)
      Deleted += C.OldCount, Inserted += C.NewCount;
    const unsigned Lcs = lcsLength(A, B);
    EXPECT_EQ(Deleted, A.size() - Lcs) << "round " << Round;
    EXPECT_EQ(Inserted, B.size() - Lcs) << "round " << Round;
  }
}

TEST(LineDiff, MinimalOnEditedCopies) {
  // Close texts (the usual case: a file and its conversion).
  std::mt19937 Rng(99);
  for (int Round = 0; Round < 200; ++Round) {
    auto A = randomLines(Rng, 60, 12);
    auto B = A;
    for (int Edit = 0, Edits = Rng() % 8; Edit < Edits; ++Edit) {
      size_t At = B.empty() ? 0 : Rng() % B.size();
      switch (Rng() % 3) {
      case 0:
        B.insert(B.begin() + At, std::to_string(Rng() % 12) + "\n");
        break;
      case 1:
        if (!B.empty())
          B.erase(B.begin() + At);
        break;
      default:
        if (!B.empty())
          B[At] = "changed\n";
      }
    }
    auto Changes = diffLines(refs(A), refs(B));
    bool Consistent;
    EXPECT_EQ(apply(A, B, Changes, Consistent), B);
    EXPECT_TRUE(Consistent);
    unsigned Deleted = 0;
    for (const LineChange &C : Changes)
      Deleted += C.OldCount;
    EXPECT_EQ(Deleted, A.size() - lcsLength(A, B)) << "round " << Round;
  }
}

TEST(LineDiff, LargeFileWithFewEditsIsFastAndExact) {
  // A kernel-sized file (10k lines, unique) with scattered edits.
  std::vector<std::string> A;
  for (int I = 0; I < 10000; ++I)
    A.push_back("line " + std::to_string(I) + "\n");
  auto B = A;
  for (int I = 9900; I > 0; I -= 700) {
    B[I] = "edited " + std::to_string(I) + "\n";
    B.insert(B.begin() + I + 3, "inserted\n");
  }
  auto Changes = diffLines(refs(A), refs(B));
  unsigned Deleted = 0, Inserted = 0;
  for (const LineChange &C : Changes)
    Deleted += C.OldCount, Inserted += C.NewCount;
  EXPECT_EQ(Deleted, 15u);
  EXPECT_EQ(Inserted, 30u);
  bool Consistent;
  EXPECT_EQ(apply(A, B, Changes, Consistent), B);
}

TEST(LineDiff, CompletelyDifferentTexts) {
  std::vector<std::string> A = {"a\n", "b\n"}, B = {"c\n", "d\n", "e\n"};
  auto Changes = diffLines(refs(A), refs(B));
  ASSERT_EQ(Changes.size(), 1u);
  EXPECT_EQ(Changes[0].OldCount, 2u);
  EXPECT_EQ(Changes[0].NewCount, 3u);
}

TEST(LineDiff, InsertedFunctionIsShownWhole) {
  // The added run could start at the blank line after a(); git's indent
  // heuristic (and so this diff) starts it at the new function's first line.
  std::vector<std::string> A = {"void a(void)\n", "{\n", "\tx();\n", "}\n", "\n",
                                "void c(void)\n", "{\n", "\tz();\n", "}\n"};
  std::vector<std::string> B = A;
  B.insert(B.begin() + 5, {"void b(void)\n", "{\n", "\ty();\n", "}\n", "\n"});
  auto Changes = diffLines(refs(A), refs(B));
  ASSERT_EQ(Changes.size(), 1u);
  EXPECT_EQ(Changes[0].OldCount, 0u);
  EXPECT_EQ(Changes[0].NewStart, 5u);
  EXPECT_EQ(Changes[0].NewCount, 5u);
}
