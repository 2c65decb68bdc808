// Reading a patch series back: the unified diffs of `git format-patch` mails
// (detasklet's own series or a hand-made one), applied in memory to the files
// they change, the way `git apply` does it: every context and removed line
// must match, a hunk may have moved by some lines, nothing is fuzzed. What a
// series does to a file is also a map from its old lines to its new ones, so
// that a declaration found in the old file can be found again in the new one.
#ifndef DETASKLET_REWRITERS_PATCHAPPLY_H
#define DETASKLET_REWRITERS_PATCHAPPLY_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

struct DiffHunk {
  unsigned OldStart = 0, OldCount = 0, NewStart = 0, NewCount = 0;
  // Each line with its marker: ' ' context, '-' removed, '+' added; without
  // the newline. A line "\ No newline at end of file" sets the flag of the
  // side of the line before it.
  std::vector<std::string> Lines;
  bool OldEndsWithoutNewline = false, NewEndsWithoutNewline = false;
  unsigned HeaderLine = 0; // of "@@", in the patch file, for errors
};

struct FileDiff {
  std::string OldPath, NewPath; // without git's a/ b/, or "/dev/null"
  std::vector<DiffHunk> Hunks;
};

// Every file diff of a patch file, in order. Mail headers, the commit message
// and the diffstat before the first "diff --git" or "---" line are skipped.
// Errors name the patch file and line.
llvm::Expected<std::vector<FileDiff>> parsePatch(llvm::StringRef Text, llvm::StringRef PatchName);

// Old line N (1-based) of a file to its line in the new one: the same line
// when it was kept, else the first line of what replaced it (or the line
// after the place it was removed from).
class LineMap {
public:
  unsigned newLine(unsigned OldLine) const;
  // Every new line old line N became: itself when kept, else all of what
  // replaced the change it was in (Count 0 when that was a pure removal).
  struct Lines {
    unsigned First = 0, Count = 0;
  };
  Lines newLines(unsigned OldLine) const;
  // A change at old line OldStart (for a pure insertion: the old line the
  // new lines go before) that removed Removed lines and added Added. Changes
  // of one step come in order.
  void add(unsigned OldStart, unsigned Removed, unsigned Added);
  // Later, on the text this map leads to (the same file's next patch), as a
  // step of its own.
  void then(const LineMap &Later);

private:
  struct Change {
    unsigned OldStart, Removed, Added;
  };
  static unsigned throughStep(const std::vector<Change> &Step, unsigned Line);
  static Lines rangeThroughStep(const std::vector<Change> &Step, unsigned Line);
  std::vector<std::vector<Change>> Steps; // one per patch, applied in order
};

struct AppliedFile {
  std::string Text;
  LineMap Lines;
  bool Deleted = false;
};

// Applies D's hunks to Original. A hunk is looked for at its stated line,
// shifted by what the hunks before it moved, then ever farther up and down.
llvm::Expected<AppliedFile> applyFileDiff(llvm::StringRef Original, const FileDiff &D,
                                          llvm::StringRef PatchName);

// A whole series applied: every file it changes, as it is after the last
// patch. ReadFile gives a file's text by its path relative to the tree.
class AppliedSeries {
public:
  static llvm::Expected<AppliedSeries>
  apply(const std::vector<std::string> &PatchFiles,
        const std::function<std::optional<std::string>(llvm::StringRef)> &ReadFile);
  // Relative path -> the file after the series.
  const llvm::StringMap<AppliedFile> &files() const { return Files; }

private:
  llvm::StringMap<AppliedFile> Files;
};

} // namespace detasklet

#endif
