#include "LintTestSupport.h"

#include "lint/LexicalEngine.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <stdexcept>

namespace detasklet::lint::test {

const RuleSet &shippedRules() {
  static const RuleSet Rules = [] {
    auto Loaded = RuleSet::load(RuleSet::defaultPath());
    if (!Loaded)
      llvm::report_fatal_error(Loaded.takeError()); // every test depends on it
    return std::move(*Loaded);
  }();
  return Rules;
}

std::vector<Finding> lexFindings(const std::string &Code, const std::string &File) {
  LexicalEngine Engine(shippedRules());
  std::vector<Finding> Found = Engine.scanText(Code, File);
  finalizeFindings(Found);
  return Found;
}

std::vector<std::string> positions(const std::vector<Finding> &Findings) {
  std::vector<std::string> Out;
  for (const Finding &F : Findings)
    Out.push_back(std::to_string(F.Line) + ":" + std::to_string(F.Column) + " " + F.Symbol);
  return Out;
}

TempTree::TempTree() {
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("detasklet-lint-test", Dir))
    throw std::runtime_error("cannot create a temporary directory");
  llvm::SmallString<128> Real;
  llvm::sys::fs::real_path(Dir, Real);
  Root = std::string(Real);
}

TempTree::~TempTree() { llvm::sys::fs::remove_directories(Root); }

void TempTree::write(const std::string &Relative, const std::string &Content) const {
  std::string Path = file(Relative);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    throw std::runtime_error("cannot write " + Path);
  OS << Content;
}

void TempTree::remove(const std::string &Relative) const { llvm::sys::fs::remove(file(Relative)); }

int runCommand(const std::string &Dir, const std::string &Command, std::string *Output) {
  std::string Full = "cd '" + Dir + "' && { " + Command + " ; } 2>&1";
  FILE *Pipe = popen(Full.c_str(), "r");
  if (!Pipe)
    return -1;
  std::string Text;
  char Buf[4096];
  size_t N;
  while ((N = fread(Buf, 1, sizeof Buf, Pipe)) > 0)
    Text.append(Buf, N);
  int Status = pclose(Pipe);
  if (Output)
    *Output = Text;
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
}

} // namespace detasklet::lint::test
