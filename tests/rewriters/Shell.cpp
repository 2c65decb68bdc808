#include "Shell.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>

namespace detasklet::test {

ScratchDir::ScratchDir() {
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("detasklet-rw", Dir))
    throw std::runtime_error("cannot create a scratch directory");
  // Resolved, so paths compare equal to what tools print.
  llvm::SmallString<128> Real;
  Path = llvm::sys::fs::real_path(Dir, Real) ? Dir.str().str() : Real.str().str();
}

ScratchDir::~ScratchDir() { llvm::sys::fs::remove_directories(Path); }

std::string shellQuote(const std::string &S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}

int run(const std::string &Command, const std::string &Dir, std::string *Output) {
  const std::string Full = "cd " + shellQuote(Dir) + " && { " + Command + " ; } 2>&1";
  FILE *Pipe = ::popen(Full.c_str(), "r");
  if (!Pipe)
    return -1;
  char Buffer[4096];
  size_t N;
  while ((N = std::fread(Buffer, 1, sizeof Buffer, Pipe)) > 0)
    if (Output)
      Output->append(Buffer, N);
  const int Status = ::pclose(Pipe);
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
}

bool haveCommand(const std::string &Name) {
  return run("command -v " + shellQuote(Name) + " >/dev/null") == 0;
}

std::string git(const std::string &Args) {
  return "env GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=/nonexistent "
         "GIT_AUTHOR_NAME='Jane Developer' GIT_AUTHOR_EMAIL=jane@example.org "
         "GIT_COMMITTER_NAME='Jane Developer' GIT_COMMITTER_EMAIL=jane@example.org "
         "GIT_AUTHOR_DATE='Tue, 5 Mar 2024 10:11:12 +0100' "
         "GIT_COMMITTER_DATE='Tue, 5 Mar 2024 10:11:12 +0100' "
         "git " +
         Args;
}

void writeFile(const std::string &Path, const std::string &Bytes) {
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    throw std::runtime_error("cannot write " + Path);
  OS << Bytes;
}

std::string readFile(const std::string &Path) {
  auto Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string("<unreadable: " + Path + ">");
}

} // namespace detasklet::test
