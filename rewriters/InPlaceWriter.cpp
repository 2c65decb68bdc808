#include "rewriters/InPlaceWriter.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace detasklet {

namespace {

llvm::Error failure(llvm::StringRef Path, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), (Path + ": " + What).str());
}

llvm::Error systemFailure(llvm::StringRef Path, const char *Doing) {
  return failure(Path, llvm::Twine(Doing) + ": " + std::strerror(errno) +
                           "; the file was left unchanged");
}

bool writeAll(int FD, llvm::StringRef Bytes) {
  while (!Bytes.empty()) {
    ssize_t N = ::write(FD, Bytes.data(), Bytes.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Bytes = Bytes.drop_front(N);
  }
  return true;
}

// Makes the rename itself durable; a failure here changes nothing for the
// reader of the file, so it is not reported.
void syncDirectory(llvm::StringRef Dir) {
  int FD = ::open(Dir.str().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (FD < 0)
    return;
  ::fsync(FD);
  ::close(FD);
}

} // namespace

llvm::Error writeInPlace(const EditedFile &F, llvm::StringRef Root) {
  if (F.Original == F.Modified)
    return llvm::Error::success();
  llvm::SmallString<256> Path(Root);
  llvm::sys::path::append(Path, F.Path);
  const std::string Shown = Path.str().str();

  // Write through a symbolic link to the file it names, so the link stays.
  llvm::SmallString<256> Target;
  if (std::error_code EC = llvm::sys::fs::real_path(Path, Target))
    return failure(Shown, "cannot be opened: " + EC.message());

  auto Current = llvm::MemoryBuffer::getFile(Target, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false);
  if (!Current)
    return failure(Shown, "cannot be read: " + Current.getError().message());
  if ((*Current)->getBuffer() != F.Original)
    return failure(Shown, "changed on disk since it was read; not overwritten. Run the "
                          "conversion again on the current file (or restore the version "
                          "it was made from)");

  struct stat St;
  if (::stat(Target.c_str(), &St) != 0)
    return systemFailure(Shown, "cannot stat");

  // The temporary lives next to the file: rename() is only atomic within one
  // file system. The dot keeps it out of globs should the process be killed.
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Target));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Target) + ".detasklet-%%%%%%");
  int FD = -1;
  llvm::SmallString<256> Temp;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Model, FD, Temp, llvm::sys::fs::OF_None, 0600))
    return failure(Shown, "cannot create a temporary file next to it: " + EC.message() +
                              "; the file was left unchanged");

  auto Abandon = [&](const char *Doing) {
    llvm::Error E = systemFailure(Shown, Doing);
    if (FD >= 0)
      ::close(FD);
    ::unlink(Temp.c_str());
    return E;
  };
  if (!writeAll(FD, F.Modified))
    return Abandon("cannot write the new contents");
  if (::fchmod(FD, St.st_mode & 07777) != 0)
    return Abandon("cannot keep the permission bits");
  // Keep the owner when allowed (running as root on a user's tree); when not
  // allowed the file is ours already.
  if (::fchown(FD, St.st_uid, St.st_gid) != 0 && errno != EPERM)
    return Abandon("cannot keep the owner");
  if (::fsync(FD) != 0)
    return Abandon("cannot sync the new contents");
  if (::close(FD) != 0) {
    FD = -1;
    return Abandon("cannot close the new contents");
  }
  FD = -1;
  if (::rename(Temp.c_str(), Target.c_str()) != 0)
    return Abandon("cannot replace the file");
  syncDirectory(llvm::sys::path::parent_path(Target));
  return llvm::Error::success();
}

} // namespace detasklet
