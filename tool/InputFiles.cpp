#include "tool/InputFiles.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <set>

namespace detasklet {

namespace {

// File systems with coarse timestamps (whole or even two seconds) round a
// write made during the parse down to before it started.
constexpr std::chrono::seconds ClockSlack(2);

int64_t nanoseconds(llvm::sys::TimePoint<> T) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(T.time_since_epoch()).count();
}

std::optional<std::string> hashOfFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  return contentHash((*Buffer)->getBuffer());
}

// The name clang opened the file by, made absolute the way the file system
// resolves it: no ".." folded away, symbolic links left in place, so that a
// link pointed elsewhere later is seen as the other file it now is.
std::string absoluteName(clang::FileEntryRef Entry, llvm::StringRef WorkingDir) {
  llvm::SmallString<256> Path(Entry.getName());
  if (!llvm::sys::path::is_absolute(Path)) {
    if (WorkingDir.empty())
      return Entry.getFileEntry().tryGetRealPathName().str();
    llvm::sys::fs::make_absolute(WorkingDir, Path);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
  return std::string(Path);
}

} // namespace

std::string contentHash(llvm::StringRef Bytes) {
  llvm::XXH128_hash_t H = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Bytes));
  return llvm::utohexstr(H.high64, /*LowerCase=*/true, 16) +
         llvm::utohexstr(H.low64, /*LowerCase=*/true, 16);
}

std::optional<std::vector<InputFile>> recordInputs(const clang::SourceManager &SM,
                                                   llvm::StringRef WorkingDir,
                                                   llvm::sys::TimePoint<> ParseStart) {
  const int64_t TrustedBefore = nanoseconds(ParseStart - ClockSlack);
  std::vector<InputFile> Inputs;
  std::set<std::string> Seen;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End; ++It) {
    clang::FileEntryRef Entry = It->first;
    InputFile In;
    In.Path = absoluteName(Entry, WorkingDir);
    if (!Seen.insert(In.Path).second)
      continue;
    if (std::optional<llvm::MemoryBufferRef> Used = It->second->getBufferIfLoaded()) {
      // Facts quote source text, and llvm::json would store invalid UTF-8
      // (a Latin-1 byte in an old driver) as U+FFFD: such a TU is not
      // cached, so a cached result is always the parse's own.
      if (!llvm::json::isUTF8(Used->getBuffer()))
        return std::nullopt;
      In.Size = Used->getBufferSize();
      In.Hash = contentHash(Used->getBuffer());
    } else {
      // Known to the parse but never read: its content cannot have mattered,
      // recording it as it is now is merely cautious.
      std::optional<std::string> Hash = hashOfFile(In.Path);
      if (!Hash)
        return std::nullopt;
      In.Hash = std::move(*Hash);
      In.Size = Entry.getSize();
    }
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(In.Path, Status))
      return std::nullopt;
    In.MTime = nanoseconds(Status.getLastModificationTime());
    if (In.MTime >= TrustedBefore || Status.getSize() != In.Size)
      In.MTime = InputFile::UntrustedTime;
    Inputs.push_back(std::move(In));
  }
  return Inputs;
}

bool InputChecker::unchanged(const InputFile &Recorded) {
  // The lock guards the map only: stat and read outside it, so that TUs
  // checking different headers do not wait for each other (two threads may
  // stat or hash the same file once each; the first result stays).
  std::optional<Seen> Now;
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Files.find(Recorded.Path);
    if (It != Files.end())
      Now = It->second;
  }
  if (!Now) {
    Seen Fresh;
    llvm::sys::fs::file_status Status;
    if (!llvm::sys::fs::status(Recorded.Path, Status) &&
        Status.type() == llvm::sys::fs::file_type::regular_file) {
      Fresh.Exists = true;
      Fresh.Size = Status.getSize();
      Fresh.MTime = nanoseconds(Status.getLastModificationTime());
    }
    std::lock_guard<std::mutex> Guard(Lock);
    Now = Files.try_emplace(Recorded.Path, std::move(Fresh)).first->second;
  }
  if (!Now->Exists || Now->Size != Recorded.Size)
    return false;
  if (Recorded.MTime != InputFile::UntrustedTime && Recorded.MTime == Now->MTime)
    return true;
  if (Now->Hash.empty()) {
    std::optional<std::string> Hash = hashOfFile(Recorded.Path);
    std::lock_guard<std::mutex> Guard(Lock);
    Seen &Kept = Files[Recorded.Path];
    if (!Hash) {
      Kept.Exists = false;
      return false;
    }
    if (Kept.Hash.empty())
      Kept.Hash = std::move(*Hash);
    Now->Hash = Kept.Hash;
  }
  return Now->Hash == Recorded.Hash;
}

} // namespace detasklet
