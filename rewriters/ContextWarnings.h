// What moving callbacks from softirq to process context can break, for a
// target that does (rules/wq.yaml): the callback tests in_interrupt() and the
// like, whose answer changes; or it takes a lock with plain spin_lock() that
// interrupt-context code also takes, which deadlocks once the callback can be
// interrupted on its own CPU by that code.
#ifndef DETASKLET_REWRITERS_CONTEXTWARNINGS_H
#define DETASKLET_REWRITERS_CONTEXTWARNINGS_H

#include "inventory/Inventory.h"

#include <vector>

namespace detasklet {

// Callbacks: the keys ("callback:...") of the callbacks that move. Findings
// are warnings: the conversion still happens, a person must look.
std::vector<Finding> processContextWarnings(const std::vector<std::string> &Callbacks,
                                            const Inventory &Inv);

} // namespace detasklet

#endif
