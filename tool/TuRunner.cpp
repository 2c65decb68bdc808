#include "tool/TuRunner.h"

#include "inventory/PathUtil.h"
#include "matchers/TuFactsAction.h"
#include "tool/CompileCommands.h"
#include "tool/Progress.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"

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

TuOutcome analyse(const clang::tooling::CompilationDatabase &Database, const std::string &File,
                  const TaskletApi &Api, const std::string &Root, const RunOptions &Options) {
  TuOutcome Out;
  const std::string Shown = relativeTo(File, Root);
  if (std::error_code EC = llvm::sys::fs::access(File, llvm::sys::fs::AccessMode::Exist)) {
    Out.Failure = TuFailure{Shown, Shown + ": error: cannot read: " + EC.message(), 1};
    return Out;
  }
  // A file system of its own per TU: the real one shares the process's working
  // directory, which every ClangTool changes to its command's directory.
  clang::tooling::ClangTool Tool(Database, {File},
                                 std::make_shared<clang::PCHContainerOperations>(),
                                 llvm::vfs::createPhysicalFileSystem());
  Tool.appendArgumentsAdjuster(kernelArgumentsAdjuster());
  if (!Options.ExtraArgsBefore.empty())
    Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        Options.ExtraArgsBefore, clang::tooling::ArgumentInsertPosition::BEGIN));
  if (!Options.ExtraArgsAfter.empty())
    Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        Options.ExtraArgsAfter, clang::tooling::ArgumentInsertPosition::END));
  FirstErrorConsumer Errors(Root);
  Tool.setDiagnosticConsumer(&Errors);
  Tool.setPrintErrorMessage(false);
  TuFactsActionFactory Factory(Api, Root, Out.Facts, Options.Exact);
  int Status = Tool.run(&Factory);
  if (Errors.getNumErrors() || Status != 0) {
    std::string Message = Errors.First.empty()
                              ? Shown + ": error: clang could not run the compile command"
                              : Errors.First;
    Out.Failure = TuFailure{Shown, Message, std::max(1u, Errors.getNumErrors())};
    Out.Facts = TuFacts{};
  }
  return Out;
}

} // namespace

std::vector<TuOutcome> collectFacts(const clang::tooling::CompilationDatabase &Database,
                                    const std::vector<std::string> &Files,
                                    const TaskletApi &Api, const std::string &Root,
                                    const RunOptions &Options) {
  std::vector<TuOutcome> Outcomes(Files.size());
  Progress Bar(Files.size(), Options.ShowProgress);
  llvm::ThreadPoolStrategy Strategy = llvm::hardware_concurrency(Options.Jobs);
  if (Strategy.compute_thread_count() <= 1 || Files.size() <= 1) {
    for (size_t I = 0; I < Files.size(); ++I) {
      Outcomes[I] = analyse(Database, Files[I], Api, Root, Options);
      Bar.done(relativeTo(Files[I], Root));
    }
  } else {
    llvm::DefaultThreadPool Pool(Strategy);
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        Outcomes[I] = analyse(Database, Files[I], Api, Root, Options);
        Bar.done(relativeTo(Files[I], Root));
      });
    Pool.wait();
  }
  Bar.finish();
  return Outcomes;
}

} // namespace detasklet
