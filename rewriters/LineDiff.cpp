#include "rewriters/LineDiff.h"

#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cassert>

namespace detasklet {

std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    End = End == llvm::StringRef::npos ? Text.size() : End + 1;
    Lines.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Lines;
}

namespace {

// The changed-line flags of one side, with an unchanged sentinel before the
// first and after the last line so that walking groups needs no bounds checks.
class Side {
public:
  Side(llvm::ArrayRef<unsigned> Ids, llvm::ArrayRef<llvm::StringRef> Lines)
      : Ids(Ids), Lines(Lines), Flags(Ids.size() + 2, false) {}

  long size() const { return static_cast<long>(Ids.size()); }
  bool changed(long I) const { return Flags[I + 1]; }
  void mark(long I, bool Changed) { Flags[I + 1] = Changed; }
  bool sameLine(long I, long J) const { return Ids[I] == Ids[J]; }
  llvm::StringRef line(long I) const { return Lines[I]; }
  unsigned id(long I) const { return Ids[I]; }

private:
  llvm::ArrayRef<unsigned> Ids;
  llvm::ArrayRef<llvm::StringRef> Lines;
  std::vector<bool> Flags;
};

// Myers' bidirectional search: the "middle snake" splits the problem into two
// halves of about half the edit distance each, so memory stays linear.
class Myers {
public:
  Myers(Side &Old, Side &New) : Old(Old), New(New) {}
  void run() { compare(0, Old.size(), 0, New.size()); }

private:
  bool same(long I, long J) const { return Old.id(I) == New.id(J); }

  void compare(long A0, long A1, long B0, long B1) {
    while (A0 < A1 && B0 < B1 && same(A0, B0))
      ++A0, ++B0;
    while (A0 < A1 && B0 < B1 && same(A1 - 1, B1 - 1))
      --A1, --B1;
    if (A0 == A1 || B0 == B1) {
      for (long I = A0; I < A1; ++I)
        Old.mark(I, true);
      for (long J = B0; J < B1; ++J)
        New.mark(J, true);
      return;
    }
    // Both ranges are non-empty and differ at both ends, so the distance is
    // at least 2 and each half below is strictly cheaper: the recursion ends.
    long X, Y;
    if (!split(A0, A1, B0, B1, X, Y)) {
      for (long I = A0; I < A1; ++I)
        Old.mark(I, true);
      for (long J = B0; J < B1; ++J)
        New.mark(J, true);
      return;
    }
    compare(A0, X, B0, Y);
    compare(X, A1, Y, B1);
  }

  // Finds a point (X, Y) on a shortest edit path from (A0, B0) to (A1, B1)
  // where the forward and backward searches meet.
  bool split(long A0, long A1, long B0, long B1, long &X, long &Y) {
    const long N = A1 - A0, M = B1 - B0;
    const long MaxD = (N + M + 1) / 2;
    const long Offset = MaxD;
    const long Size = 2 * MaxD + 2;
    // Forward[k]: furthest x reached on diagonal k = x - y from the start;
    // Backward[k]: the same counted from the end. -1: not reached yet.
    Forward.assign(Size, -1);
    Backward.assign(Size, -1);
    Forward[Offset + 1] = 0;
    Backward[Offset + 1] = 0;
    const long Delta = N - M;
    // With an odd delta the paths meet during a forward step, else a backward one.
    const bool MeetForward = (Delta % 2) != 0;
    // Diagonals that left the grid are not extended again.
    long FStart = 0, FEnd = 0, BStart = 0, BEnd = 0;
    for (long D = 0; D < MaxD; ++D) {
      for (long K = -D + FStart; K <= D - FEnd; K += 2) {
        const long KOff = Offset + K;
        long X1 = (K == -D || (K != D && Forward[KOff - 1] < Forward[KOff + 1]))
                      ? Forward[KOff + 1]
                      : Forward[KOff - 1] + 1;
        long Y1 = X1 - K;
        while (X1 < N && Y1 < M && same(A0 + X1, B0 + Y1))
          ++X1, ++Y1;
        Forward[KOff] = X1;
        if (X1 > N) {
          FEnd += 2;
        } else if (Y1 > M) {
          FStart += 2;
        } else if (MeetForward) {
          const long BOff = Offset + Delta - K;
          if (BOff >= 0 && BOff < Size && Backward[BOff] != -1 && X1 >= N - Backward[BOff]) {
            X = A0 + X1;
            Y = B0 + Y1;
            return true;
          }
        }
      }
      for (long K = -D + BStart; K <= D - BEnd; K += 2) {
        const long KOff = Offset + K;
        long X2 = (K == -D || (K != D && Backward[KOff - 1] < Backward[KOff + 1]))
                      ? Backward[KOff + 1]
                      : Backward[KOff - 1] + 1;
        long Y2 = X2 - K;
        while (X2 < N && Y2 < M && same(A1 - X2 - 1, B1 - Y2 - 1))
          ++X2, ++Y2;
        Backward[KOff] = X2;
        if (X2 > N) {
          BEnd += 2;
        } else if (Y2 > M) {
          BStart += 2;
        } else if (!MeetForward) {
          const long FOff = Offset + Delta - K;
          if (FOff >= 0 && FOff < Size && Forward[FOff] != -1) {
            const long X1 = Forward[FOff];
            const long Y1 = X1 - (FOff - Offset);
            if (X1 >= N - X2) {
              X = A0 + X1;
              Y = B0 + Y1;
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  Side &Old;
  Side &New;
  std::vector<long> Forward, Backward;
};

// A run of changed lines on one side, or the empty run above line Start.
struct Group {
  long Start = 0, End = 0; // End: the first unchanged line after the run
};

Group firstGroup(const Side &S) {
  Group G;
  while (S.changed(G.End))
    ++G.End;
  return G;
}

bool nextGroup(const Side &S, Group &G) {
  if (G.End == S.size())
    return false;
  G.Start = G.End + 1;
  for (G.End = G.Start; S.changed(G.End); ++G.End) {
  }
  return true;
}

bool previousGroup(const Side &S, Group &G) {
  if (G.Start == 0)
    return false;
  G.End = G.Start - 1;
  for (G.Start = G.End; S.changed(G.Start - 1); --G.Start) {
  }
  return true;
}

// A run whose first line equals the line after it can move one line down
// (and swallows a run it bumps into); the mirror image moves it up.
bool slideDown(Side &S, Group &G) {
  if (G.End >= S.size() || !S.sameLine(G.Start, G.End))
    return false;
  S.mark(G.Start++, false);
  S.mark(G.End++, true);
  while (S.changed(G.End))
    ++G.End;
  return true;
}

bool slideUp(Side &S, Group &G) {
  if (G.Start == 0 || !S.sameLine(G.Start - 1, G.End - 1))
    return false;
  S.mark(--G.Start, true);
  S.mark(--G.End, false);
  while (S.changed(G.Start - 1))
    --G.Start;
  return true;
}

// The indent heuristic scores the two cuts a run makes in the text and keeps
// the position where the cuts fall at blank lines and block boundaries. The
// weights are git's (tuned on a corpus by its authors); reusing them keeps our
// hunks identical to what `git diff` shows for the same change.
constexpr int MaxIndent = 200;
constexpr int MaxBlanks = 20;
constexpr int StartOfFilePenalty = 1;
constexpr int EndOfFilePenalty = 21;
constexpr int TotalBlankWeight = -30;
constexpr int PostBlankWeight = 6;
constexpr int RelativeIndentPenalty = -4;
constexpr int RelativeIndentWithBlankPenalty = 10;
constexpr int RelativeOutdentPenalty = 24;
constexpr int RelativeOutdentWithBlankPenalty = 17;
constexpr int RelativeDedentPenalty = 23;
constexpr int RelativeDedentWithBlankPenalty = 17;
constexpr int IndentWeight = 60;
constexpr long MaxSliding = 100;

// Columns of leading whitespace (tab stops of 8); -1 for a blank line.
int indentOf(llvm::StringRef Line) {
  int Indent = 0;
  for (char C : Line) {
    if (C == ' ')
      ++Indent;
    else if (C == '\t')
      Indent += 8 - Indent % 8;
    else if (C != '\n' && C != '\r' && C != '\f' && C != '\v')
      return Indent;
    if (Indent >= MaxIndent)
      return MaxIndent;
  }
  return -1;
}

struct Cut {
  bool EndOfFile = false;
  int Indent = -1;     // the line just below the cut
  int PreBlank = 0;    // blank lines just above the cut
  int PreIndent = -1;  // the nearest non-blank line above
  int PostBlank = 0;   // blank lines after the line below the cut
  int PostIndent = -1; // the nearest non-blank line after that
};

Cut measureCut(const Side &S, long At) {
  Cut C;
  if (At >= S.size())
    C.EndOfFile = true;
  else
    C.Indent = indentOf(S.line(At));
  for (long I = At - 1; I >= 0; --I) {
    C.PreIndent = indentOf(S.line(I));
    if (C.PreIndent != -1)
      break;
    if (++C.PreBlank == MaxBlanks) {
      C.PreIndent = 0;
      break;
    }
  }
  for (long I = At + 1; I < S.size(); ++I) {
    C.PostIndent = indentOf(S.line(I));
    if (C.PostIndent != -1)
      break;
    if (++C.PostBlank == MaxBlanks) {
      C.PostIndent = 0;
      break;
    }
  }
  return C;
}

struct Score {
  int EffectiveIndent = 0;
  int Penalty = 0;
};

void addCut(const Cut &C, Score &S) {
  if (C.PreIndent == -1 && C.PreBlank == 0)
    S.Penalty += StartOfFilePenalty;
  if (C.EndOfFile)
    S.Penalty += EndOfFilePenalty;
  const int PostBlank = C.Indent == -1 ? 1 + C.PostBlank : 0;
  const int TotalBlank = C.PreBlank + PostBlank;
  S.Penalty += TotalBlankWeight * TotalBlank + PostBlankWeight * PostBlank;
  const int Indent = C.Indent != -1 ? C.Indent : C.PostIndent;
  const bool AnyBlank = TotalBlank != 0;
  S.EffectiveIndent += Indent;
  if (Indent == -1 || C.PreIndent == -1 || Indent == C.PreIndent)
    return;
  if (Indent > C.PreIndent)
    S.Penalty += AnyBlank ? RelativeIndentWithBlankPenalty : RelativeIndentPenalty;
  else if (C.PostIndent != -1 && C.PostIndent > Indent)
    S.Penalty +=
        AnyBlank ? RelativeOutdentWithBlankPenalty : RelativeOutdentPenalty; // opens a block
  else
    S.Penalty += AnyBlank ? RelativeDedentWithBlankPenalty : RelativeDedentPenalty; // closes one
}

// Negative when A is the better position.
int compareScores(const Score &A, const Score &B) {
  const int Indents =
      (A.EffectiveIndent > B.EffectiveIndent) - (A.EffectiveIndent < B.EffectiveIndent);
  return IndentWeight * Indents + (A.Penalty - B.Penalty);
}

// Slides every run of S to its preferred place, keeping the runs of Other in
// step (a run of S moving past unchanged lines moves past the same lines of
// Other). Runs that can be lined up with a run of Other become one replacement
// hunk instead of a deletion and an insertion apart.
void compact(Side &S, Side &Other) {
  Group G = firstGroup(S), GO = firstGroup(Other);
  for (;;) {
    if (G.End != G.Start) {
      long Size, EarliestEnd, EndMatchingOther;
      do {
        Size = G.End - G.Start;
        EndMatchingOther = -1;
        while (slideUp(S, G)) {
          [[maybe_unused]] bool Moved = previousGroup(Other, GO);
          assert(Moved && "runs out of step sliding up");
        }
        EarliestEnd = G.End;
        if (GO.End > GO.Start)
          EndMatchingOther = G.End;
        while (slideDown(S, G)) {
          [[maybe_unused]] bool Moved = nextGroup(Other, GO);
          assert(Moved && "runs out of step sliding down");
          if (GO.End > GO.Start)
            EndMatchingOther = G.End;
        }
      } while (Size != G.End - G.Start);

      if (G.End == EarliestEnd) {
        // The run cannot move.
      } else if (EndMatchingOther != -1) {
        // Line it up with the last run of Other it can meet.
        while (GO.End == GO.Start) {
          [[maybe_unused]] bool Moved = slideUp(S, G) && previousGroup(Other, GO);
          assert(Moved && "lost the matching run");
        }
      } else {
        long Shift = std::max({EarliestEnd, G.End - Size - 1, G.End - MaxSliding});
        Score Best;
        long BestShift = -1;
        for (; Shift <= G.End; ++Shift) {
          Score Here;
          addCut(measureCut(S, Shift), Here);
          addCut(measureCut(S, Shift - Size), Here);
          if (BestShift == -1 || compareScores(Here, Best) <= 0) {
            Best = Here;
            BestShift = Shift;
          }
        }
        while (G.End > BestShift) {
          [[maybe_unused]] bool Moved = slideUp(S, G) && previousGroup(Other, GO);
          assert(Moved && "cannot reach the chosen position");
        }
      }
    }
    if (!nextGroup(S, G))
      break;
    [[maybe_unused]] bool Moved = nextGroup(Other, GO);
    assert(Moved && "runs out of step");
  }
}

} // namespace

std::vector<LineChange> diffLines(llvm::ArrayRef<llvm::StringRef> Old,
                                  llvm::ArrayRef<llvm::StringRef> New) {
  // Equal lines get equal numbers, so the search compares integers.
  llvm::DenseMap<llvm::StringRef, unsigned> Numbers;
  auto Number = [&](llvm::ArrayRef<llvm::StringRef> Lines) {
    std::vector<unsigned> Ids;
    Ids.reserve(Lines.size());
    for (llvm::StringRef L : Lines)
      Ids.push_back(Numbers.try_emplace(L, Numbers.size()).first->second);
    return Ids;
  };
  const std::vector<unsigned> OldIds = Number(Old), NewIds = Number(New);
  Side A(OldIds, Old), B(NewIds, New);
  Myers(A, B).run();
  compact(A, B);
  compact(B, A);

  std::vector<LineChange> Changes;
  long I = 0, J = 0;
  while (I < A.size() || J < B.size()) {
    if (!A.changed(I) && !B.changed(J)) {
      ++I, ++J;
      continue;
    }
    LineChange C;
    C.OldStart = I;
    C.NewStart = J;
    while (I < A.size() && A.changed(I))
      ++I;
    while (J < B.size() && B.changed(J))
      ++J;
    C.OldCount = I - C.OldStart;
    C.NewCount = J - C.NewStart;
    Changes.push_back(C);
  }
  return Changes;
}

} // namespace detasklet
