// detasklet verify on tree files (no --scenario): every object convert would
// convert is checked at the level of its protocol (verify/), since real
// drivers do not build in userspace.
#ifndef DETASKLET_TOOL_VERIFYTREECOMMAND_H
#define DETASKLET_TOOL_VERIFYTREECOMMAND_H

#include "rewriters/ConvertRules.h"
#include "tool/VerifyCommand.h"

namespace detasklet {

// Exit status: 0 nothing worse, undocumented, incomplete or in error; 1
// otherwise; 2 bad input.
int runVerifyProtocols(const VerifyOptions &Options, const ConvertRules &Rules);

} // namespace detasklet

#endif
