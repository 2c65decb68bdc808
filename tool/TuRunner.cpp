#include "tool/TuRunner.h"

#include "inventory/PathUtil.h"
#include "matchers/TuFactsAction.h"
#include "tool/CompileCommands.h"
#include "tool/FactsCache.h"
#include "tool/FirstError.h"
#include "tool/Progress.h"
#include "tool/SharedPreamble.h"
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
#include <numeric>
#include <optional>

namespace detasklet {

namespace {

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
  // A preamble lets a TU see declarations of headers it does not include
  // (name-collision checks see them): its results are kept apart.
  const llvm::StringRef Mode = Options.Exact            ? "exact"
                               : Options.SharedPreamble ? "shortcut+preamble"
                                                        : "shortcut";
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

// The result cache's answer for File, if it has one.
std::optional<TuOutcome> lookUp(const clang::tooling::CompilationDatabase &Database,
                                const std::string &File, const TaskletApi &Api,
                                const std::string &Root, const RunOptions &Options,
                                FactsCache &Cache) {
  std::optional<TuFacts> Cached =
      Cache.lookup(cacheKey(Database, File, Api, Root, Options), File);
  if (!Cached)
    return std::nullopt;
  TuOutcome Out;
  Out.Facts = std::move(*Cached);
  Out.FromCache = true;
  return Out;
}

// The disk, under the overlay's files when there are any.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fileSystem(const RunOptions &Options) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Disk = llvm::vfs::createPhysicalFileSystem();
  if (Options.Overlay.empty())
    return Disk;
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &[Path, Text] : Options.Overlay)
    Memory->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
  auto Both = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Disk);
  Both->pushOverlay(Memory);
  return Both;
}

// One parse of File, on Shared when given.
TuOutcome parse(const clang::tooling::CompilationDatabase &Database, const std::string &File,
                const TaskletApi &Api, const std::string &Root, const RunOptions &Options,
                const Preamble *Shared, std::vector<InputFile> *Inputs) {
  TuOutcome Out;
  const std::string Shown = relativeTo(File, Root);
  // A file system of its own per TU: the real one shares the process's working
  // directory, which every ClangTool changes to its command's directory.
  clang::tooling::ClangTool Tool(Database, {File},
                                 std::make_shared<clang::PCHContainerOperations>(),
                                 fileSystem(Options));
  Tool.appendArgumentsAdjuster(argumentsAdjuster(Options));
  // Without carets clang does not print its "N errors generated" line, which
  // would tell of errors in a parse that is done again.
  if (Shared)
    Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        {"-include-pch", Shared->Pch, "-fno-caret-diagnostics"},
        clang::tooling::ArgumentInsertPosition::END));
  FirstErrorConsumer Errors(Root);
  Tool.setDiagnosticConsumer(&Errors);
  Tool.setPrintErrorMessage(false);
  TuFactsActionFactory Factory(Api, Root, Out.Facts, Options.Exact);
  if (Shared)
    Factory.preambleTaskletFiles(Shared->TaskletFiles.get());
  // A file with several commands is parsed once per command; its entry must
  // name the inputs of all of them.
  bool Recorded = true;
  if (Inputs)
    Factory.observeWith([&, Start = std::chrono::system_clock::now()](
                            const clang::SourceManager &SM, llvm::StringRef WorkingDir) {
      std::optional<std::vector<InputFile>> These = recordInputs(SM, WorkingDir, Start);
      if (!These)
        Recorded = false;
      else
        Inputs->insert(Inputs->end(), These->begin(), These->end());
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
  if (Inputs && !Recorded)
    Inputs->clear();
  else if (Inputs && Shared) {
    llvm::erase_if(*Inputs, [&](const InputFile &F) { return F.Path == Shared->ListFile; });
    Inputs->insert(Inputs->end(), Shared->Inputs.begin(), Shared->Inputs.end());
  }
  return Out;
}

TuOutcome analyse(const clang::tooling::CompilationDatabase &Database, const std::string &File,
                  const TaskletApi &Api, const std::string &Root, const RunOptions &Options,
                  FactsCache *Cache, SharedPreambles *Preambles) {
  const std::string Shown = relativeTo(File, Root);
  if (std::error_code EC = llvm::sys::fs::access(File, llvm::sys::fs::AccessMode::Exist)) {
    TuOutcome Out;
    Out.Failure = TuFailure{Shown, Shown + ": error: cannot read: " + EC.message(), 1};
    return Out;
  }
  std::vector<InputFile> Inputs;
  const Preamble *Shared = Preambles ? Preambles->forFile(File) : nullptr;
  TuOutcome Out = parse(Database, File, Api, Root, Options, Shared, Cache ? &Inputs : nullptr);
  if (Shared && Out.Failure) {
    // The preamble's extra declarations may clash with the TU's own: the
    // TU's own command decides.
    Preambles->countFallback();
    Inputs.clear();
    Out = parse(Database, File, Api, Root, Options, nullptr, Cache ? &Inputs : nullptr);
  } else if (Shared) {
    Preambles->countUse();
  }
  if (Cache && !Out.Failure && !Inputs.empty())
    Cache->store(cacheKey(Database, File, Api, Root, Options), File, Out.Facts, Inputs);
  return Out;
}

} // namespace

std::vector<TuOutcome> collectFacts(const clang::tooling::CompilationDatabase &Database,
                                    const std::vector<std::string> &Files,
                                    const TaskletApi &Api, const std::string &Root,
                                    const RunOptions &Options) {
  std::vector<TuOutcome> Outcomes(Files.size());
  std::unique_ptr<FactsCache> Cache;
  if (!Options.CacheDir.empty() && !buildIdentity().empty() && Options.Overlay.empty()) {
    llvm::SmallString<256> Dir(Options.CacheDir);
    llvm::sys::fs::make_absolute(Dir);
    Cache = std::make_unique<FactsCache>(std::string(Dir));
  }
  Progress Bar(Files.size(), Options.ShowProgress);
  llvm::ThreadPoolStrategy Strategy = llvm::hardware_concurrency(Options.Jobs);
  std::optional<llvm::DefaultThreadPool> Pool;
  if (Strategy.compute_thread_count() > 1 && Files.size() > 1)
    Pool.emplace(Strategy);
  auto forEach = [&](const std::vector<size_t> &Indices, auto Work) {
    for (size_t I : Indices) {
      if (Pool)
        Pool->async([&Work, I] { Work(I); });
      else
        Work(I);
    }
    if (Pool)
      Pool->wait();
  };
  std::vector<size_t> ToParse(Files.size());
  std::iota(ToParse.begin(), ToParse.end(), 0);
  if (Cache) {
    std::vector<char> Hit(Files.size(), 0); // written from several threads
    forEach(ToParse, [&](size_t I) {
      if (std::optional<TuOutcome> Cached = lookUp(Database, Files[I], Api, Root, Options, *Cache)) {
        Outcomes[I] = std::move(*Cached);
        Hit[I] = true;
        Bar.done(relativeTo(Files[I], Root));
      }
    });
    llvm::erase_if(ToParse, [&](size_t I) { return Hit[I]; });
  }
  std::unique_ptr<SharedPreambles> Preambles;
  if (Options.SharedPreamble && !Options.Exact && Options.Overlay.empty() &&
      ToParse.size() >= SharedPreambles::MinGroup) {
    std::vector<std::string> Missed;
    for (size_t I : ToParse)
      Missed.push_back(Files[I]);
    Preambles = std::make_unique<SharedPreambles>(Database, Missed, argumentsAdjuster(Options),
                                                  Pool ? &*Pool : nullptr);
  }
  forEach(ToParse, [&](size_t I) {
    Outcomes[I] = analyse(Database, Files[I], Api, Root, Options, Cache.get(), Preambles.get());
    Bar.done(relativeTo(Files[I], Root));
  });
  Bar.finish();
  if (!Options.CacheDir.empty() && (Options.ShowProgress || Options.CacheStats)) {
    size_t Hits = llvm::count_if(Outcomes, [](const TuOutcome &O) { return O.FromCache; });
    llvm::errs() << "detasklet: " << Files.size() << " TUs: " << Hits << " from cache";
    if (!Cache)
      llvm::errs() << " (disabled: cannot read the detasklet executable)";
    llvm::errs() << "\n";
  }
  if (Preambles && (Options.ShowProgress || Options.CacheStats))
    llvm::errs() << "detasklet: " << Preambles->summary() << "\n";
  if (Cache && !Cache->firstWriteError().empty())
    llvm::WithColor::warning(llvm::errs(), "detasklet")
        << "result cache not written (" << Cache->firstWriteError()
        << "); pass --cache-dir DIR to keep it elsewhere, or --no-cache\n";
  return Outcomes;
}

} // namespace detasklet
