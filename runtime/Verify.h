// The entry point for `detasklet verify` (and anything else that wants to
// check a conversion): build the original and the converted driver, each with
// the same scenario source, into modules; explore every scenario of the file
// against both; compare property by property.
//
// Building needs clang (the modules are compiled with ThreadSanitizer's
// instrumentation, see runtime/README.md); built modules are cached by the
// contents of their inputs. The runtime is one per process and single
// threaded: call these from one thread at a time.
#ifndef DETASKLET_RUNTIME_VERIFY_H
#define DETASKLET_RUNTIME_VERIFY_H

#include "runtime/core/BenignCatalogue.h"
#include "runtime/core/Comparison.h"
#include "runtime/core/Explorer.h"
#include "runtime/core/ModuleBuilder.h"

#include <memory>
#include <string>
#include <vector>

namespace detasklet::runtime {

class ModuleImage;

struct VerifyRequest {
  std::vector<std::string> OriginalSources;  // the driver's .c files as they are
  std::vector<std::string> ConvertedSources; // the same files after the conversion
  std::string ScenarioSource;                // MODEL_SCENARIO(...)s, see model/scenario.h
  std::vector<std::string> Scenarios;        // which of them; empty: all
  std::vector<std::string> IncludeDirs;      // extra -I for both builds
  std::string CacheDir = "/tmp/detasklet-modules";
  std::string Compiler = "clang-19";
  std::string CataloguePath; // empty: runtime/benign-differences.yaml
  ExploreOptions Options;
};

struct ConversionReport {
  std::string Error;     // the request could not be carried out (build, load, catalogue)
  std::string BuildLog;  // the compiler's output when a build failed
  std::vector<ScenarioComparison> Scenarios;

  bool ok() const { return Error.empty(); }
  // Every scenario explored completely, nothing worse, nothing undocumented.
  bool acceptable() const;
};

ConversionReport verifyConversion(const VerifyRequest &Request);

// A module built and loaded, for callers that explore one driver on its own.
struct LoadedModule {
  std::unique_ptr<ModuleImage> Image;
  std::string Error;
  std::string BuildLog;
};
LoadedModule buildAndLoad(const ModuleSources &Sources, const Toolchain &T);

// Human-readable: per scenario, each property's verdict, the differences, and
// for every violation its message, replay token and (WithTraces) its trace.
std::string formatReport(const ConversionReport &Report, bool WithTraces);
std::string formatExploreResult(const ExploreResult &R, bool WithTraces);

} // namespace detasklet::runtime

#endif
