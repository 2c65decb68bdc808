#include "rewriters/UnifiedDiff.h"

#include "rewriters/LineDiff.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace detasklet {

namespace {

// The id git gives the file's bytes as a blob, abbreviated the way kernel
// developers configure it (core.abbrev = 12).
std::string blobId(llvm::StringRef Bytes) {
  llvm::SHA1 Hash;
  Hash.update("blob " + std::to_string(Bytes.size()));
  const uint8_t Nul = 0;
  Hash.update(llvm::ArrayRef<uint8_t>(&Nul, 1));
  Hash.update(Bytes);
  return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 12);
}

// git's default hunk-header context: a line starting like an identifier
// (a function definition in C), cut at 80 bytes, trailing blanks dropped.
bool isFunctionLine(llvm::StringRef Line) {
  if (Line.empty())
    return false;
  const char C = Line.front();
  return llvm::isAlpha(C) || C == '_' || C == '$';
}

std::string functionText(llvm::StringRef Line) {
  return Line.take_front(80).rtrim(" \t\n\v\f\r").str();
}

void emitLine(llvm::raw_ostream &OS, char Kind, llvm::StringRef Line) {
  OS << Kind << Line;
  if (!Line.ends_with("\n"))
    OS << "\n\\ No newline at end of file\n";
}

// "-l,n" as git writes it: ",1" is omitted, and an empty range names the line
// before it.
void emitRange(llvm::raw_ostream &OS, char Sign, long Start, long Count) {
  OS << Sign << (Count ? Start + 1 : Start);
  if (Count != 1)
    OS << ',' << Count;
}

DiffStat countChanges(llvm::ArrayRef<LineChange> Changes) {
  DiffStat S;
  for (const LineChange &C : Changes) {
    S.Deletions += C.OldCount;
    S.Insertions += C.NewCount;
  }
  return S;
}

} // namespace

std::string gitQuotedPath(llvm::StringRef Path) {
  auto NeedsQuote = [](unsigned char C) { return C < 0x20 || C == '"' || C == '\\' || C >= 0x7f; };
  if (llvm::none_of(Path, [&](char C) { return NeedsQuote(C); }))
    return Path.str();
  std::string Out = "\"";
  for (unsigned char C : Path) {
    static const char Letters[] = "abtnvfr"; // \a = 7 ... \r = 13
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (C >= 7 && C <= 13) {
      Out += '\\';
      Out += Letters[C - 7];
    } else if (NeedsQuote(C)) {
      Out += '\\';
      Out += char('0' + (C >> 6));
      Out += char('0' + ((C >> 3) & 7));
      Out += char('0' + (C & 7));
    } else {
      Out += C;
    }
  }
  return Out + "\"";
}

std::string unifiedDiff(const EditedFile &F, unsigned Context) {
  if (F.Original == F.Modified)
    return {};
  const std::vector<llvm::StringRef> Old = splitLines(F.Original), New = splitLines(F.Modified);
  const std::vector<LineChange> Changes = diffLines(Old, New);

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  const std::string A = gitQuotedPath("a/" + F.Path), B = gitQuotedPath("b/" + F.Path);
  // git ends ---/+++ names holding a space with a tab so that tools can tell
  // where the name stops.
  const char *Tab = llvm::StringRef(F.Path).contains(' ') ? "\t" : "";
  OS << "diff --git " << A << ' ' << B << '\n'
     << "index " << blobId(F.Original) << ".." << blobId(F.Modified) << '\n'
     << "--- " << A << Tab << '\n'
     << "+++ " << B << Tab << '\n';

  const long Ctx = Context;
  const long OldSize = Old.size(), NewSize = New.size();
  std::string Function;     // carried over: the nearest one may lie above an earlier hunk
  long SearchedDownTo = -1; // lines at or above this were searched for a function line
  for (size_t First = 0; First < Changes.size();) {
    // Changes closer than two contexts share a hunk.
    size_t Last = First;
    while (Last + 1 < Changes.size() &&
           long(Changes[Last + 1].OldStart) -
                   long(Changes[Last].OldStart + Changes[Last].OldCount) <=
               2 * Ctx)
      ++Last;
    const LineChange &Begin = Changes[First], &End = Changes[Last];
    const long Start1 = std::max(long(Begin.OldStart) - Ctx, 0L);
    const long Start2 = std::max(long(Begin.NewStart) - Ctx, 0L);
    const long After = std::min({Ctx, OldSize - long(End.OldStart + End.OldCount),
                                 NewSize - long(End.NewStart + End.NewCount)});
    const long End1 = End.OldStart + End.OldCount + After;
    const long End2 = End.NewStart + End.NewCount + After;

    for (long L = Start1 - 1; L > SearchedDownTo; --L)
      if (isFunctionLine(Old[L])) {
        Function = functionText(Old[L]);
        break;
      }
    SearchedDownTo = Start1 - 1;

    OS << "@@ ";
    emitRange(OS, '-', Start1, End1 - Start1);
    OS << ' ';
    emitRange(OS, '+', Start2, End2 - Start2);
    OS << " @@";
    if (!Function.empty())
      OS << ' ' << Function;
    OS << '\n';

    long L1 = Start1;
    for (size_t I = First; I <= Last; ++I) {
      const LineChange &C = Changes[I];
      for (; L1 < long(C.OldStart); ++L1)
        emitLine(OS, ' ', Old[L1]);
      for (unsigned K = 0; K < C.OldCount; ++K)
        emitLine(OS, '-', Old[C.OldStart + K]);
      for (unsigned K = 0; K < C.NewCount; ++K)
        emitLine(OS, '+', New[C.NewStart + K]);
      L1 = C.OldStart + C.OldCount;
    }
    for (; L1 < End1; ++L1)
      emitLine(OS, ' ', Old[L1]);
    First = Last + 1;
  }
  return OS.str();
}

DiffStat diffStat(const EditedFile &F) {
  if (F.Original == F.Modified)
    return {};
  return countChanges(diffLines(splitLines(F.Original), splitLines(F.Modified)));
}

std::string diffStatBlock(llvm::ArrayRef<EditedFile> Files, unsigned Width) {
  struct Row {
    std::string Name;
    DiffStat Stat;
  };
  std::vector<Row> Rows;
  long MaxChange = 0, MaxLen = 0;
  unsigned Insertions = 0, Deletions = 0;
  for (const EditedFile &F : Files) {
    if (F.Original == F.Modified)
      continue;
    Row R{gitQuotedPath(F.Path), diffStat(F)};
    MaxLen = std::max(MaxLen, long(R.Name.size()));
    MaxChange = std::max(MaxChange, long(R.Stat.Insertions + R.Stat.Deletions));
    Insertions += R.Stat.Insertions;
    Deletions += R.Stat.Deletions;
    Rows.push_back(std::move(R));
  }

  // git's split of the width: " name | NNN +++---", one free column at the
  // end; when too wide, the graph gets at most 3/8 of the width (at least 6)
  // and the name what is left.
  const long NumberWidth = std::to_string(MaxChange).size();
  const long Total = std::max<long>(Width, 16 + 6 + NumberWidth);
  long GraphWidth = MaxChange;
  long NameWidth = MaxLen;
  if (NameWidth + NumberWidth + 6 + GraphWidth > Total) {
    if (GraphWidth > Total * 3 / 8 - NumberWidth - 6)
      GraphWidth = std::max(Total * 3 / 8 - NumberWidth - 6, 6L);
    if (NameWidth > Total - NumberWidth - 6 - GraphWidth)
      NameWidth = Total - NumberWidth - 6 - GraphWidth;
    else
      GraphWidth = Total - NumberWidth - 6 - NameWidth;
  }
  // At least one column for any change; the rest linear in the change count.
  auto Scale = [&](long N) { return N ? 1 + N * (GraphWidth - 1) / MaxChange : 0; };

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (const Row &R : Rows) {
    llvm::StringRef Name = R.Name;
    long Len = NameWidth;
    const char *Prefix = "";
    if (NameWidth < long(Name.size())) {
      // Keep the tail, from a directory boundary, behind "...".
      Prefix = "...";
      Len = std::max(Len - 3, 0L);
      Name = Name.take_back(Len);
      size_t Slash = Name.find('/');
      if (Slash != llvm::StringRef::npos)
        Name = Name.drop_front(Slash);
    }
    const long Padding = std::max(Len - long(Name.size()), 0L);
    long Add = R.Stat.Insertions, Del = R.Stat.Deletions;
    if (GraphWidth <= MaxChange) {
      long Columns = Scale(Add + Del);
      if (Columns < 2 && Add && Del)
        Columns = 2;
      if (Add < Del) {
        Add = Scale(Add);
        Del = Columns - Add;
      } else {
        Del = Scale(Del);
        Add = Columns - Del;
      }
    }
    const long Changed = R.Stat.Insertions + R.Stat.Deletions;
    OS << ' ' << Prefix << Name << std::string(Padding, ' ') << " | "
       << llvm::right_justify(std::to_string(Changed), NumberWidth) << (Changed ? " " : "")
       << std::string(Add, '+') << std::string(Del, '-') << '\n';
  }

  // git's wording: singular for one, and a zero count is left out unless
  // both are zero.
  const unsigned N = Rows.size();
  if (N == 0)
    return OS.str() + " 0 files changed\n";
  OS << ' ' << N << (N == 1 ? " file changed" : " files changed");
  if (Insertions || !Deletions)
    OS << ", " << Insertions << (Insertions == 1 ? " insertion(+)" : " insertions(+)");
  if (Deletions || !Insertions)
    OS << ", " << Deletions << (Deletions == 1 ? " deletion(-)" : " deletions(-)");
  OS << '\n';
  return OS.str();
}

} // namespace detasklet
