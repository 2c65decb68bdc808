#include "inventory/PathUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

namespace detasklet {

std::string normalizePath(llvm::StringRef Path, llvm::StringRef WorkingDir) {
  llvm::SmallString<256> Result;
  if (llvm::sys::path::is_absolute(Path))
    Result = Path;
  else {
    Result = WorkingDir;
    llvm::sys::path::append(Result, Path);
  }
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty())
    return Path.str();
  llvm::StringRef Trimmed = Root.rtrim('/');
  if (Path.starts_with(Trimmed) && Path.size() > Trimmed.size() && Path[Trimmed.size()] == '/')
    return Path.drop_front(Trimmed.size() + 1).str();
  return Path.str();
}

} // namespace detasklet
