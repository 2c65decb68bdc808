// The commit message of a conversion patch: what changed, in the words of the
// rules, and every semantic difference the rules introduce.
#ifndef DETASKLET_REWRITERS_PATCHMESSAGE_H
#define DETASKLET_REWRITERS_PATCHMESSAGE_H

#include "inventory/Inventory.h"
#include "rewriters/ConvertRules.h"
#include "rewriters/EditPlanner.h"

namespace detasklet {

// Body for the converted groups of one driver, wrapped at 75 columns.
std::string patchBody(const std::vector<const GroupPlan *> &Groups, const Inventory &Inv,
                      const ConvertRules &Rules);

// Greedy word wrap; blank lines separate paragraphs.
std::string wrapText(llvm::StringRef Text, unsigned Width = 75);

} // namespace detasklet

#endif
