#include "runtime/core/RunTracker.h"

#include "runtime/core/Machine.h"

#include <algorithm>

namespace detasklet::runtime {

namespace {
const char *kindName(CallbackKind K) {
  switch (K) {
  case CallbackKind::Tasklet:
    return "tasklet";
  case CallbackKind::Work:
    return "work item";
  case CallbackKind::Timer:
    return "timer";
  }
  return "object";
}
} // namespace

void RunTracker::reset() {
  Index.clear();
  Objects.clear();
}

CallbackObject &RunTracker::object(const void *Obj, CallbackKind Kind) {
  auto It = Index.find(Obj);
  if (It != Index.end())
    return Objects[It->second];
  Index.emplace(Obj, Objects.size());
  Objects.emplace_back();
  CallbackObject &O = Objects.back();
  O.Obj = Obj;
  O.Kind = Kind;
  return O;
}

CallbackObject *RunTracker::find(const void *Obj) {
  auto It = Index.find(Obj);
  return It == Index.end() ? nullptr : &Objects[It->second];
}

const std::vector<unsigned> *RunTracker::runners(const void *Obj) const {
  auto It = Index.find(Obj);
  return It == Index.end() ? nullptr : &Objects[It->second].Running;
}

void RunTracker::request(const void *Obj, CallbackKind Kind, const char *Api, bool Dropped) {
  CallbackObject &O = object(Obj, Kind);
  // A request the API accepts puts a run in flight; the refused ones before it
  // are carried by that run now, and a cancel of it cancels them too.
  if (!Dropped)
    for (CallbackObject::Request &R : O.Open)
      R.Dropped = false;
  O.Open.push_back({M.step(), M.current().Id, Api, Dropped});
  O.SyncedSinceRequest = false;
}

// Only requests that were pending can be cancelled: one the API refused
// (queued while disabled) was already lost, and a later cancel does not make
// that the driver's intent.
void RunTracker::excuse(const void *Obj, const char *Api, unsigned AbsorbedFrom) {
  CallbackObject *O = find(Obj);
  if (!O)
    return;
  O->Open.erase(std::remove_if(O->Open.begin(), O->Open.end(),
                               [&](const CallbackObject::Request &R) {
                                 return !R.Dropped || R.Step >= AbsorbedFrom;
                               }),
                O->Open.end());
}

void RunTracker::callbackStart(const void *Obj, CallbackKind Kind, const void *Fn, bool DisabledNow) {
  CallbackObject &O = object(Obj, Kind);
  Thread &T = M.current();
  if (Fn)
    O.Callback = Fn;
  std::string Name = std::string(kindName(Kind)) + " " + M.describeCallbackObject(Obj, O.Callback);
  M.key(KeyKind::Running, reinterpret_cast<uintptr_t>(Obj), true);
  MTRACE(M, "%s callback starts", Name.c_str());
  if (!O.Running.empty())
    M.violation(Property::ConcurrentRun, Name + " starts on " + M.contextName(T) +
                                             " while it is still running on " +
                                             M.contextName(*M.thread(O.Running.front())));
  if (DisabledNow || O.ApiDisableDepth > 0)
    M.violation(Property::RunWhileDisabled,
                Name + " starts on " + M.contextName(T) + " although it is disabled (" +
                    std::to_string(O.ApiDisableDepth) + " disable call(s) without enable)");
  if (O.SyncedSinceRequest)
    M.violation(Property::RunningAfterSync, Name + " starts on " + M.contextName(T) + " after " +
                                                O.SyncApi + "() returned, with no schedule since");
  O.Open.clear();
  O.Running.push_back(T.Id);
  ++O.Starts;
  T.RunningCallbacks.push_back(Obj);
}

void RunTracker::callbackFinish(const void *Obj) {
  CallbackObject *O = find(Obj);
  Thread &T = M.current();
  M.key(KeyKind::Running, reinterpret_cast<uintptr_t>(Obj), true);
  if (O) {
    auto It = std::find(O->Running.begin(), O->Running.end(), T.Id);
    if (It != O->Running.end())
      O->Running.erase(It);
    ++O->Finishes;
  }
  if (!T.RunningCallbacks.empty())
    T.RunningCallbacks.pop_back();
  MTRACE(M, "%s callback returns", M.describeCallbackObject(Obj, O ? O->Callback : nullptr).c_str());
}

void RunTracker::syncReturned(const void *Obj, const char *Api, bool ClearsPending) {
  CallbackObject *O = find(Obj);
  if (!O)
    return;
  Thread &T = M.current();
  for (unsigned Id : O->Running)
    if (Id != T.Id) {
      M.violation(Property::RunningAfterSync,
                  std::string(Api) + "(" + M.describeCallbackObject(Obj, O->Callback) +
                      ") returns on " + M.contextName(T) + " while the callback still runs on " +
                      M.contextName(*M.thread(Id)));
      break;
    }
  if (ClearsPending) {
    O->SyncedSinceRequest = true;
    O->SyncApi = Api;
  }
}

void RunTracker::endOfExecution() {
  for (const CallbackObject &O : Objects) {
    if (O.Open.empty())
      continue;
    const CallbackObject::Request &R = O.Open.front();
    std::string Msg = std::string(R.Api) + "(" + M.describeCallbackObject(O.Obj, O.Callback) +
                      ") at step " + std::to_string(R.Step);
    if (Thread *T = M.thread(R.Thread))
      Msg += " on " + M.contextName(*T);
    Msg += " is never followed by a run of the callback";
    if (R.Dropped)
      Msg += ": the work item was disabled, so the queue was dropped";
    else if (O.Kind == CallbackKind::Tasklet && O.ApiDisableDepth > 0)
      Msg += ": the tasklet is still disabled when the execution ends";
    if (O.Open.size() > 1)
      Msg += " (" + std::to_string(O.Open.size()) + " requests are owed a run)";
    M.violation(Property::LostRun, Msg);
  }
}

} // namespace detasklet::runtime
