#include "lint/UnifiedDiff.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cstring>
#include <optional>

namespace detasklet::lint {

namespace {

// git quotes names with unusual bytes C-style: "a/t\303\244st\tx.c".
std::optional<std::string> unquote(llvm::StringRef Quoted, size_t *Consumed = nullptr) {
  if (!Quoted.starts_with("\""))
    return std::nullopt;
  std::string Out;
  for (size_t I = 1; I < Quoted.size(); ++I) {
    char C = Quoted[I];
    if (C == '"') {
      if (Consumed)
        *Consumed = I + 1;
      return Out;
    }
    if (C != '\\') {
      Out.push_back(C);
      continue;
    }
    if (++I >= Quoted.size())
      return std::nullopt;
    switch (char E = Quoted[I]) {
    case 'a': Out.push_back('\a'); break;
    case 'b': Out.push_back('\b'); break;
    case 'f': Out.push_back('\f'); break;
    case 'n': Out.push_back('\n'); break;
    case 'r': Out.push_back('\r'); break;
    case 't': Out.push_back('\t'); break;
    case 'v': Out.push_back('\v'); break;
    default:
      if (E >= '0' && E <= '7' && I + 2 < Quoted.size()) {
        unsigned Value = 0;
        for (int K = 0; K < 3; ++K) {
          char D = Quoted[I + K];
          if (D < '0' || D > '7')
            return std::nullopt;
          Value = Value * 8 + (D - '0');
        }
        Out.push_back(static_cast<char>(Value));
        I += 2;
      } else {
        Out.push_back(E);
      }
    }
  }
  return std::nullopt;
}

std::string stripComponents(llvm::StringRef Path, unsigned Strip) {
  for (unsigned I = 0; I < Strip; ++I) {
    size_t Slash = Path.find('/');
    if (Slash == llvm::StringRef::npos)
      break;
    Path = Path.drop_front(Slash + 1);
  }
  return Path.str();
}

// The name on a '---'/'+++' line: quoted, or up to a TAB (diff -u puts the
// timestamp there, git a TAB after names with spaces). "" for /dev/null.
std::optional<std::string> headerName(llvm::StringRef Rest, unsigned Strip) {
  std::string Name;
  if (Rest.starts_with("\"")) {
    auto Q = unquote(Rest);
    if (!Q)
      return std::nullopt;
    Name = *Q;
  } else {
    Name = Rest.split('\t').first.rtrim(" ").str();
  }
  if (Name == "/dev/null")
    return std::string();
  if (Name.empty())
    return std::nullopt;
  return stripComponents(Name, Strip);
}

// "diff --git a/x b/x": the two names, when they can be told apart. Unquoted
// names with spaces are ambiguous unless both sides name the same path
// (always so but for renames, whose names come from 'rename from/to').
bool gitHeaderNames(llvm::StringRef Rest, unsigned Strip, std::string &Old, std::string &New) {
  if (Rest.starts_with("\"")) {
    size_t Used = 0;
    auto A = unquote(Rest, &Used);
    if (!A)
      return false;
    llvm::StringRef Tail = Rest.drop_front(Used).ltrim(' ');
    std::optional<std::string> B =
        Tail.starts_with("\"") ? unquote(Tail) : std::optional<std::string>(Tail.str());
    if (!B)
      return false;
    Old = stripComponents(*A, Strip);
    New = stripComponents(*B, Strip);
    return true;
  }
  if (Rest.ends_with("\"")) {
    size_t Open = Rest.rfind(" \"");
    if (Open == llvm::StringRef::npos)
      return false;
    auto B = unquote(Rest.drop_front(Open + 1));
    if (!B)
      return false;
    Old = stripComponents(Rest.take_front(Open), Strip);
    New = stripComponents(*B, Strip);
    return true;
  }
  for (size_t Space = Rest.find(' '); Space != llvm::StringRef::npos;
       Space = Rest.find(' ', Space + 1)) {
    std::string A = stripComponents(Rest.take_front(Space), Strip);
    std::string B = stripComponents(Rest.drop_front(Space + 1), Strip);
    if (A == B) {
      Old = New = A;
      return true;
    }
  }
  return false;
}

bool parseRange(llvm::StringRef &S, unsigned &Start, unsigned &Count) {
  if (S.consumeInteger(10, Start))
    return false;
  Count = 1;
  if (S.consume_front(",") && S.consumeInteger(10, Count))
    return false;
  return true;
}

// "@@ -a[,b] +c[,d] @@[ section]"
bool parseHunkHeader(llvm::StringRef Line, Hunk &H) {
  llvm::StringRef S = Line;
  if (!S.consume_front("@@ -") || !parseRange(S, H.OldStart, H.OldCount) ||
      !S.consume_front(" +") || !parseRange(S, H.NewStart, H.NewCount) ||
      !S.consume_front(" @@"))
    return false;
  return S.empty() || S.front() == ' ' || S.front() == '\t';
}

bool isHexId(llvm::StringRef S) {
  return S.size() == 40 && llvm::all_of(S, [](char C) { return llvm::isHexDigit(C); });
}

// An mbox message separator: "From <commit> Mon Sep 17 00:00:00 2001" from
// git format-patch, or "From <sender> <weekday> ..." from a mail client.
bool isMboxSeparator(llvm::StringRef Line) {
  if (!Line.consume_front("From "))
    return false;
  auto [Sender, Rest] = Line.split(' ');
  if (isHexId(Sender))
    return true;
  Rest = Rest.ltrim(' ');
  for (llvm::StringRef Day : {"Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "})
    if (Rest.starts_with(Day))
      return true;
  return false;
}

class DiffReader {
public:
  DiffReader(llvm::StringRef Text, llvm::StringRef Name, unsigned Strip)
      : Name(Name.str()), Strip(Strip) {
    Text.split(Lines, '\n');
    if (!Lines.empty() && Lines.back().empty())
      Lines.pop_back(); // the newline that ends the last line
    for (llvm::StringRef &L : Lines)
      if (L.ends_with("\r"))
        L = L.drop_back();
  }

  llvm::Expected<ParsedDiff> read();

private:
  llvm::Error error(size_t Index, const llvm::Twine &What) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Name + ":" + llvm::Twine(Index + 1) + ": " + What);
  }
  llvm::Error readMailHeaders();
  llvm::Error readGitHeader();
  llvm::Error readFileHeader(FileDiff &File, bool InGitHeader);
  llvm::Error readHunks(FileDiff &File);
  llvm::Error readHunk(Hunk &H);
  void startFile(FileDiff File) {
    File.Patch = Result.Patches.empty() ? -1 : static_cast<int>(Result.Patches.size() - 1);
    Result.Files.push_back(std::move(File));
  }

  std::string Name;
  unsigned Strip;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  size_t I = 0;
  ParsedDiff Result;
};

llvm::Expected<ParsedDiff> DiffReader::read() {
  bool AnyText = false;
  while (I < Lines.size()) {
    llvm::StringRef L = Lines[I];
    AnyText |= !L.trim().empty();
    if (isMboxSeparator(L)) {
      Result.Patches.push_back({"", static_cast<unsigned>(I + 1)});
      ++I;
      if (auto E = readMailHeaders())
        return E;
    } else if (L.starts_with("diff --git ")) {
      if (auto E = readGitHeader())
        return E;
    } else if (L.starts_with("diff --cc ") || L.starts_with("diff --combined ")) {
      return error(I, "combined diff (of a merge) is not supported; diff against one parent");
    } else if (L.starts_with("--- ") && I + 1 < Lines.size() && Lines[I + 1].starts_with("+++ ")) {
      FileDiff File;
      File.InputLine = I + 1;
      if (auto E = readFileHeader(File, /*InGitHeader=*/false))
        return E;
      if (auto E = readHunks(File))
        return E;
      startFile(std::move(File));
    } else if (L.starts_with("@@ ")) {
      return error(I, "hunk header outside a file diff (no '---'/'+++' lines before it)");
    } else {
      ++I; // commit message, diffstat, signature, or text around a diff
    }
  }
  if (AnyText && Result.Files.empty() && Result.Patches.empty())
    return error(0, "no unified diff found in the input");
  return std::move(Result);
}

llvm::Error DiffReader::readMailHeaders() {
  std::string *Continued = nullptr;
  for (; I < Lines.size() && !Lines[I].empty(); ++I) {
    llvm::StringRef L = Lines[I];
    if ((L.starts_with(" ") || L.starts_with("\t")) && Continued) {
      *Continued += " " + L.trim().str();
      continue;
    }
    Continued = nullptr;
    auto [Key, Value] = L.split(':');
    if (Key.equals_insensitive("Subject")) {
      Result.Patches.back().Subject = Value.trim().str();
      Continued = &Result.Patches.back().Subject;
    } else if (Key.equals_insensitive("Content-Transfer-Encoding")) {
      llvm::StringRef Encoding = Value.trim();
      if (Encoding.equals_insensitive("base64") || Encoding.equals_insensitive("quoted-printable"))
        return error(I, "the mail body is " + Encoding.lower() +
                            " encoded; save the patch as git format-patch writes it (8bit) "
                            "or decode it first");
    }
  }
  return llvm::Error::success();
}

llvm::Error DiffReader::readGitHeader() {
  FileDiff File;
  File.InputLine = I + 1;
  std::string RenameFrom, RenameTo;
  bool HaveHeaderNames =
      gitHeaderNames(Lines[I].drop_front(strlen("diff --git ")), Strip, File.OldPath, File.NewPath);
  ++I;
  bool HaveContent = false;
  for (; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    auto Path = [&](llvm::StringRef Prefix) {
      llvm::StringRef Rest = L.drop_front(Prefix.size());
      auto Q = unquote(Rest);
      return Q ? *Q : Rest.str();
    };
    if (L.starts_with("new file mode ")) {
      File.IsNew = true;
    } else if (L.starts_with("deleted file mode ")) {
      File.IsDeleted = true;
    } else if (L.starts_with("rename from ")) {
      File.IsRename = true;
      RenameFrom = Path("rename from ");
    } else if (L.starts_with("rename to ")) {
      File.IsRename = true;
      RenameTo = Path("rename to ");
    } else if (L.starts_with("copy from ")) {
      File.IsCopy = true;
      RenameFrom = Path("copy from ");
    } else if (L.starts_with("copy to ")) {
      File.IsCopy = true;
      RenameTo = Path("copy to ");
    } else if (L.starts_with("old mode ") || L.starts_with("new mode ") ||
               L.starts_with("similarity index ") || L.starts_with("dissimilarity index ") ||
               L.starts_with("index ")) {
      // Nothing that moves lines.
    } else if (L.starts_with("Binary files ") || L == "GIT binary patch") {
      File.IsBinary = true;
      if (L == "GIT binary patch") {
        // Base85 lines never contain a space, so a diff or mail header ends them.
        for (++I; I < Lines.size() && !Lines[I].starts_with("diff --git ") &&
                  !isMboxSeparator(Lines[I]);
             ++I) {
        }
        break;
      }
    } else if (L.starts_with("--- ")) {
      if (auto E = readFileHeader(File, /*InGitHeader=*/true))
        return E;
      HaveContent = true;
      break;
    } else if (L.starts_with("+++ ")) {
      return error(I, "'+++' line without the '---' line before it");
    } else if (L.starts_with("@@ ")) {
      return error(I, "hunk header before the file's '---'/'+++' lines");
    } else {
      break; // the header ends: next diff, mail, or a change without content
    }
  }
  if (!RenameFrom.empty())
    File.OldPath = RenameFrom;
  if (!RenameTo.empty())
    File.NewPath = RenameTo;
  if (!HaveContent && !HaveHeaderNames && RenameTo.empty())
    return error(File.InputLine - 1, "cannot tell the file names apart in this 'diff --git' line");
  if (File.IsNew)
    File.OldPath.clear();
  if (File.IsDeleted)
    File.NewPath.clear();
  if (HaveContent)
    if (auto E = readHunks(File))
      return E;
  startFile(std::move(File));
  return llvm::Error::success();
}

// At a '---' line; '+++' must follow.
llvm::Error DiffReader::readFileHeader(FileDiff &File, bool InGitHeader) {
  auto Old = headerName(Lines[I].drop_front(4), Strip);
  if (!Old)
    return error(I, "malformed '---' line");
  if (I + 1 >= Lines.size() || !Lines[I + 1].starts_with("+++ "))
    return error(I + 1 < Lines.size() ? I + 1 : I, "expected a '+++' line after '---'");
  auto New = headerName(Lines[I + 1].drop_front(4), Strip);
  if (!New)
    return error(I + 1, "malformed '+++' line");
  // git's rename from/to lines are authoritative for the names; the
  // '---'/'+++' names agree with them.
  if (!InGitHeader || !File.IsRename) {
    File.OldPath = *Old;
    File.NewPath = *New;
  }
  File.IsNew |= Old->empty();
  File.IsDeleted |= New->empty();
  I += 2;
  return llvm::Error::success();
}

llvm::Error DiffReader::readHunks(FileDiff &File) {
  if (I >= Lines.size() || !Lines[I].starts_with("@@"))
    return error(I < Lines.size() ? I : Lines.size() - 1,
                 "expected a hunk header ('@@ -a,b +c,d @@') after the '+++' line");
  while (I < Lines.size() && Lines[I].starts_with("@@")) {
    Hunk H;
    if (auto E = readHunk(H))
      return E;
    if (!File.Hunks.empty() && H.oldFirst() < File.Hunks.back().oldFirst() +
                                                  File.Hunks.back().OldCount)
      return error(H.InputLine - 1, "hunk overlaps or precedes the previous hunk of this file");
    File.Hunks.push_back(std::move(H));
  }
  return llvm::Error::success();
}

// At an '@@' line: the header, then exactly as many lines as it announces.
llvm::Error DiffReader::readHunk(Hunk &H) {
  if (!parseHunkHeader(Lines[I], H))
    return error(I, "malformed hunk header; expected '@@ -a,b +c,d @@'");
  H.InputLine = I + 1;
  ++I;
  unsigned OldLeft = H.OldCount, NewLeft = H.NewCount;
  while (OldLeft > 0 || NewLeft > 0) {
    if (I >= Lines.size())
      return error(Lines.size() - 1, "input ends inside the hunk at line " +
                                         llvm::Twine(H.InputLine) + " (" + llvm::Twine(OldLeft) +
                                         " old and " + llvm::Twine(NewLeft) +
                                         " new lines missing)");
    llvm::StringRef L = Lines[I];
    // Mail clients strip the single space of an empty context line.
    char Kind = L.empty() ? ' ' : L.front();
    if (Kind == '\\') {
      ++I; // "\ No newline at end of file": about the line before
      continue;
    }
    bool Fits = (Kind == ' ' && OldLeft > 0 && NewLeft > 0) || (Kind == '-' && OldLeft > 0) ||
                (Kind == '+' && NewLeft > 0);
    if (!Fits)
      return error(I, "unexpected line in the hunk at line " + llvm::Twine(H.InputLine) +
                          " (still expecting " + llvm::Twine(OldLeft) + " old and " +
                          llvm::Twine(NewLeft) + " new lines)");
    if (Kind != '+')
      --OldLeft;
    if (Kind != '-')
      --NewLeft;
    H.Lines.push_back({Kind, L.empty() ? std::string() : L.drop_front().str(),
                       static_cast<unsigned>(I + 1)});
    ++I;
  }
  if (I < Lines.size() && Lines[I].starts_with("\\ "))
    ++I; // the last line had no newline
  return llvm::Error::success();
}

} // namespace

llvm::Expected<ParsedDiff> parseUnifiedDiff(llvm::StringRef Text, llvm::StringRef InputName,
                                            unsigned Strip) {
  DiffReader Reader(Text, InputName, Strip);
  return Reader.read();
}

} // namespace detasklet::lint
