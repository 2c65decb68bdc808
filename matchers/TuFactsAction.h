// The frontend action that turns one parsed translation unit into TuFacts.
#ifndef DETASKLET_MATCHERS_TUFACTSACTION_H
#define DETASKLET_MATCHERS_TUFACTSACTION_H

#include "inventory/Inventory.h"
#include "matchers/BodySkipping.h"
#include "matchers/TaskletApi.h"
#include "clang/Tooling/Tooling.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace detasklet {

// Sees a TU once it is parsed, before its source manager is torn down: what a
// caller needs to know which files the facts came from. WorkingDir is the
// compile command's directory, against which relative file names resolve.
using TuObserver =
    std::function<void(const clang::SourceManager &SM, llvm::StringRef WorkingDir)>;

// Creates one action per TU; each writes its facts to the slot it was given.
class TuFactsActionFactory : public clang::tooling::FrontendActionFactory {
public:
  // Exact: parse every function body (see BodySkipping.h for the shortcut).
  TuFactsActionFactory(const TaskletApi &Api, std::string Root, TuFacts &Out, bool Exact = false)
      : Api(Api), Root(std::move(Root)), Out(Out), Exact(Exact) {}
  std::unique_ptr<clang::FrontendAction> create() override;
  void observeWith(TuObserver O) { Observer = std::move(O); }
  // The TU is parsed on a precompiled preamble; these of its files mention
  // tasklets, and the matchers visit their declarations (BodySkipping.h).
  void preambleTaskletFiles(PreambleTaskletFiles *Files) { PreambleFiles = Files; }

private:
  const TaskletApi &Api;
  std::string Root;
  TuFacts &Out;
  bool Exact;
  TuObserver Observer;
  PreambleTaskletFiles *PreambleFiles = nullptr;
};

} // namespace detasklet

#endif
