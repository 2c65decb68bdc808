// The frontend action that turns one parsed translation unit into TuFacts.
#ifndef DETASKLET_MATCHERS_TUFACTSACTION_H
#define DETASKLET_MATCHERS_TUFACTSACTION_H

#include "inventory/Inventory.h"
#include "matchers/TaskletApi.h"
#include "clang/Tooling/Tooling.h"

#include <memory>

namespace detasklet {

// Creates one action per TU; each writes its facts to the slot it was given.
class TuFactsActionFactory : public clang::tooling::FrontendActionFactory {
public:
  // Exact: parse every function body (see BodySkipping.h for the shortcut).
  TuFactsActionFactory(const TaskletApi &Api, std::string Root, TuFacts &Out, bool Exact = false)
      : Api(Api), Root(std::move(Root)), Out(Out), Exact(Exact) {}
  std::unique_ptr<clang::FrontendAction> create() override;

private:
  const TaskletApi &Api;
  std::string Root;
  TuFacts &Out;
  bool Exact;
};

} // namespace detasklet

#endif
