// `--in-place`: replace a source file with its edited bytes without ever
// leaving a half-written file in a kernel tree, and without overwriting work a
// developer did while the tool was running.
#ifndef DETASKLET_REWRITERS_INPLACEWRITER_H
#define DETASKLET_REWRITERS_INPLACEWRITER_H

#include "rewriters/EditedFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace detasklet {

// Writes F.Modified to Root/F.Path: the bytes go to a temporary file in the
// same directory, which is synced and renamed over the original (atomic on
// POSIX), with the original's permission bits. A symbolic link is followed and
// its target replaced. Refuses, naming the file and what to do, when the file
// on disk no longer equals F.Original. On any failure the original is
// untouched and no temporary file remains. An unedited file is not written.
llvm::Error writeInPlace(const EditedFile &F, llvm::StringRef Root);

} // namespace detasklet

#endif
