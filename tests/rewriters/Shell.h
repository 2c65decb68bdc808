// Scratch directories and external commands (git, patch, perl) for the
// output tests: the real tools are the judges of what the tool writes.
#ifndef DETASKLET_TESTS_REWRITERS_SHELL_H
#define DETASKLET_TESTS_REWRITERS_SHELL_H

#include <string>

namespace detasklet::test {

// A fresh directory under the system temp dir, removed with its contents.
class ScratchDir {
public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;
  const std::string &path() const { return Path; }
  std::string operator/(const std::string &Rel) const { return Path + "/" + Rel; }

private:
  std::string Path;
};

// Runs Command with /bin/sh in Dir; returns the exit status and, when Output
// is given, stdout and stderr together.
int run(const std::string &Command, const std::string &Dir = ".", std::string *Output = nullptr);

bool haveCommand(const std::string &Name);

// git isolated from the user's and the system's configuration (a global
// diff.noprefix or format.signOff would change its output), with a fixed
// identity and dates.
std::string git(const std::string &Args);

void writeFile(const std::string &Path, const std::string &Bytes); // creates parent directories
std::string readFile(const std::string &Path);

// Single-quoted for /bin/sh.
std::string shellQuote(const std::string &S);

} // namespace detasklet::test

#endif
