#include "tool/TuRunner.h"

#include "inventory/PathUtil.h"
#include "matchers/TuFactsAction.h"
#include "tool/CompileCommands.h"
#include "tool/FactsCache.h"
#include "tool/Progress.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"

#include <chrono>

namespace detasklet {

namespace {

// Keeps the first error of a TU (the one worth reading) and counts the rest.
class FirstErrorConsumer : public clang::DiagnosticConsumer {
public:
  explicit FirstErrorConsumer(std::string Root) : Root(std::move(Root)) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    if (!First.empty())
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const clang::SourceManager &SM = Info.getSourceManager();
      clang::PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(Info.getLocation()));
      if (P.isValid())
        Where = relativeTo(P.getFilename(), Root) + ":" + std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    First = Where + "error: " + std::string(Text);
  }
  std::string First;

private:
  std::string Root;
};

// The complete argument rewriting a TU's commands go through before clang sees
// them; the cache key is taken over its result, so both must be this one.
clang::tooling::ArgumentsAdjuster argumentsAdjuster(const RunOptions &Options) {
  using namespace clang::tooling;
  ArgumentsAdjuster Adjuster = kernelArgumentsAdjuster();
  if (!Options.ExtraArgsBefore.empty())
    Adjuster = combineAdjusters(Adjuster, getInsertArgumentAdjuster(
                                              Options.ExtraArgsBefore,
                                              ArgumentInsertPosition::BEGIN));
  if (!Options.ExtraArgsAfter.empty())
    Adjuster = combineAdjusters(Adjuster, getInsertArgumentAdjuster(
                                              Options.ExtraArgsAfter, ArgumentInsertPosition::END));
  return Adjuster;
}

// The TU's slot, and everything besides file contents its facts depend on.
// The clang driver also reads include paths from the environment.
EntryKey cacheKey(const clang::tooling::CompilationDatabase &Database, const std::string &File,
                  const TaskletApi &Api, const std::string &Root, const RunOptions &Options) {
  // Bumped when what an entry means changes without the binary changing.
  constexpr llvm::StringLiteral KeyVersion = "detasklet-tu-key/1";
  const llvm::StringRef Mode = Options.Exact ? "exact" : "shortcut";
  EntryKey Key;
  Key.Slot = CacheKey().add(KeyVersion).add(Mode).add(Root).add(File).str();
  CacheKey Full;
  Full.add(KeyVersion).add(buildIdentity()).add(Api.fingerprint());
  Full.add(Mode).add(Root).add(File);
  for (const char *Var : {"CPATH", "C_INCLUDE_PATH"})
    Full.add(llvm::sys::Process::GetEnv(Var).value_or("<unset>"));
  clang::tooling::ArgumentsAdjuster Adjuster = argumentsAdjuster(Options);
  for (const clang::tooling::CompileCommand &C : Database.getCompileCommands(File)) {
    Full.add(C.Directory).add(C.Filename);
    std::vector<std::string> Args = Adjuster(C.CommandLine, C.Filename);
    Full.add(Args.size());
    for (const std::string &A : Args)
      Full.add(A);
  }
  Key.Full = Full.str();
  return Key;
}

TuOutcome analyse(const clang::tooling::CompilationDatabase &Database, const std::string &File,
                  const TaskletApi &Api, const std::string &Root, const RunOptions &Options,
                  FactsCache *Cache) {
  TuOutcome Out;
  const std::string Shown = relativeTo(File, Root);
  if (std::error_code EC = llvm::sys::fs::access(File, llvm::sys::fs::AccessMode::Exist)) {
    Out.Failure = TuFailure{Shown, Shown + ": error: cannot read: " + EC.message(), 1};
    return Out;
  }
  EntryKey Key;
  if (Cache) {
    Key = cacheKey(Database, File, Api, Root, Options);
    if (std::optional<TuFacts> Cached = Cache->lookup(Key, File)) {
      Out.Facts = std::move(*Cached);
      Out.FromCache = true;
      return Out;
    }
  }
  // A file system of its own per TU: the real one shares the process's working
  // directory, which every ClangTool changes to its command's directory.
  clang::tooling::ClangTool Tool(Database, {File},
                                 std::make_shared<clang::PCHContainerOperations>(),
                                 llvm::vfs::createPhysicalFileSystem());
  Tool.appendArgumentsAdjuster(argumentsAdjuster(Options));
  FirstErrorConsumer Errors(Root);
  Tool.setDiagnosticConsumer(&Errors);
  Tool.setPrintErrorMessage(false);
  TuFactsActionFactory Factory(Api, Root, Out.Facts, Options.Exact);
  // A file with several commands is parsed once per command; its entry must
  // name the inputs of all of them.
  std::vector<InputFile> Inputs;
  bool Recorded = true;
  if (Cache)
    Factory.observeWith([&, Start = std::chrono::system_clock::now()](
                            const clang::SourceManager &SM, llvm::StringRef WorkingDir) {
      std::optional<std::vector<InputFile>> These = recordInputs(SM, WorkingDir, Start);
      if (!These)
        Recorded = false;
      else
        Inputs.insert(Inputs.end(), These->begin(), These->end());
    });
  int Status = Tool.run(&Factory);
  if (Errors.getNumErrors() || Status != 0) {
    std::string Message = Errors.First.empty()
                              ? Shown + ": error: clang could not run the compile command"
                              : Errors.First;
    Out.Failure = TuFailure{Shown, Message, std::max(1u, Errors.getNumErrors())};
    Out.Facts = TuFacts{};
    return Out;
  }
  if (Cache && Recorded)
    Cache->store(Key, File, Out.Facts, Inputs);
  return Out;
}

} // namespace

std::vector<TuOutcome> collectFacts(const clang::tooling::CompilationDatabase &Database,
                                    const std::vector<std::string> &Files,
                                    const TaskletApi &Api, const std::string &Root,
                                    const RunOptions &Options) {
  std::vector<TuOutcome> Outcomes(Files.size());
  std::unique_ptr<FactsCache> Cache;
  if (!Options.CacheDir.empty() && !buildIdentity().empty()) {
    llvm::SmallString<256> Dir(Options.CacheDir);
    llvm::sys::fs::make_absolute(Dir);
    Cache = std::make_unique<FactsCache>(std::string(Dir));
  }
  Progress Bar(Files.size(), Options.ShowProgress);
  llvm::ThreadPoolStrategy Strategy = llvm::hardware_concurrency(Options.Jobs);
  if (Strategy.compute_thread_count() <= 1 || Files.size() <= 1) {
    for (size_t I = 0; I < Files.size(); ++I) {
      Outcomes[I] = analyse(Database, Files[I], Api, Root, Options, Cache.get());
      Bar.done(relativeTo(Files[I], Root));
    }
  } else {
    llvm::DefaultThreadPool Pool(Strategy);
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        Outcomes[I] = analyse(Database, Files[I], Api, Root, Options, Cache.get());
        Bar.done(relativeTo(Files[I], Root));
      });
    Pool.wait();
  }
  Bar.finish();
  if (!Options.CacheDir.empty() && (Options.ShowProgress || Options.CacheStats)) {
    size_t Hits = llvm::count_if(Outcomes, [](const TuOutcome &O) { return O.FromCache; });
    llvm::errs() << "detasklet: " << Files.size() << " TUs: " << Hits << " from cache";
    if (!Cache)
      llvm::errs() << " (disabled: cannot read the detasklet executable)";
    llvm::errs() << "\n";
  }
  if (Cache && !Cache->firstWriteError().empty())
    llvm::WithColor::warning(llvm::errs(), "detasklet")
        << "result cache not written (" << Cache->firstWriteError()
        << "); pass --cache-dir DIR to keep it elsewhere, or --no-cache\n";
  return Outcomes;
}

} // namespace detasklet
