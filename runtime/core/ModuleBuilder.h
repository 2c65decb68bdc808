// Compiles a driver and its scenario into a module the model can load: the
// driver sources, the scenario, and the module glue, each compiled against the
// shim headers with ThreadSanitizer's instrumentation (which the model uses to
// see every load and store), linked into a shared object without any libc.
// Results are cached by the contents of everything that goes in.
#ifndef DETASKLET_RUNTIME_CORE_MODULEBUILDER_H
#define DETASKLET_RUNTIME_CORE_MODULEBUILDER_H

#include <string>
#include <vector>

namespace detasklet::runtime {

struct Toolchain {
  // Must understand -fsanitize=thread and -mllvm -tsan-*: clang.
  std::string Compiler = "clang-19";
  // runtime/include: the shims and model/scenario.h.
  std::string ShimDir;
  // runtime/glue/module_info.c.
  std::string GlueSource;
  // Where built modules are kept; created if missing.
  std::string CacheDir;

  // The defaults for this source tree (paths compiled into the library).
  static Toolchain fromSourceTree(const std::string &CacheDir);
};

struct ModuleSources {
  std::vector<std::string> Sources; // driver .c files and the scenario .c file
  std::vector<std::string> IncludeDirs;
  std::vector<std::string> Defines; // NAME or NAME=VALUE
};

struct BuildResult {
  bool Ok = false;
  std::string SharedObject;
  std::string Log; // the compiler's output when it failed
  bool FromCache = false;
};

BuildResult buildModule(const ModuleSources &In, const Toolchain &T);

// The flags a source of a module is compiled with (documented in runtime/README.md).
std::vector<std::string> moduleCompileFlags(const ModuleSources &In, const Toolchain &T);

} // namespace detasklet::runtime

#endif
