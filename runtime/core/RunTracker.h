// What the properties about callbacks are checked against: for every tasklet,
// work item and timer the model has seen, who is running its callback, the
// schedule/queue requests still waiting for a start, the disable depth the
// API calls imply, and when a synchronous kill/cancel/disable last returned.
#ifndef DETASKLET_RUNTIME_CORE_RUNTRACKER_H
#define DETASKLET_RUNTIME_CORE_RUNTRACKER_H

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace detasklet::runtime {

class Machine;

enum class CallbackKind : uint8_t { Tasklet, Work, Timer };

struct CallbackObject {
  const void *Obj = nullptr;
  CallbackKind Kind = CallbackKind::Tasklet;
  const void *Callback = nullptr; // last known function, for names in traces
  int ApiDisableDepth = 0;        // tasklets: disables minus enables since init
  std::vector<unsigned> Running;  // thread ids executing the callback
  unsigned Starts = 0, Finishes = 0;

  struct Request {
    unsigned Step;
    unsigned Thread;
    const char *Api;
    bool Dropped; // refused because disabled: nothing is pending for it
  };
  std::vector<Request> Open;
  // A kill, cancel_*_sync or synchronous disable returned after the last request.
  bool SyncedSinceRequest = false;
  const char *SyncApi = nullptr;
};

class RunTracker {
public:
  explicit RunTracker(Machine &M) : M(M) {}
  void reset();

  CallbackObject &object(const void *Obj, CallbackKind Kind);
  CallbackObject *find(const void *Obj);

  // A schedule/queue call; Dropped when the API refused it (disabled work item).
  void request(const void *Obj, CallbackKind Kind, const char *Api, bool Dropped);
  // A kill or cancel returned: earlier requests are no longer owed a run.
  // Refused ones are excused too when made at or after AbsorbedFrom: the
  // cancel itself refused them while it waited.
  void excuse(const void *Obj, const char *Api, unsigned AbsorbedFrom = ~0u);
  void callbackStart(const void *Obj, CallbackKind Kind, const void *Fn, bool DisabledNow);
  void callbackFinish(const void *Obj);
  // A synchronous kill/cancel/disable is returning in the current thread.
  void syncReturned(const void *Obj, const char *Api, bool ClearsPending);
  const std::vector<unsigned> *runners(const void *Obj) const;
  void endOfExecution();

private:
  Machine &M;
  std::unordered_map<const void *, size_t> Index;
  std::vector<CallbackObject> Objects; // in order of first sight: reports are deterministic
};

} // namespace detasklet::runtime

#endif
