// Stores into an ops-table field that the scan cannot see: a file of the tree
// that was not scanned (not in the selection, or not even in the compile
// database, such as a driver for another architecture) may fill the same ops
// table. Retyping the field would then break it unless what it stores is a
// function the conversion retypes too.
#ifndef DETASKLET_TOOL_SLOTWRITERS_H
#define DETASKLET_TOOL_SLOTWRITERS_H

#include "inventory/Inventory.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace detasklet {

// Looks at the .c files below the directory of the header declaring the field
// (Root-relative), except the scanned ones, for "NAME = value" written after a
// '.' or '->' (a designated initialiser or an assignment). A store of a
// function in KnownCallbacks is covered; any other is a problem. Textual: a
// positional initialiser, a file outside that directory or a macro building
// the name are not seen. A field declared under include/ or arch/ is a
// problem by itself: its writers could be anywhere. A file in Overlay (by
// absolute path) is read from there: a series applied in memory.
std::vector<SlotProblem> unscannedSlotWriters(const CallbackSlot &Slot,
                                              const std::set<std::string> &KnownCallbacks,
                                              const std::string &Root,
                                              const std::set<std::string> &Scanned,
                                              const std::map<std::string, std::string> &Overlay = {});

} // namespace detasklet

#endif
