// Which files the lexical engine reads, and reading them. Directories are
// walked for *.c and *.h (symbolic links and directories whose name starts
// with '.' are not followed, as with grep -r over a tree with .git); a file
// named on the command line is read whatever its name.
#ifndef DETASKLET_LINT_SOURCEFILES_H
#define DETASKLET_LINT_SOURCEFILES_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace detasklet::lint {

struct SourceFile {
  std::string Path;    // absolute, normalised
  std::string Display; // relative to the lint root when below it
};

// Sorted by Display; an input that does not exist is an error.
llvm::Expected<std::vector<SourceFile>> collectSourceFiles(const std::vector<std::string> &Inputs,
                                                           llvm::StringRef Root);

bool isCSource(llvm::StringRef Path);

// The file's bytes followed by a NUL (not part of the returned size), as the
// lexer needs.
std::error_code readSource(llvm::StringRef Path, llvm::SmallVectorImpl<char> &Buffer);

} // namespace detasklet::lint

#endif
