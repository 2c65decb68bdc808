#include "lint/AddedLines.h"

#include "lint/SourceFiles.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <optional>

namespace detasklet::lint {

namespace {

// Where an old line of the file ends up after the hunks, if it survives.
std::optional<unsigned> mapOldLine(unsigned Line, const std::vector<Hunk> &Hunks) {
  long Delta = 0;
  for (const Hunk &H : Hunks) {
    unsigned OldFirst = H.oldFirst();
    if (Line < OldFirst)
      break;
    if (Line < OldFirst + H.OldCount) {
      unsigned Old = OldFirst, New = H.newFirst();
      for (const HunkLine &L : H.Lines) {
        if (L.Kind == '+') {
          ++New;
          continue;
        }
        if (Old == Line)
          return L.Kind == ' ' ? std::optional<unsigned>(New) : std::nullopt;
        ++Old;
        if (L.Kind == ' ')
          ++New;
      }
      return std::nullopt;
    }
    Delta = static_cast<long>(H.newFirst() + H.NewCount) - static_cast<long>(OldFirst + H.OldCount);
  }
  return static_cast<unsigned>(static_cast<long>(Line) + Delta);
}

} // namespace

AddedLineMap composeAddedLines(const ParsedDiff &Diff) {
  AddedLineMap Files;
  for (const FileDiff &F : Diff.Files) {
    std::map<unsigned, AddedLine> Lines;
    if (!F.IsNew && !F.OldPath.empty()) {
      auto It = Files.find(F.OldPath);
      if (It != Files.end()) {
        Lines = It->second;
        if (!F.IsCopy)
          Files.erase(It); // renamed or deleted: the old name is gone
      }
    }
    if (F.IsDeleted || F.NewPath.empty())
      continue;
    std::map<unsigned, AddedLine> After;
    for (auto &[Line, Added] : Lines)
      if (auto NewLine = mapOldLine(Line, F.Hunks))
        After.emplace(*NewLine, std::move(Added));
    for (const Hunk &H : F.Hunks) {
      unsigned New = H.newFirst();
      for (const HunkLine &L : H.Lines) {
        if (L.Kind == '+')
          After[New] = AddedLine{L.Text, L.InputLine, F.Patch};
        if (L.Kind != '-')
          ++New;
      }
    }
    Files[F.NewPath] = std::move(After);
  }
  // A file whose additions were all taken back adds nothing.
  for (auto It = Files.begin(); It != Files.end();)
    It = It->second.empty() ? Files.erase(It) : std::next(It);
  return Files;
}

llvm::Error checkAgainstTree(const AddedLineMap &Lines, llvm::StringRef Root,
                             llvm::StringRef InputName) {
  llvm::SmallVector<char, 0> Buffer;
  for (const auto &[Path, Added] : Lines) {
    llvm::SmallString<256> Full(Root);
    llvm::sys::path::append(Full, Path);
    auto Mismatch = [&](const AddedLine &L, const llvm::Twine &Why) {
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          InputName + ":" + llvm::Twine(L.InputLine) + ": " + Why +
              "; lint checks the tree with the change applied (git am / git apply first, or "
              "give --root the top of the tree the diff is relative to)");
    };
    if (std::error_code EC = readSource(Full, Buffer))
      return Mismatch(Added.begin()->second, Path + " cannot be read: " + EC.message());
    llvm::StringRef Text(Buffer.data(), Buffer.size());
    unsigned LineNo = 1;
    auto Next = Added.begin();
    while (Next != Added.end() && !Text.empty()) {
      auto [Line, Rest] = Text.split('\n');
      if (LineNo == Next->first) {
        if (Line.rtrim('\r') != llvm::StringRef(Next->second.Text).rtrim('\r'))
          return Mismatch(Next->second, Path + ":" + llvm::Twine(LineNo) +
                                            " is not the line the diff adds there");
        ++Next;
      }
      Text = Rest;
      ++LineNo;
    }
    if (Next != Added.end())
      return Mismatch(Next->second, Path + " has no line " + llvm::Twine(Next->first));
  }
  return llvm::Error::success();
}

} // namespace detasklet::lint
