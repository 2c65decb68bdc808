// A legacy tasklet_init(t, fn, data) whose data is not the structure holding
// the tasklet: from_work() cannot give the callback that data back. The data
// can still move where tasklet_init() kept it, into a field beside the work
// item, set right after the init and read back first thing in the callback.
// These are the conditions under which that move is mechanical; scan (the
// verdict) and convert (the edit plan) both ask them.
#ifndef DETASKLET_INVENTORY_LEGACYDATAFIELD_H
#define DETASKLET_INVENTORY_LEGACYDATAFIELD_H

#include "inventory/Inventory.h"

#include <optional>
#include <string>

namespace detasklet {

// The init's tasklet argument as an lvalue of the field ("&eni->task" ->
// "eni->task"), when it is a plain member access ending in O's name and
// evaluating it again has no side effect; nullopt otherwise.
std::optional<std::string> initFieldAccess(const ObjectDecl &O, const Use &Init);

// Why Init's data cannot move into a field beside O; empty when it can. The
// callback-level conditions (not called directly, one field per callback)
// are the caller's: they need the whole group's uses.
std::string dataFieldRefusal(const ObjectDecl &O, const Use &Init);

} // namespace detasklet

#endif
