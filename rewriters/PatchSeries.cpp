#include "rewriters/PatchSeries.h"

#include "rewriters/UnifiedDiff.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <ctime>

namespace detasklet {

namespace {

// What git prints as the signature; `git am` ignores it, and a fixed value
// keeps generated series byte-identical to git's for the same change.
constexpr const char *Signature = "2.39.5";
constexpr const char *MboxFromLine =
    "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001";

bool isAscii(llvm::StringRef S) {
  return llvm::all_of(S, [](char C) { return static_cast<unsigned char>(C) < 0x80; });
}

std::string rfc2822Now() {
  static const char *const Days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char *const Months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t Now = std::time(nullptr);
  std::tm Local;
  localtime_r(&Now, &Local);
  const long Offset = Local.tm_gmtoff / 60;
  const long Abs = Offset < 0 ? -Offset : Offset;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << Days[Local.tm_wday] << ", " << Local.tm_mday << ' ' << Months[Local.tm_mon] << ' '
     << (Local.tm_year + 1900) << ' '
     << llvm::format("%02d:%02d:%02d %c%02ld%02ld", Local.tm_hour, Local.tm_min, Local.tm_sec,
                     Offset < 0 ? '-' : '+', Abs / 60, Abs % 60);
  return OS.str();
}

// RFC 2047 "Q" encoding as git writes it: "=?UTF-8?q?...?=", a multi-byte
// character never split, words broken before 76 columns. In an address phrase
// fewer characters may stand for themselves.
std::string rfc2047(llvm::StringRef Text, size_t Column, bool InAddress) {
  auto Special = [&](unsigned char C) {
    if (C >= 0x80 || !llvm::isPrint(C) || C == ' ' || C == '=' || C == '?' || C == '_')
      return true;
    return InAddress && !(llvm::isAlnum(C) || llvm::StringRef("!*+-/").contains(C));
  };
  const std::string Open = "=?UTF-8?q?";
  std::string Out = Open;
  Column += Open.size();
  while (!Text.empty()) {
    const unsigned char Lead = Text.front();
    size_t Len = Lead < 0x80 ? 1 : Lead >= 0xf0 ? 4 : Lead >= 0xe0 ? 3 : Lead >= 0xc0 ? 2 : 1;
    Len = std::min(Len, Text.size());
    const bool Encode = Len > 1 || Special(Lead);
    const size_t Width = Encode ? 3 * Len : 1;
    if (Column + Width + 2 > 76) {
      Out += "?=\n " + Open;
      Column = Open.size() + 1;
    }
    for (unsigned char C : Text.take_front(Len)) {
      if (Encode)
        Out += "=" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
      else
        Out += C;
    }
    Column += Width;
    Text = Text.drop_front(Len);
  }
  return Out + "?=";
}

// "Name <mail>": a non-ASCII name is encoded, one with RFC 822 specials
// ("John Q. Public") quoted, as git does.
std::string fromHeader(llvm::StringRef From) {
  const std::string Key = "From: ";
  const size_t Open = From.rfind('<');
  if (Open == llvm::StringRef::npos || Open == 0)
    return Key + From.str();
  const llvm::StringRef Name = From.take_front(Open).rtrim();
  const llvm::StringRef Address = From.drop_front(Open);
  if (!isAscii(Name) || Name.contains("=?"))
    return Key + rfc2047(Name, Key.size(), /*InAddress=*/true) + " " + Address.str();
  if (Name.find_first_of("()<>[]:;@,.\"\\") == llvm::StringRef::npos)
    return Key + Name.str() + " " + Address.str();
  std::string Quoted = "\"";
  for (char C : Name) {
    if (C == '"' || C == '\\')
      Quoted += '\\';
    Quoted += C;
  }
  return Key + Quoted + "\" " + Address.str();
}

// git folds a long plain subject at spaces so no line passes 78 columns;
// continuation lines start with one space.
std::string foldHeader(llvm::StringRef Head, llvm::StringRef Text) {
  constexpr size_t Width = 78;
  std::string Out = Head.str();
  size_t Column = Head.size();
  bool LineStart = false; // at the start of a continuation line
  while (!Text.empty()) {
    size_t WordEnd = Text.find(' ');
    if (WordEnd == llvm::StringRef::npos)
      WordEnd = Text.size();
    const llvm::StringRef Word = Text.take_front(WordEnd);
    // The word goes on this line when it fits (or nothing else would).
    const bool First = Column == Head.size() || LineStart;
    const size_t Needed = (First ? 0 : 1) + Word.size();
    if (!First && Column + Needed > Width) {
      Out += "\n ";
      Column = 1;
      LineStart = true;
      continue;
    }
    if (!First)
      Out += ' ';
    Out += Word.str();
    Column += Needed;
    LineStart = false;
    Text = Text.drop_front(std::min(WordEnd + 1, Text.size()));
  }
  return Out;
}

bool isTrailerLine(llvm::StringRef Line) {
  const size_t Colon = Line.find(": ");
  return Colon != llvm::StringRef::npos && Colon > 0 &&
         llvm::all_of(Line.take_front(Colon), [](char C) { return llvm::isAlnum(C) || C == '-'; });
}

// The body, then the sign-off: appended to a closing block of trailers
// (Link:, Suggested-by:), after a blank line otherwise, and not repeated when
// already the last trailer.
std::string message(llvm::StringRef Body, llvm::StringRef SignedOffBy) {
  llvm::StringRef Text = Body.rtrim();
  std::string Out = Text.empty() ? "" : Text.str() + "\n";
  if (SignedOffBy.empty())
    return Out;
  const std::string Trailer = "Signed-off-by: " + SignedOffBy.str();
  if (Out.empty())
    return Trailer + "\n";
  const size_t ParagraphStart = Text.rfind("\n\n");
  const llvm::StringRef Last =
      ParagraphStart == llvm::StringRef::npos ? Text : Text.drop_front(ParagraphStart + 2);
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Last.split(Lines, '\n');
  const bool Trailers =
      ParagraphStart != llvm::StringRef::npos && llvm::all_of(Lines, isTrailerLine);
  if (Trailers && Lines.back() == Trailer)
    return Out;
  return Out + (Trailers ? "" : "\n") + Trailer + "\n";
}

} // namespace

std::string patchFileName(unsigned Number, llvm::StringRef Subject) {
  // git: "%04d-" + the sanitized subject, the name (without ".patch") cut at
  // 64 - 7 characters; a run of '.' counts as one.
  std::string Name = std::to_string(Number);
  Name.insert(0, Name.size() < 4 ? 4 - Name.size() : 0, '0');
  Name += '-';
  const size_t Start = Name.size();
  bool Gap = false;
  for (size_t I = 0; I < Subject.size(); ++I) {
    const char C = Subject[I];
    if (llvm::isAlnum(C) || C == '.' || C == '_') {
      if (Gap && Name.size() > Start)
        Name += '-';
      Gap = false;
      Name += C;
      while (C == '.' && I + 1 < Subject.size() && Subject[I + 1] == '.')
        ++I;
    } else {
      Gap = true;
    }
  }
  while (Name.size() > Start && (Name.back() == '.' || Name.back() == '-'))
    Name.pop_back();
  if (Name.size() > 64 - 7)
    Name.resize(64 - 7);
  return Name + ".patch";
}

std::string formatPatch(const PatchSpec &Patch, unsigned Number, unsigned Total,
                        const SeriesOptions &Options) {
  std::vector<EditedFile> Files = Patch.Files;
  llvm::stable_sort(Files,
                    [](const EditedFile &A, const EditedFile &B) { return A.Path < B.Path; });
  llvm::erase_if(Files, [](const EditedFile &F) { return F.Original == F.Modified; });

  std::string Tag = "[PATCH]";
  if (Total > 1) {
    // git pads the number to the width of the total: [PATCH 01/12].
    const std::string Of = std::to_string(Total);
    std::string N = std::to_string(Number);
    N.insert(0, Of.size() > N.size() ? Of.size() - N.size() : 0, '0');
    Tag = "[PATCH " + N + "/" + Of + "]";
  }
  const std::string Head = "Subject: " + Tag + " ";
  const std::string Msg = message(Patch.Body, Options.SignedOffBy);

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << MboxFromLine << '\n'
     << fromHeader(Options.From) << '\n'
     << "Date: " << (Options.Date.empty() ? rfc2822Now() : Options.Date) << '\n';
  if (isAscii(Patch.Subject) && !llvm::StringRef(Patch.Subject).contains("=?"))
    OS << foldHeader(Head, Patch.Subject) << '\n';
  else
    OS << Head << rfc2047(Patch.Subject, Head.size(), /*InAddress=*/false) << '\n';
  if (!isAscii(Patch.Subject) || !isAscii(Msg))
    OS << "MIME-Version: 1.0\n"
       << "Content-Type: text/plain; charset=UTF-8\n"
       << "Content-Transfer-Encoding: 8bit\n";
  OS << '\n' << Msg << "---\n" << diffStatBlock(Files) << '\n';
  for (const EditedFile &F : Files)
    OS << unifiedDiff(F);
  OS << "-- \n" << Signature << "\n\n";
  return OS.str();
}

llvm::Expected<std::vector<std::string>> writePatchSeries(llvm::StringRef Dir,
                                                          const std::vector<PatchSpec> &Patches,
                                                          const SeriesOptions &Options) {
  for (size_t I = 0; I < Patches.size(); ++I)
    if (llvm::none_of(Patches[I].Files,
                      [](const EditedFile &F) { return F.Original != F.Modified; }))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "patch %zu ('%s') changes no file", I + 1,
                                     Patches[I].Subject.c_str());
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(EC, "%s: cannot create the patch directory: %s",
                                   Dir.str().c_str(), EC.message().c_str());
  // Computed once so a date taken from the clock is the same on every patch.
  SeriesOptions Fixed = Options;
  if (Fixed.Date.empty())
    Fixed.Date = rfc2822Now();

  std::vector<std::string> Written;
  for (size_t I = 0; I < Patches.size(); ++I) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, patchFileName(I + 1, Patches[I].Subject));
    std::error_code EC;
    llvm::raw_fd_ostream File(Path, EC, llvm::sys::fs::OF_None);
    if (!EC) {
      File << formatPatch(Patches[I], I + 1, Patches.size(), Fixed);
      File.close();
      EC = File.error();
    }
    if (EC)
      return llvm::createStringError(EC, "%s: cannot write the patch: %s", Path.c_str(),
                                     EC.message().c_str());
    Written.push_back(Path.str().str());
  }
  return Written;
}

} // namespace detasklet
