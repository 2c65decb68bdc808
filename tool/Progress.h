// "[ 12/273]  4%  eta 3m02s  drivers/dma/foo.c" on stderr while TUs are analysed,
// only when stderr is a terminal, so logs and CI output stay clean.
#ifndef DETASKLET_TOOL_PROGRESS_H
#define DETASKLET_TOOL_PROGRESS_H

#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <mutex>

namespace detasklet {

class Progress {
public:
  Progress(unsigned Total, bool Enabled);
  void done(llvm::StringRef File);
  void finish();

private:
  unsigned Total;
  unsigned Done = 0;
  bool Enabled;
  std::chrono::steady_clock::time_point Start;
  std::mutex Lock;
};

bool stderrIsTerminal();

} // namespace detasklet

#endif
