#include "runtime/core/Property.h"

namespace detasklet::runtime {

namespace {
const std::array<PropertyInfo, PropertyCount> Catalogue = {{
    {Property::ConcurrentRun, "concurrent-run", false,
     "a callback started while the same tasklet's or work item's callback was running"},
    {Property::LostRun, "lost-run", false,
     "a schedule or queue was not followed by a start of the callback, and no kill or "
     "cancel came after it"},
    {Property::RunWhileDisabled, "run-while-disabled", false,
     "a callback started while disable calls without a matching enable were in effect"},
    {Property::RunningAfterSync, "running-after-sync", false,
     "a kill, cancel_*_sync or synchronous disable returned while the callback still ran, or "
     "the callback started afterwards without a new schedule"},
    {Property::UseAfterFree, "use-after-free", true,
     "memory was read or written after kfree() (by the driver, or by the tasklet or "
     "workqueue core)"},
    {Property::DoubleFree, "double-free", true, "a block was freed twice"},
    {Property::SleepInAtomic, "sleep-in-atomic", false,
     "a call that may sleep was made in atomic context (hardirq, softirq, spinlock held, "
     "bottom halves or interrupts disabled)"},
    {Property::Deadlock, "deadlock", true,
     "no context could make progress, or a context waited for something only a context it "
     "interrupted (or itself) could finish"},
    {Property::EnableUnderflow, "enable-underflow", false,
     "tasklet_enable()/enable_work() without a matching disable"},
    {Property::ApiMisuse, "api-misuse", false,
     "a misuse the kernel warns about: unlock of a lock not held, unbalanced bottom-half or "
     "irq enable, freeing an irq that is not requested, kfree of a pointer kmalloc did not "
     "return"},
    {Property::Crash, "crash", true,
     "the driver faulted (a signal such as SIGSEGV) or called BUG()/panic()"},
    {Property::ScenarioAssert, "scenario-assert", false, "a model_assert() in the scenario failed"},
}};
} // namespace

const std::array<PropertyInfo, PropertyCount> &allProperties() { return Catalogue; }

const PropertyInfo &propertyInfo(Property P) { return Catalogue[unsigned(P)]; }

std::optional<Property> propertyByName(const std::string &Name) {
  for (const PropertyInfo &I : Catalogue)
    if (Name == I.Name)
      return I.Id;
  return std::nullopt;
}

} // namespace detasklet::runtime
