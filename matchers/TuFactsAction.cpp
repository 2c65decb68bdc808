#include "matchers/TuFactsAction.h"

#include "inventory/PathUtil.h"
#include "matchers/ApiCallCollector.h"
#include "matchers/BodySkipping.h"
#include "matchers/CallbackCallCollector.h"
#include "matchers/CallbackSlots.h"
#include "matchers/ContextCollector.h"
#include "matchers/FunctionCollector.h"
#include "matchers/InitMacroCollector.h"
#include "matchers/MentionCollector.h"
#include "matchers/ObjectDeclCollector.h"
#include "matchers/ReferenceCollector.h"
#include "matchers/StateConstantCollector.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"

namespace detasklet {

using namespace clang;

namespace {

class TuFactsAction : public ASTFrontendAction {
public:
  TuFactsAction(const TaskletApi &Api, std::string Root, TuFacts &Out, bool Exact,
                TuObserver Observer, PreambleTaskletFiles *PreambleFiles)
      : Tu(Api, Root), Root(std::move(Root)), Out(Out), Exact(Exact),
        Observer(std::move(Observer)), PreambleFiles(PreambleFiles) {
    Collectors.push_back(std::make_unique<ObjectDeclCollector>(Tu));
    Collectors.push_back(std::make_unique<ApiCallCollector>(Tu));
    Collectors.push_back(std::make_unique<InitMacroCollector>(Tu));
    Collectors.push_back(std::make_unique<ReferenceCollector>(Tu));
    Collectors.push_back(std::make_unique<CallbackCallCollector>(Tu));
    Collectors.push_back(std::make_unique<CallbackSlotCollector>(Tu));
    Collectors.push_back(std::make_unique<StateConstantCollector>(Tu));
    Collectors.push_back(std::make_unique<MentionCollector>(Tu));
    Collectors.push_back(std::make_unique<ContextCollector>(Tu));
    Collectors.push_back(std::make_unique<FunctionCollector>(Tu)); // works at the end of the TU
    for (auto &C : Collectors)
      C->registerMatchers(Finder);
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef File) override {
    Tu.setPreprocessor(CI.getPreprocessor());
    std::string Cwd;
    if (auto Dir = CI.getVirtualFileSystem().getCurrentWorkingDirectory())
      Cwd = *Dir;
    Tu.setWorkingDir(Cwd);
    WorkingDir = Cwd;
    Tu.Facts.MainFile = relativeTo(normalizePath(File, Cwd), Root);
    if (Exact)
      return Finder.newASTConsumer();
    CI.getFrontendOpts().SkipFunctionBodies = true;
    return std::make_unique<BodySkippingConsumer>(Finder.newASTConsumer(), CI.getSourceManager(),
                                                  Tu.api().mentionWords(), PreambleFiles);
  }

  void EndSourceFileAction() override {
    if (Observer)
      Observer(getCompilerInstance().getSourceManager(), WorkingDir);
    Out = std::move(Tu.Facts);
  }

private:
  TuContext Tu;
  std::string Root;
  TuFacts &Out;
  bool Exact;
  TuObserver Observer;
  PreambleTaskletFiles *PreambleFiles;
  std::string WorkingDir;
  ast_matchers::MatchFinder Finder;
  std::vector<std::unique_ptr<Collector>> Collectors;
};

} // namespace

std::unique_ptr<FrontendAction> TuFactsActionFactory::create() {
  return std::make_unique<TuFactsAction>(Api, Root, Out, Exact, Observer, PreambleFiles);
}

} // namespace detasklet
