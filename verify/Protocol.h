// The protocol of one tasklet object, abstracted from the inventory: which
// functions touch it, in which execution context each runs, and the ordered
// tasklet operations each performs. It is what `detasklet verify` checks on a
// real tree, where the driver itself cannot be built in userspace: an abstract
// driver with exactly these operations is generated, converted with the
// project's rules, and both are explored in the runtime model.
#ifndef DETASKLET_VERIFY_PROTOCOL_H
#define DETASKLET_VERIFY_PROTOCOL_H

#include "inventory/Inventory.h"

#include <string>
#include <vector>

namespace detasklet {

enum class ProtocolOpKind {
  ScheduleNormal,
  ScheduleHi,
  DisableSync,   // tasklet_disable
  DisableAtomic, // tasklet_disable_in_atomic
  DisableNosync, // tasklet_disable_nosync
  Enable,
  Kill,
  DirectCall,    // the driver calls the callback itself
  CallHelper,    // the tasklet is passed to a helper whose operations follow
  Flush,         // a work item only: flush_work
};
llvm::StringRef protocolOpCode(ProtocolOpKind K);

struct ProtocolOp {
  ProtocolOpKind Kind = ProtocolOpKind::ScheduleNormal;
  // A non-init operation may or may not happen (conditions and loops are not
  // seen): the abstract driver lets the explorer choose. Enables and the
  // disables they undo are not chosen separately, see Paired.
  bool Optional = true;
  // Enable: the index (in the function) of the disable it undoes, or -1 when
  // it undoes one made elsewhere (suspend/resume): it then happens only
  // while such a disable is outstanding.
  int Paired = -1;
  unsigned Helper = 0; // CallHelper: index into ObjectProtocol::Functions
  SourcePos At;        // the use it comes from
  // A work item's operation: the call as written (cancel_work or
  // cancel_work_sync are both a kill) and the workqueue it names, if any.
  std::string Call;
  std::string Queue;
  // Where the operations merged into this one were: the same operation right
  // after it, and the same one in functions merged as alike (see the extractor).
  std::vector<SourcePos> AlsoAt;
};

// Where the kernel runs a function, as far as the inventory knows.
enum class ProtocolContext {
  InitPath,  // module init or probe: runs first, once
  HardIrq,   // an interrupt handler (request_irq and friends)
  Softirq,   // a timer callback, NAPI poll
  Callback,  // the object's own tasklet callback
  Process,   // any other caller: any process context
  Teardown,  // kills the tasklet: remove or exit, runs last
  Helper,    // reached only through a helper call from another function
};
llvm::StringRef protocolContextCode(ProtocolContext C);

struct ProtocolFunction {
  std::string Key;  // Use::Function
  std::string Name;
  ProtocolContext Context = ProtocolContext::Process;
  std::string Why;  // e.g. "request_irq at drivers/x/y.c:12", "__init", "contains tasklet_kill"
  std::vector<ProtocolOp> Ops;
  // Other functions in the same context with the same operations, merged
  // into this one (one object shared by many drivers has many alike).
  std::vector<std::string> Alike;
};

enum class ProtocolInit { Setup, Declare, DeclareDisabled };

struct ObjectProtocol {
  // The protocol of a work item (read from converted code), not a tasklet's.
  bool WorkItem = false;
  std::string ObjectKey;
  std::string Name;       // e.g. "struct foo::rx_tasklet"
  SourcePos Declared;
  ProtocolInit Init = ProtocolInit::Setup;
  std::vector<ProtocolFunction> Functions; // in the order of their first use
  // Non-empty: no protocol was built, and this says why.
  std::string CannotAbstract;
  // Refused only because its instances run different callbacks: the keys of
  // those callbacks, each of which has a protocol of its own.
  std::vector<std::string> SeveralCallbacks;
  std::string Callback; // the one callback this protocol is for, when one of several

  bool abstracted() const { return CannotAbstract.empty(); }
  // The protocol without names or positions: objects with the same canonical
  // form have the same abstract driver and the same verdict.
  std::string canonical() const;
};

} // namespace detasklet

#endif
