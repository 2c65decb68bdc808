// What a piece of code does with a tasklet. Each kind has a stable textual code
// that appears in reports and JSON; codes are never renamed, only added.
#ifndef DETASKLET_INVENTORY_USEKIND_H
#define DETASKLET_INVENTORY_USEKIND_H

#include "llvm/ADT/StringRef.h"
#include <optional>

namespace detasklet {

enum class UseKind {
  InitSetup,          // tasklet_setup(t, cb)
  InitLegacy,         // tasklet_init(t, fn, data)
  Declare,            // DECLARE_TASKLET(name, cb)
  DeclareOld,         // DECLARE_TASKLET_OLD(name, fn)
  DeclareDisabled,    // DECLARE_TASKLET_DISABLED(name, cb)
  DeclareDisabledOld, // DECLARE_TASKLET_DISABLED_OLD(name, fn)
  Schedule,           // tasklet_schedule
  ScheduleHi,         // tasklet_hi_schedule
  Disable,            // tasklet_disable
  DisableNosync,      // tasklet_disable_nosync
  DisableInAtomic,    // tasklet_disable_in_atomic
  Enable,             // tasklet_enable
  Kill,               // tasklet_kill
  FromTasklet,        // from_tasklet(var, t, field)
  ContainerOf,        // container_of(t, type, field) written out
  CallbackCall,       // the callback function called directly
  EscapeParam,        // address passed to a driver function's tasklet pointer parameter
  EscapeStore,        // address stored in a tasklet pointer variable or field
  EscapeReturn,       // address returned from a function
  EscapeUntyped,      // address converted to a non-tasklet type (void *, unsigned long...)
  InternalsField,     // t->state, t->count, t->func... read or written
  InternalsStateBit,  // TASKLET_STATE_SCHED / TASKLET_STATE_RUN
  InternalsTrylock,   // tasklet_trylock
  InternalsUnlock,    // tasklet_unlock
  InternalsUnlockWait,     // tasklet_unlock_wait
  InternalsUnlockSpinWait, // tasklet_unlock_spin_wait
  InternalsRawSchedule, // __tasklet_schedule / __tasklet_hi_schedule: bypass the SCHED bit
  AddressCompared,    // address compared or tested; harmless to a conversion
  AddressVariadic,    // address passed as a variadic argument (printk's %p); harmless
  Flush,              // waits for a pending run to finish (work items: flush_work)
};

llvm::StringRef useKindCode(UseKind K);
std::optional<UseKind> useKindFromCode(llvm::StringRef Code);

bool isInit(UseKind K);
bool isDeclare(UseKind K);
bool isInternals(UseKind K);
bool isEscape(UseKind K);

} // namespace detasklet

#endif
