// The readable scan report: objects grouped by directory (the kernel's
// subsystem boundaries), each with its verdict, reasons, notes and uses, then
// a summary.
#ifndef DETASKLET_TOOL_SCANREPORT_H
#define DETASKLET_TOOL_SCANREPORT_H

#include "inventory/Inventory.h"
#include "llvm/Support/raw_ostream.h"

namespace detasklet {

void printScanReport(const Inventory &Inv, llvm::raw_ostream &OS);
void printSummary(const Inventory &Inv, llvm::raw_ostream &OS);

} // namespace detasklet

#endif
