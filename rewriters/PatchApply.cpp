#include "rewriters/PatchApply.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace detasklet {

namespace {

constexpr llvm::StringLiteral DevNull = "/dev/null";

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

// "a/drivers/x.c\t2024-..." -> "drivers/x.c", as git am -p1 reads it.
std::string pathOf(llvm::StringRef Field) {
  Field = Field.split('\t').first.rtrim();
  if (Field == DevNull)
    return DevNull.str();
  if (Field.size() > 2 && (Field.starts_with("a/") || Field.starts_with("b/")))
    Field = Field.drop_front(2);
  return Field.str();
}

// "-12,7" or "-12" -> {12, 7} or {12, 1}.
bool parseRange(llvm::StringRef Text, unsigned &Start, unsigned &Count) {
  auto [First, Second] = Text.drop_front().split(',');
  Count = 1;
  if (First.getAsInteger(10, Start))
    return false;
  return Second.empty() || !Second.getAsInteger(10, Count);
}

std::vector<llvm::StringRef> linesOf(llvm::StringRef Text, bool &EndsWithNewline) {
  std::vector<llvm::StringRef> Lines;
  EndsWithNewline = Text.empty() || Text.ends_with("\n");
  if (Text.ends_with("\n"))
    Text = Text.drop_back();
  if (Text.empty() && EndsWithNewline)
    return Lines;
  llvm::SmallVector<llvm::StringRef, 0> Parts;
  Text.split(Parts, '\n');
  Lines.assign(Parts.begin(), Parts.end());
  return Lines;
}

bool matchesAt(const std::vector<llvm::StringRef> &Lines, size_t At,
               const std::vector<llvm::StringRef> &Expected) {
  if (At + Expected.size() > Lines.size())
    return false;
  for (size_t I = 0; I < Expected.size(); ++I)
    if (Lines[At + I] != Expected[I])
      return false;
  return true;
}

} // namespace

llvm::Expected<std::vector<FileDiff>> parsePatch(llvm::StringRef Text, llvm::StringRef PatchName) {
  std::vector<FileDiff> Files;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  // The newline ends the last line; it does not start an empty one, which a
  // hunk would take for a context line.
  Text.consume_back("\n");
  Text.split(Lines, '\n');
  auto Where = [&](size_t I) { return PatchName.str() + ":" + std::to_string(I + 1) + ": "; };
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I].rtrim('\r');
    if (L.starts_with("GIT binary patch"))
      return failure(Where(I) + "binary patches are not supported");
    if (L.starts_with("--- ") && I + 1 < Lines.size() && Lines[I + 1].starts_with("+++ ")) {
      FileDiff F;
      F.OldPath = pathOf(L.drop_front(4));
      F.NewPath = pathOf(Lines[I + 1].rtrim('\r').drop_front(4));
      Files.push_back(std::move(F));
      ++I;
      continue;
    }
    if (!L.starts_with("@@ "))
      continue;
    if (Files.empty())
      return failure(Where(I) + "a hunk before any \"---\"/\"+++\" file header");
    DiffHunk H;
    H.HeaderLine = I + 1;
    llvm::SmallVector<llvm::StringRef, 4> Fields;
    L.split(Fields, ' ', /*MaxSplit=*/3);
    if (Fields.size() < 3 || !Fields[1].starts_with("-") || !Fields[2].starts_with("+") ||
        !parseRange(Fields[1], H.OldStart, H.OldCount) ||
        !parseRange(Fields[2], H.NewStart, H.NewCount))
      return failure(Where(I) + "cannot read the hunk header \"" + L + "\"");
    unsigned Old = 0, New = 0;
    char LastSide = ' ';
    while ((Old < H.OldCount || New < H.NewCount) && ++I < Lines.size()) {
      llvm::StringRef Body = Lines[I];
      if (Body.starts_with("\\")) {
        (LastSide == '+' ? H.NewEndsWithoutNewline : H.OldEndsWithoutNewline) = true;
        if (LastSide == ' ')
          H.NewEndsWithoutNewline = true;
        continue;
      }
      // A mailer may strip the space of an empty context line.
      char Marker = Body.empty() ? ' ' : Body.front();
      if (Marker != ' ' && Marker != '-' && Marker != '+')
        return failure(Where(I) + "the hunk at line " + llvm::Twine(H.HeaderLine) +
                       " ends early: expected " + llvm::Twine(H.OldCount) + " old and " +
                       llvm::Twine(H.NewCount) + " new lines");
      Old += Marker != '+';
      New += Marker != '-';
      LastSide = Marker;
      H.Lines.push_back(std::string(1, Marker) + Body.drop_front(Body.empty() ? 0 : 1).str());
    }
    if (Old != H.OldCount || New != H.NewCount)
      return failure(Where(H.HeaderLine - 1) + "the hunk's line counts do not match its lines");
    // A "\ No newline" right after the last line.
    if (I + 1 < Lines.size() && Lines[I + 1].starts_with("\\")) {
      (LastSide == '+' ? H.NewEndsWithoutNewline : H.OldEndsWithoutNewline) = true;
      if (LastSide == ' ')
        H.NewEndsWithoutNewline = true;
      ++I;
    }
    Files.back().Hunks.push_back(std::move(H));
  }
  if (Files.empty())
    return failure(PatchName + ": no file diff in it");
  return Files;
}

void LineMap::add(unsigned OldStart, unsigned Removed, unsigned Added) {
  if (Steps.empty())
    Steps.emplace_back();
  Steps.back().push_back(Change{OldStart, Removed, Added});
}

void LineMap::then(const LineMap &Later) {
  for (const auto &Step : Later.Steps)
    Steps.push_back(Step);
}

unsigned LineMap::throughStep(const std::vector<Change> &Step, unsigned Line) {
  long Delta = 0;
  for (const Change &C : Step) {
    if (Line < C.OldStart)
      break;
    if (Line < C.OldStart + C.Removed)
      return unsigned(long(C.OldStart) + Delta);
    Delta += long(C.Added) - long(C.Removed);
  }
  return unsigned(long(Line) + Delta);
}

LineMap::Lines LineMap::rangeThroughStep(const std::vector<Change> &Step, unsigned Line) {
  long Delta = 0;
  for (const Change &C : Step) {
    if (Line < C.OldStart)
      break;
    if (Line < C.OldStart + C.Removed)
      return {unsigned(long(C.OldStart) + Delta), C.Added};
    Delta += long(C.Added) - long(C.Removed);
  }
  return {unsigned(long(Line) + Delta), 1};
}

LineMap::Lines LineMap::newLines(unsigned OldLine) const {
  Lines R{OldLine, 1};
  for (const std::vector<Change> &Step : Steps) {
    if (R.Count == 0) {
      R.First = throughStep(Step, R.First); // where it was removed from, as later steps move it
      continue;
    }
    // A range's lines each go through the step; together they cover from
    // where the first went to where the last did.
    Lines First = rangeThroughStep(Step, R.First);
    Lines Last = rangeThroughStep(Step, R.First + R.Count - 1);
    unsigned End = std::max(First.First + First.Count, Last.First + Last.Count);
    R = {First.First, End > First.First ? End - First.First : 0};
  }
  return R;
}

unsigned LineMap::newLine(unsigned OldLine) const {
  unsigned Line = OldLine;
  for (const std::vector<Change> &Step : Steps)
    Line = throughStep(Step, Line);
  return Line;
}

llvm::Expected<AppliedFile> applyFileDiff(llvm::StringRef Original, const FileDiff &D,
                                          llvm::StringRef PatchName) {
  bool EndsWithNewline = true;
  std::vector<llvm::StringRef> Lines = linesOf(Original, EndsWithNewline);
  AppliedFile Out;
  std::vector<std::string> Result;
  size_t Copied = 0;  // old lines consumed so far
  long Offset = 0;    // where hunks were found, against where they said
  for (const DiffHunk &H : D.Hunks) {
    std::vector<llvm::StringRef> Expected;
    for (const std::string &L : H.Lines)
      if (L[0] != '+')
        Expected.push_back(llvm::StringRef(L).drop_front());
    // The 0-based old index the hunk's first old line should be at.
    long Stated = H.OldCount == 0 ? long(H.OldStart) : long(H.OldStart) - 1;
    long Want = Stated + Offset;
    // Nearest first, never back into what earlier hunks consumed.
    std::optional<size_t> Found;
    const long Lo = long(Copied), Hi = long(Lines.size());
    const long Start = std::clamp(Want, Lo, Hi);
    for (long Shift = 0; !Found && (Start - Shift >= Lo || Start + Shift <= Hi); ++Shift) {
      if (Start - Shift >= Lo && matchesAt(Lines, size_t(Start - Shift), Expected))
        Found = size_t(Start - Shift);
      else if (Shift && Start + Shift <= Hi && matchesAt(Lines, size_t(Start + Shift), Expected))
        Found = size_t(Start + Shift);
    }
    if (!Found)
      return failure(PatchName + ":" + llvm::Twine(H.HeaderLine) + ": hunk @@ -" +
                     llvm::Twine(H.OldStart) + "," + llvm::Twine(H.OldCount) +
                     " does not apply to " + D.OldPath +
                     ": its context and removed lines are not in the file; was the series "
                     "made against another version of the tree?");
    Offset = long(*Found) - Stated;
    for (; Copied < *Found; ++Copied)
      Result.push_back(Lines[Copied].str());
    // The hunk's changes, as blocks of removed and added lines.
    unsigned OldLine = unsigned(*Found) + 1, Removed = 0, Added = 0, BlockStart = 0;
    auto Flush = [&] {
      if (Removed || Added)
        Out.Lines.add(BlockStart, Removed, Added);
      Removed = Added = 0;
    };
    for (const std::string &L : H.Lines) {
      if (L[0] == ' ') {
        Flush();
        Result.push_back(L.substr(1));
        ++OldLine;
        ++Copied;
        continue;
      }
      if (!Removed && !Added)
        BlockStart = OldLine;
      if (L[0] == '-') {
        ++Removed;
        ++OldLine;
        ++Copied;
      } else {
        ++Added;
        Result.push_back(L.substr(1));
      }
    }
    Flush();
    if (Copied == Lines.size())
      EndsWithNewline = !H.NewEndsWithoutNewline;
  }
  for (; Copied < Lines.size(); ++Copied)
    Result.push_back(Lines[Copied].str());
  Out.Text = llvm::join(Result, "\n");
  if (!Result.empty() && EndsWithNewline)
    Out.Text += "\n";
  Out.Deleted = D.NewPath == DevNull;
  return Out;
}

llvm::Expected<AppliedSeries>
AppliedSeries::apply(const std::vector<std::string> &PatchFiles,
                     const std::function<std::optional<std::string>(llvm::StringRef)> &ReadFile) {
  AppliedSeries Series;
  for (const std::string &Patch : PatchFiles) {
    auto Buffer = llvm::MemoryBuffer::getFile(Patch, /*IsText=*/true);
    if (!Buffer)
      return failure(Patch + ": cannot read: " + Buffer.getError().message());
    llvm::Expected<std::vector<FileDiff>> Diffs = parsePatch((*Buffer)->getBuffer(), Patch);
    if (!Diffs)
      return Diffs.takeError();
    for (const FileDiff &D : *Diffs) {
      std::string Before;
      LineMap History;
      if (D.OldPath != DevNull) {
        auto It = Series.Files.find(D.OldPath);
        if (It != Series.Files.end()) {
          Before = It->second.Text;
          History = It->second.Lines;
        } else if (std::optional<std::string> Text = ReadFile(D.OldPath)) {
          Before = std::move(*Text);
        } else {
          return failure(Patch + ": changes " + D.OldPath + ", which is not in the tree");
        }
      }
      llvm::Expected<AppliedFile> After = applyFileDiff(Before, D, Patch);
      if (!After)
        return After.takeError();
      History.then(After->Lines);
      After->Lines = std::move(History);
      if (D.OldPath != D.NewPath && D.OldPath != DevNull && D.NewPath != DevNull)
        Series.Files[D.OldPath] = AppliedFile{"", LineMap(), /*Deleted=*/true};
      Series.Files[D.NewPath == DevNull ? D.OldPath : D.NewPath] = std::move(*After);
    }
  }
  return Series;
}

} // namespace detasklet
