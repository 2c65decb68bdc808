// detasklet scan: the inventory of every tasklet under the given paths.
#ifndef DETASKLET_TOOL_SCANCOMMAND_H
#define DETASKLET_TOOL_SCANCOMMAND_H

#include "inventory/Inventory.h"
#include "tool/CompileCommands.h"
#include "tool/TuRunner.h"

namespace detasklet {

enum class ScanFormat { Text, Json };

struct ScanOptions {
  SelectionRequest Selection;
  RunOptions Run;
  ScanFormat Format = ScanFormat::Text;
  std::string ApiRules; // empty: the shipped rules/tasklet-api.yaml
  std::string Output;   // empty: stdout
};

// Exit status: 0 complete, 1 partial (some TUs could not be analysed),
// 2 bad input (no database, unknown file, invalid rules).
int runScan(const ScanOptions &Options);

// The inventory alone, for the other subcommands and the tests; errors are
// input errors (the partial case is in Inventory::Failures).
llvm::Expected<Inventory> buildInventory(const SelectionRequest &Selection,
                                         const RunOptions &Run, const std::string &ApiRules);

} // namespace detasklet

#endif
