// From the inventory (and nothing else: no second parse) to each object's
// protocol. What the inventory cannot tell apart is made nondeterministic
// (every non-init operation may or may not happen); what it cannot follow at
// all makes the object "cannot abstract" with the reason, never a guess.
#ifndef DETASKLET_VERIFY_PROTOCOLEXTRACTOR_H
#define DETASKLET_VERIFY_PROTOCOLEXTRACTOR_H

#include "inventory/Inventory.h"
#include "verify/Protocol.h"

namespace detasklet {

// What the inventory's objects are: tasklets (scanned with tasklet-api.yaml),
// or work items (scanned with work-api.yaml, in code a series converted).
enum class ProtocolApi { Tasklet, WorkItem };

class ProtocolExtractor {
public:
  explicit ProtocolExtractor(const Inventory &Inv, ProtocolApi Api = ProtocolApi::Tasklet)
      : Inv(Inv), Api(Api) {}
  // With OnlyCallback (a key of ObjectProtocol::SeveralCallbacks): the protocol
  // of the instances initialised with that callback, on the assumption that an
  // instance keeps the callback it was initialised with (one per chip, per
  // queue, per ops table). Other callbacks' inits and functions are left out.
  ObjectProtocol extract(const ObjectReport &Object, const std::string &OnlyCallback = "") const;

private:
  const Inventory &Inv;
  ProtocolApi Api;
};

} // namespace detasklet

#endif
