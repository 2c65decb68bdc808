// The files a translation unit's facts were computed from (its main file and
// every header it read), as they were then, and whether they still are.
// Content decides; size and modification time only save reading a file, the
// way git's index and ccache's direct mode do.
#ifndef DETASKLET_TOOL_INPUTFILES_H
#define DETASKLET_TOOL_INPUTFILES_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Chrono.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

struct InputFile {
  // A time no file has: the stamp was taken too close to the parse to prove
  // anything, so only the content can say the file is unchanged.
  static constexpr int64_t UntrustedTime = -1;

  std::string Path; // absolute
  uint64_t Size = 0;
  int64_t MTime = 0; // nanoseconds since the epoch, or UntrustedTime
  std::string Hash;  // contentHash() of the bytes the parse saw
};

// A 128-bit digest in hex; collisions are not a concern for files nobody
// crafts against the tool.
std::string contentHash(llvm::StringRef Bytes);

// Every file SM holds, hashed from the very buffers the parse used. A file
// modified after ParseStart (or so close to it that the file system's clock
// cannot tell) gets an untrusted stamp. None when a file is gone already, or
// is not UTF-8 (the facts could not be stored as they are).
std::optional<std::vector<InputFile>> recordInputs(const clang::SourceManager &SM,
                                                   llvm::StringRef WorkingDir,
                                                   llvm::sys::TimePoint<> ParseStart);

// Answers "does this file still hold what was recorded?" for many results at
// once: a header shared by thousands of TUs is stat'ed, and read if need be,
// once per run. Thread-safe.
class InputChecker {
public:
  bool unchanged(const InputFile &Recorded);

private:
  struct Seen {
    bool Exists = false;
    uint64_t Size = 0;
    int64_t MTime = 0;
    std::string Hash; // empty until someone needed the content
  };
  std::mutex Lock;
  llvm::StringMap<Seen> Files;
};

} // namespace detasklet

#endif
