// Who can take the next step: a thread, or an event the hardware or time
// brings about (an interrupt arriving, a softirq starting on a CPU, a kworker
// picking up an item, a timer expiring). Actors have short stable spellings;
// a replay token is the sequence of actors chosen.
#ifndef DETASKLET_RUNTIME_CORE_ACTOR_H
#define DETASKLET_RUNTIME_CORE_ACTOR_H

#include <cstdint>
#include <optional>
#include <string>

namespace detasklet::runtime {

enum class ActorKind : uint8_t {
  Thread,       // t<id>
  IrqDelivery,  // i<cpu>
  SoftirqEntry, // s<cpu>
  WorkerStart,  // w<cpu>.<pool>
  TimerFire,    // x<cpu>
  Choice,       // k<thread>.<value>: the thread's model_choose() returns value
};

struct Actor {
  ActorKind Kind = ActorKind::Thread;
  uint16_t A = 0; // thread id, or CPU
  uint16_t B = 0; // pool index within the CPU for WorkerStart, the value for Choice

  bool operator==(const Actor &O) const { return Kind == O.Kind && A == O.A && B == O.B; }
  bool operator!=(const Actor &O) const { return !(*this == O); }
  bool operator<(const Actor &O) const {
    if (Kind != O.Kind)
      return Kind < O.Kind;
    return A != O.A ? A < O.A : B < O.B;
  }

  static Actor thread(unsigned Id) { return {ActorKind::Thread, uint16_t(Id), 0}; }
  static Actor event(ActorKind K, unsigned Cpu, unsigned Sub = 0) {
    return {K, uint16_t(Cpu), uint16_t(Sub)};
  }
  static Actor choice(unsigned Thread, unsigned Value) {
    return {ActorKind::Choice, uint16_t(Thread), uint16_t(Value)};
  }
  // A choice is a step of its thread: program order, preemptions and thread
  // creation treat it as the thread's own actor.
  bool isThreadStep() const { return Kind == ActorKind::Thread || Kind == ActorKind::Choice; }
  Actor process() const { return Kind == ActorKind::Choice ? thread(A) : *this; }

  std::string spell() const;
  static std::optional<Actor> parse(const std::string &Text);
};

} // namespace detasklet::runtime

#endif
