// Decides, for one object and the group it converts with, whether a conversion
// to a work item can be automatic, and what it must take care of.
#ifndef DETASKLET_INVENTORY_VERDICT_H
#define DETASKLET_INVENTORY_VERDICT_H

#include "inventory/Inventory.h"

#include <map>
#include <set>

namespace detasklet {

// The tasklets that share callbacks, helpers or pointers: one conversion unit.
struct ConversionGroup {
  std::vector<const ObjectDecl *> Objects;
  std::set<std::string> AliasKeys;         // every non-object key in the group
  std::vector<CallbackInfo> Callbacks;
  const std::map<std::string, AliasDef> *AliasDefs = nullptr;
  std::vector<CallbackSlot> Slots;         // the group's ops-table fields, with their callbacks
  std::map<std::string, std::string> StoredElsewhere; // callback key -> a field no init reads
  // Legacy callbacks registered with their container reached by different
  // members: callback key -> those member paths (only when more than one).
  std::map<std::string, std::set<std::string>> ContainerPaths;
};

// Fills Report.Reasons and Report.Notes; Report.Uses must hold the group's uses.
void judgeObject(ObjectReport &Report, const ConversionGroup &Group);

} // namespace detasklet

#endif
