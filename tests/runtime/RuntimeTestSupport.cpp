#include "RuntimeTestSupport.h"

#include "runtime/core/ModuleBuilder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

#include <unistd.h>

namespace fs = std::filesystem;

namespace detasklet::runtime::test {

std::string testDir() { return DETASKLET_RUNTIME_TEST_DIR; }
std::string corpusDir() { return DETASKLET_CORPUS_DIR; }
std::string runtimeDir() { return DETASKLET_RUNTIME_SOURCE_DIR; }
std::string workDir() { return DETASKLET_RUNTIME_WORK_DIR; }

ModuleImage *module(const std::vector<std::string> &Files) {
  static std::map<std::vector<std::string>, std::unique_ptr<ModuleImage>> Loaded;
  auto It = Loaded.find(Files);
  if (It != Loaded.end())
    return It->second.get();
  ModuleSources S;
  S.Sources = Files;
  Toolchain T = Toolchain::fromSourceTree(workDir() + "/modules");
  LoadedModule L = buildAndLoad(S, T);
  if (!L.Image) {
    ADD_FAILURE() << "cannot build or load a module: " << L.Error << "\n" << L.BuildLog;
    return nullptr;
  }
  return (Loaded[Files] = std::move(L.Image)).get();
}

ModuleImage *unitModule(const std::string &File) { return module({testDir() + "/units/" + File}); }

namespace {
std::vector<std::string> cFiles(const std::string &Dir) {
  std::vector<std::string> Files;
  for (const auto &E : fs::directory_iterator(Dir))
    if (E.is_regular_file() && E.path().extension() == ".c")
      Files.push_back(E.path().string());
  std::sort(Files.begin(), Files.end());
  return Files;
}

std::string diffOf(const std::string &Pattern) {
  return corpusDir() + "/" + Pattern + "/expected/convert.diff";
}
} // namespace

std::vector<std::string> corpusPatterns() {
  std::vector<std::string> Names;
  for (const auto &E : fs::directory_iterator(corpusDir()))
    if (E.is_directory())
      Names.push_back(E.path().filename().string());
  std::sort(Names.begin(), Names.end());
  return Names;
}

bool hasConversion(const std::string &Pattern) {
  std::error_code EC;
  return fs::exists(diffOf(Pattern), EC) && fs::file_size(diffOf(Pattern), EC) > 0;
}

std::vector<std::string> corpusSources(const std::string &Pattern) {
  return cFiles(corpusDir() + "/" + Pattern);
}

// The diff names files as a/<pattern>/<file>: applied with -p1 in a directory
// holding a copy of the pattern, as `detasklet convert` users would.
std::vector<std::string> convertedCorpusSources(const std::string &Pattern) {
  if (!hasConversion(Pattern))
    return {};
  // Per process: ctest runs tests in parallel processes, and the module cache
  // keys on contents, not paths, so copies in different places share modules.
  std::string Root = workDir() + "/converted-" + std::to_string(getpid());
  std::string Dir = Root + "/" + Pattern;
  std::error_code EC;
  fs::remove_all(Dir, EC);
  fs::create_directories(Root, EC);
  fs::copy(corpusDir() + "/" + Pattern, Dir, fs::copy_options::recursive, EC);
  if (EC) {
    ADD_FAILURE() << "cannot copy " << Pattern << ": " << EC.message();
    return {};
  }
  std::string Cmd = "patch -s -p1 -d '" + Root + "' -i '" + diffOf(Pattern) + "'";
  if (std::system(Cmd.c_str()) != 0) {
    ADD_FAILURE() << "expected/convert.diff of " << Pattern << " does not apply: " << Cmd;
    return {};
  }
  return cFiles(Dir);
}

ExploreResult explore(ModuleImage &M, const std::string &Scenario, const ExploreOptions &O) {
  return runtime::explore(M, Scenario, O);
}

std::set<std::string> propertyNames(const ExploreResult &R) {
  std::set<std::string> Names;
  for (const Violation &V : R.Violations)
    Names.insert(propertyInfo(V.Id).Name);
  return Names;
}

std::string dump(const ExploreResult &R) { return formatExploreResult(R, true); }

std::string dump(const ScenarioComparison &C) {
  ConversionReport Rep;
  Rep.Scenarios.push_back(C);
  return formatReport(Rep, true);
}

} // namespace detasklet::runtime::test
