// Finding and preparing the compile commands of the TUs to analyse: a
// compile_commands.json (a kernel tree's, from gen_compile_commands.py), a
// compile_flags.txt, or flags after "--"; and the argument clean-up that lets
// clang tooling parse what Kbuild compiled.
#ifndef DETASKLET_TOOL_COMPILECOMMANDS_H
#define DETASKLET_TOOL_COMPILECOMMANDS_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace detasklet {

struct TuSelection {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  std::string Root;               // the database's directory: reports are relative to it
  std::vector<std::string> Files; // absolute, sorted, each with a compile command
};

struct SelectionRequest {
  std::string BuildDir;                  // -p
  std::vector<std::string> Inputs;       // files or directories; empty: the whole database
  std::vector<std::string> FixedFlags;   // flags after "--"
  std::string Root;                      // --root, overrides the database's directory
};

// Errors say what is missing and what to do about it.
llvm::Expected<TuSelection> selectTranslationUnits(const SelectionRequest &Request);

// Strips what clang tooling cannot or must not use (dependency-file output
// Kbuild passes as -Wp,-MMD,..., options clang does not know, e.g. GCC-only
// ones), silences warnings (only errors matter here), and points clang at its
// builtin headers.
clang::tooling::ArgumentsAdjuster kernelArgumentsAdjuster();

// Removes arguments the clang driver does not recognise; exposed for tests.
std::vector<std::string> stripUnknownArguments(const std::vector<std::string> &Args);

} // namespace detasklet

#endif
