// Reading what a change adds: a unified diff (git diff, diff -u) or a
// git format-patch mbox with one or more patches. The reader is strict where
// a mistake would hide added lines (a hunk whose line counts do not add up, a
// '---' without '+++', a hunk outside a file, a mail whose body is encoded)
// and says which input line is wrong; it ignores what is not diff (commit
// messages, diffstat, signatures).
#ifndef DETASKLET_LINT_UNIFIEDDIFF_H
#define DETASKLET_LINT_UNIFIEDDIFF_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace detasklet::lint {

struct HunkLine {
  char Kind = ' ';       // ' ' context, '+' added, '-' removed
  std::string Text;      // without the leading Kind character
  unsigned InputLine = 0;
};

struct Hunk {
  unsigned OldStart = 0, OldCount = 0, NewStart = 0, NewCount = 0;
  unsigned InputLine = 0;
  std::vector<HunkLine> Lines;
  // The first old and new line the hunk covers; with a count of 0 the
  // header names the line before the insertion or deletion point.
  unsigned oldFirst() const { return OldCount ? OldStart : OldStart + 1; }
  unsigned newFirst() const { return NewCount ? NewStart : NewStart + 1; }
};

struct FileDiff {
  std::string OldPath, NewPath; // prefixes stripped; empty for /dev/null
  bool IsNew = false, IsDeleted = false, IsRename = false, IsCopy = false, IsBinary = false;
  std::vector<Hunk> Hunks;
  unsigned InputLine = 0; // the first line of the file's header
  int Patch = -1;         // index in ParsedDiff::Patches, -1 outside an mbox
};

struct MailPatch {
  std::string Subject; // as in the mail, e.g. "[PATCH 3/20] net: foo: use BH workqueue"
  unsigned InputLine = 0;
};

struct ParsedDiff {
  std::vector<FileDiff> Files; // in input order
  std::vector<MailPatch> Patches;
};

// InputName prefixes error messages ("<InputName>:<line>: ..."). Strip is the
// number of leading path components removed from '---', '+++' and
// 'diff --git' names (1, as git apply -p1, for a/ and b/).
llvm::Expected<ParsedDiff> parseUnifiedDiff(llvm::StringRef Text, llvm::StringRef InputName,
                                            unsigned Strip = 1);

} // namespace detasklet::lint

#endif
