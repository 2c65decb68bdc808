// Parsing shortcut: the kernel headers most TUs of a run include are parsed
// once per group of TUs that share their compile flags, into a precompiled
// header, and every TU of the group is parsed on top of it instead of parsing
// them again. The preamble is built with the body-skipping rule of the
// shortcut parse (matchers/BodySkipping.h), and a TU that does not compile on
// top of it is parsed without it, so nothing is lost; what can differ is a
// TU that defines, before its includes, a macro a preamble header tests.
// --exact parses everything, and bench/convert-eval.sh --check-exact proves
// the edits identical on a whole tree.
//
// Preambles live in a temporary directory for one run: a run that misses the
// result cache for a few TUs pays for a few builds, not for a stale one.
#ifndef DETASKLET_TOOL_SHAREDPREAMBLE_H
#define DETASKLET_TOOL_SHAREDPREAMBLE_H

#include "matchers/BodySkipping.h"
#include "tool/InputFiles.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ThreadPool.h"

#include <atomic>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace detasklet {

// The planning rules, apart from clang so that tests can state them.
namespace preamble {

// A TU's command line split into what a precompiled header must share with
// it (Shared: language, target, forced includes, the macros of its build) and
// what may differ within a group: include directories, warnings, output, the
// input itself, and Kbuild's per-object macros (KBUILD_MODNAME and the like),
// which the preamble's headers only name inside macro bodies.
struct SplitCommand {
  std::vector<std::string> Shared;   // in order, argv[0] first
  std::vector<std::string> Includes; // -I/-iquote/-isystem/-idirafter, one unit each
};
// InputFile is recognised also when the command names it relative to Directory.
SplitCommand splitCommand(llvm::ArrayRef<std::string> Args, llvm::StringRef InputFile,
                          llvm::StringRef Directory);

// The directory an include-directory unit ("-Idir", "-isystemdir", ...) adds
// to the search for <...> headers; none for -iquote.
std::optional<llvm::StringRef> angleSearchDirectory(llvm::StringRef Unit);

// The include directories every member names, in the first member's order.
std::vector<std::string> commonIncludes(llvm::ArrayRef<SplitCommand> Members);

// The headers a file includes outside any #if block, in order.
struct Include {
  std::string Name;
  bool System = false; // <...>, not "..."
  bool operator==(const Include &O) const { return Name == O.Name && System == O.System; }
};
std::vector<Include> topLevelIncludes(llvm::StringRef Text);

// Whether the whole text sits inside an include guard (#ifndef X / #define X
// ... #endif, or #pragma once): only such a header is the same whether the
// preamble or the TU includes it first.
bool isIncludeGuarded(llvm::StringRef Text);

// The headers at least MinShare of the members include, earliest first by
// their average place in the members' include lists.
std::vector<std::string> commonHeaders(llvm::ArrayRef<std::vector<std::string>> PerMember,
                                       double MinShare);

} // namespace preamble

struct Preamble {
  std::string Pch;               // the precompiled header, absolute
  std::string ListFile;          // the header it was made from: gone after the run
  std::vector<InputFile> Inputs; // the headers it was built from, for the result cache
  // Those of them that mention tasklets: their declarations are still visited.
  std::unique_ptr<PreambleTaskletFiles> TaskletFiles;
};

class SharedPreambles {
public:
  // Groups smaller than this are parsed without a preamble: building one costs
  // about two TU parses.
  static constexpr size_t MinGroup = 3;
  // A header enters a group's preamble when this share of the group includes it.
  static constexpr double MinShare = 0.25;

  // Plans and builds the preambles for Files (absolute, each in Database),
  // using Pool for the builds.
  SharedPreambles(const clang::tooling::CompilationDatabase &Database,
                  llvm::ArrayRef<std::string> Files,
                  const clang::tooling::ArgumentsAdjuster &Adjuster,
                  llvm::ThreadPoolInterface *Pool);
  ~SharedPreambles();
  SharedPreambles(const SharedPreambles &) = delete;
  SharedPreambles &operator=(const SharedPreambles &) = delete;

  // The preamble File is parsed on, or null.
  const Preamble *forFile(llvm::StringRef File) const;
  // A TU parsed on its preamble, or parsed again without it after an error.
  void countUse() { ++Used; }
  void countFallback() { ++FellBack; }
  // One line for --cache-stats: what was built, used, and why not.
  std::string summary() const;

private:
  struct Group;
  std::string Dir;
  std::vector<std::unique_ptr<Group>> Groups;
  llvm::StringMap<const Preamble *> ByFile;
  std::atomic<unsigned> Used{0}, FellBack{0};
  double BuildSeconds = 0; // wall time of building them all
};

} // namespace detasklet

#endif
