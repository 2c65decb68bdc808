// One translation unit's facts as JSON, losslessly: what the result cache
// stores, so a TU read back from it merges exactly like a freshly parsed one.
// Unlike the inventory's JSON this is no interface for other tools; every field
// is written, defaults included, and a reader rejects anything it does not
// fully understand (a cache then re-parses instead of trusting it).
#ifndef DETASKLET_INVENTORY_TUFACTSJSON_H
#define DETASKLET_INVENTORY_TUFACTSJSON_H

#include "inventory/Inventory.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace detasklet {

// Bumped whenever the encoding or the meaning of a field changes.
inline constexpr const char *TuFactsSchema = "detasklet-tu-facts/2";

llvm::json::Value tuFactsToJSON(const TuFacts &Facts);
llvm::Expected<TuFacts> tuFactsFromJSON(const llvm::json::Value &Value);

} // namespace detasklet

#endif
