// The inventory as JSON (schema "detasklet-inventory/1", documented in
// inventory/SCHEMA.md). Fields are only added, never renamed or removed.
#ifndef DETASKLET_INVENTORY_INVENTORYJSON_H
#define DETASKLET_INVENTORY_INVENTORYJSON_H

#include "inventory/Inventory.h"
#include "llvm/Support/JSON.h"

#include <map>

namespace detasklet {

inline constexpr const char *InventorySchema = "detasklet-inventory/1";

struct InventorySummary {
  unsigned Objects = 0, Convertible = 0, Manual = 0;
  unsigned FilesWithUses = 0, TusScanned = 0, TusFailed = 0, UnattachedUses = 0;
  std::map<std::string, unsigned> ManualByReason; // an object counts once per reason code
};

InventorySummary summarize(const Inventory &Inv);
llvm::json::Value toJSON(const Inventory &Inv);

} // namespace detasklet

#endif
