// From an object's protocol to C: an abstract driver that uses the real
// tasklet API (or, for a work item's protocol, the work-item calls it makes) on one tasklet (a struct field set up with tasklet_setup(), or a
// DECLARE_TASKLET*() variable), one function per protocol function performing
// its operations, and a scenario that runs them in their contexts. It builds
// against the runtime's shim headers, and `detasklet convert` converts it like
// any driver.
//
// Names are generic (proto_fn<N>), so that objects with the same protocol get
// byte-identical sources: the runtime's module cache and the verifier's memo
// share their results. The report maps the names back to the real functions.
#ifndef DETASKLET_VERIFY_ABSTRACTDRIVER_H
#define DETASKLET_VERIFY_ABSTRACTDRIVER_H

#include "verify/Protocol.h"

#include <string>

namespace detasklet {

struct AbstractDriver {
  std::string Driver;   // the module: the tasklet, the functions, init and exit
  std::string Scenario; // MODEL_SCENARIO(main)
  static constexpr const char *ScenarioName = "main";
};

// Which kernel entry points the scenario drives. Two drivers explored
// against each other (a tasklet and a hand-written conversion) share one
// scenario, so they share the union of their shapes.
struct AbstractShape {
  bool Irq = false;     // an interrupt handler
  bool Timer = false;   // a timer callback
  bool Process = false; // a task running the functions without a known caller
  // The driver's logic starts with a disable in effect (DECLARE_TASKLET_DISABLED):
  // an enable made elsewhere may then happen once without a disable of its
  // own. A conversion inherits it from the original's declaration, so a
  // series that drops the disabled state shows its first enable underflow.
  bool StartsDisabled = false;
  static AbstractShape of(const ObjectProtocol &P);
  // The entry points of both; the disabled state is the caller's to decide
  // (ProtocolVerifier::checkPair).
  AbstractShape with(const AbstractShape &Other) const;
};

// The protocol must be abstracted().
AbstractDriver generateAbstractDriver(const ObjectProtocol &P);
AbstractDriver generateAbstractDriver(const ObjectProtocol &P, const AbstractShape &Shape);

// proto_fn<N> of the generated code for P.Functions[N].
std::string abstractFunctionName(size_t Index);

} // namespace detasklet

#endif
