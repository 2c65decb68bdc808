// From the inventory (and nothing else: no second parse) to each object's
// protocol. What the inventory cannot tell apart is made nondeterministic
// (every non-init operation may or may not happen); what it cannot follow at
// all makes the object "cannot abstract" with the reason, never a guess.
#ifndef DETASKLET_VERIFY_PROTOCOLEXTRACTOR_H
#define DETASKLET_VERIFY_PROTOCOLEXTRACTOR_H

#include "inventory/Inventory.h"
#include "verify/Protocol.h"

namespace detasklet {

class ProtocolExtractor {
public:
  explicit ProtocolExtractor(const Inventory &Inv) : Inv(Inv) {}
  ObjectProtocol extract(const ObjectReport &Object) const;

private:
  const Inventory &Inv;
};

} // namespace detasklet

#endif
