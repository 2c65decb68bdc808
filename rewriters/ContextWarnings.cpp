#include "rewriters/ContextWarnings.h"

#include <map>
#include <set>

namespace detasklet {

namespace {

std::string functionOf(const std::string &CallbackKey) {
  return CallbackKey.substr(CallbackKey.find(':') + 1);
}

std::string nameOf(const std::string &FunctionKey) {
  return FunctionKey.substr(FunctionKey.rfind(':') + 1) + "()";
}

// The context every function is known to run in, when it is not process
// context: registered handlers, and the callbacks of tasklets that stay.
std::map<std::string, std::string> interruptContexts(const std::vector<std::string> &Moving,
                                                     const Inventory &Inv) {
  std::map<std::string, std::string> Where;
  for (const ContextEntry &E : Inv.Context.Entries)
    Where[E.Function] = E.Context + " (" + E.Via + ")";
  std::set<std::string> Moves;
  for (const std::string &C : Moving)
    Moves.insert(functionOf(C));
  for (const ObjectReport &O : Inv.Objects)
    for (const CallbackInfo &C : O.Callbacks)
      if (!Moves.count(functionOf(C.Key)))
        Where.emplace(functionOf(C.Key), "softirq (a tasklet callback)");
  return Where;
}

} // namespace

std::vector<Finding> processContextWarnings(const std::vector<std::string> &Callbacks,
                                            const Inventory &Inv) {
  std::vector<Finding> Out;
  std::map<std::string, std::string> Interrupt = interruptContexts(Callbacks, Inv);
  for (const std::string &C : Callbacks) {
    std::string Fn = functionOf(C);
    for (const ContextQuery &Q : Inv.Context.Queries)
      if (Q.Function == Fn)
        Out.push_back({"context-query",
                       nameOf(Fn) + " tests " + Q.Name + "(), which is false once it runs in "
                                                         "process context",
                       Q.At});
    std::set<std::string> Warned;
    for (const LockUse &L : Inv.Context.Locks) {
      if (L.Function != Fn || L.Flavour != "plain" || Warned.count(L.Lock))
        continue;
      for (const LockUse &Other : Inv.Context.Locks) {
        auto In = Interrupt.find(Other.Function);
        if (Other.Lock != L.Lock || In == Interrupt.end())
          continue;
        bool Hard = In->second.rfind("hardirq", 0) == 0;
        Out.push_back({"lock-not-bh-safe",
                       nameOf(Fn) + " takes " + L.Lock.substr(L.Lock.rfind(':') + 1) + " with " +
                           L.Text + "; " + nameOf(Other.Function) + ", which runs in " +
                           In->second + ", takes it too: in process context that deadlocks "
                           "when it interrupts the holder on the same CPU; use " +
                           (Hard ? "spin_lock_irqsave()" : "spin_lock_bh()"),
                       L.At});
        Warned.insert(L.Lock);
        break;
      }
    }
  }
  return Out;
}

} // namespace detasklet
