// Paths in facts and reports: absolute and normalised while collecting, shown
// relative to the report root (a kernel tree's top) so output is the same on
// every machine.
#ifndef DETASKLET_INVENTORY_PATHUTIL_H
#define DETASKLET_INVENTORY_PATHUTIL_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace detasklet {

// Absolute (against WorkingDir when relative), with "." and ".." removed.
std::string normalizePath(llvm::StringRef Path, llvm::StringRef WorkingDir);

// Path relative to Root when it lies below Root, else unchanged.
std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root);

} // namespace detasklet

#endif
