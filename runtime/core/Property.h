// The properties the model checks. Ids are stable: reports, tests and the
// benign-difference catalogue refer to them by name. Never rename one.
#ifndef DETASKLET_RUNTIME_CORE_PROPERTY_H
#define DETASKLET_RUNTIME_CORE_PROPERTY_H

#include <array>
#include <optional>
#include <string>

namespace detasklet::runtime {

enum class Property : unsigned {
  ConcurrentRun,    // a callback started while the same object's callback ran
  LostRun,          // a schedule/queue with no callback start after it, not cancelled
  RunWhileDisabled, // a callback started while the API had it disabled
  RunningAfterSync, // a kill/cancel_sync/disable_sync returned with the callback running
  UseAfterFree,     // the driver or the model touched freed memory
  DoubleFree,       // kfree of an already freed block
  SleepInAtomic,    // a sleeping call in atomic context
  Deadlock,         // no context can make progress, or one spins on itself
  EnableUnderflow,  // enable without a matching disable
  ApiMisuse,        // what the kernel would WARN about (unbalanced unlock, ...)
  Crash,            // the driver faulted or called BUG()/panic()
  ScenarioAssert,   // a model_assert() in the scenario failed
};

constexpr unsigned PropertyCount = 12;

struct PropertyInfo {
  Property Id;
  const char *Name;
  bool Fatal; // the execution stops where it is found
  const char *Description;
};

const std::array<PropertyInfo, PropertyCount> &allProperties();
const PropertyInfo &propertyInfo(Property P);
std::optional<Property> propertyByName(const std::string &Name);

} // namespace detasklet::runtime

#endif
