#include "tool/Progress.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace detasklet {

bool stderrIsTerminal() { return llvm::sys::Process::StandardErrIsDisplayed(); }

Progress::Progress(unsigned Total, bool Enabled)
    : Total(Total), Enabled(Enabled), Start(std::chrono::steady_clock::now()) {}

void Progress::done(llvm::StringRef File) {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> Guard(Lock);
  ++Done;
  double Elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  unsigned Eta = Done ? static_cast<unsigned>(Elapsed / Done * (Total - Done)) : 0;
  std::string Shown = File.size() > 50 ? "..." + File.take_back(47).str() : File.str();
  llvm::errs() << llvm::format("\r[%*u/%u] %3u%%  eta %um%02us  %-50s",
                               static_cast<int>(std::to_string(Total).size()), Done, Total,
                               Total ? Done * 100 / Total : 100, Eta / 60, Eta % 60,
                               Shown.c_str());
}

void Progress::finish() {
  if (Enabled && Done)
    llvm::errs() << "\r" << std::string(80, ' ') << "\r";
}

} // namespace detasklet
