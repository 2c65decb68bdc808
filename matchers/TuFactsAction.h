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
  TuFactsActionFactory(const TaskletApi &Api, std::string Root, TuFacts &Out)
      : Api(Api), Root(std::move(Root)), Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override;

private:
  const TaskletApi &Api;
  std::string Root;
  TuFacts &Out;
};

} // namespace detasklet

#endif
