// --semantic: the findings are the scan inventory's (tool/ScanCommand.h),
// which resolves what the lexical engine cannot see: a tasklet reached
// through a driver's own macro, wrapper function or typedef is reported where
// the driver uses it. Every use of every tasklet object, the uses whose
// object could not be identified, and each object's declaration become
// findings, under the rule that lists their use kind.
#ifndef DETASKLET_LINT_SEMANTICENGINE_H
#define DETASKLET_LINT_SEMANTICENGINE_H

#include "inventory/Inventory.h"
#include "lint/Finding.h"

namespace detasklet::lint {

class SemanticEngine {
public:
  explicit SemanticEngine(const RuleSet &Rules) : Rules(Rules) {}

  // Paths become relative to Root (the lint root). The files are read to
  // find each use's declaration and line tokens for the baseline key.
  std::vector<Finding> findingsOf(const Inventory &Inv, llvm::StringRef Root) const;

private:
  const RuleSet &Rules;
};

} // namespace detasklet::lint

#endif
