// A conversion read back from code (verify --series) against the tasklet's
// protocol it replaces: which operations it must keep, where each function
// runs, and how the declaration's disabled state carries over. Exploring the
// two abstract drivers compares what each does; what a conversion drops is
// not there to explore, so it is found here, before.
#ifndef DETASKLET_VERIFY_PROTOCOLALIGNMENT_H
#define DETASKLET_VERIFY_PROTOCOLALIGNMENT_H

#include "rewriters/PatchApply.h"
#include "verify/Protocol.h"

#include <functional>

#include <string>

namespace detasklet {

// Empty when every operation of Original has a counterpart in Converted at
// the lines the series put in its place (LinesAfter): the same kind of
// operation (schedule, enable, direct call, helper call), or a stop for a
// kill or disable (kill, disable and flush may stand for one another, which
// exploring then judges). Else what is gone and where, e.g. "kill
// (drivers/x/foo.c:120:2)". By place, not by function: a conversion renames
// callbacks.
std::string droppedOperations(
    const ObjectProtocol &Original, const ObjectProtocol &Converted,
    const std::function<LineMap::Lines(const std::string &, unsigned)> &LinesAfter);

// Gives each function of Converted the context its namesake has in
// Original: the kernel calls a function the same way whatever API it uses
// (a kill rewritten as flush_work() keeps its function a teardown).
void takeContexts(const ObjectProtocol &Original, ObjectProtocol &Converted);

// Converted renders a declared-disabled state itself: an init-path function
// disables it without enabling it again there.
bool rendersDisabledState(const ObjectProtocol &Converted);

} // namespace detasklet

#endif
