#include "lint/SourceFiles.h"

#include "inventory/PathUtil.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace detasklet::lint {

bool isCSource(llvm::StringRef Path) { return Path.ends_with(".c") || Path.ends_with(".h"); }

namespace {

std::error_code walkDirectory(llvm::StringRef Dir, std::vector<std::string> &Out) {
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    llvm::sys::fs::file_type Type = It->type();
    if (Type == llvm::sys::fs::file_type::directory_file) {
      if (Name.starts_with("."))
        It.no_push();
      continue;
    }
    if (Type == llvm::sys::fs::file_type::regular_file && isCSource(Name))
      Out.push_back(It->path());
  }
  return EC;
}

} // namespace

llvm::Expected<std::vector<SourceFile>> collectSourceFiles(const std::vector<std::string> &Inputs,
                                                           llvm::StringRef Root) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  std::vector<std::string> Paths;
  for (const std::string &Input : Inputs) {
    std::string Absolute = normalizePath(Input, Cwd);
    llvm::sys::fs::file_status Status;
    if (std::error_code EC = llvm::sys::fs::status(Absolute, Status))
      return llvm::createStringError(EC, Input + ": " + EC.message());
    if (llvm::sys::fs::is_directory(Status)) {
      if (std::error_code EC = walkDirectory(Absolute, Paths))
        return llvm::createStringError(EC, Input + ": cannot list: " + EC.message());
    } else {
      Paths.push_back(Absolute);
    }
  }
  std::vector<SourceFile> Files;
  Files.reserve(Paths.size());
  for (std::string &P : Paths) {
    std::string Display = relativeTo(P, Root);
    Files.push_back({std::move(P), std::move(Display)});
  }
  std::sort(Files.begin(), Files.end(),
            [](const SourceFile &A, const SourceFile &B) { return A.Display < B.Display; });
  Files.erase(std::unique(Files.begin(), Files.end(),
                          [](const SourceFile &A, const SourceFile &B) { return A.Path == B.Path; }),
              Files.end());
  return Files;
}

std::error_code readSource(llvm::StringRef Path, llvm::SmallVectorImpl<char> &Buffer) {
  Buffer.clear();
  llvm::Expected<llvm::sys::fs::file_t> File = llvm::sys::fs::openNativeFileForRead(Path);
  if (!File)
    return llvm::errorToErrorCode(File.takeError());
  llvm::Error E = llvm::sys::fs::readNativeFileToEOF(*File, Buffer);
  llvm::sys::fs::closeFile(*File);
  if (E)
    return llvm::errorToErrorCode(std::move(E));
  Buffer.push_back('\0');
  Buffer.pop_back(); // keep the NUL in the allocation, outside the size
  return {};
}

} // namespace detasklet::lint
