// The scenario API (include/model/scenario.h). Its calls are not scheduling
// points of their own, except the waits: what they do (call into the module,
// raise an interrupt, start a task) cannot be observed before the driver code
// or the event that follows them, which has its own points.
#include "runtime/include/model/scenario.h"

#include "runtime/abi/model_abi.h"
#include "runtime/core/Machine.h"
#include "runtime/core/ModuleImage.h"

#include <cstdarg>
#include <cstdio>

using namespace detasklet::runtime;

extern "C" {
int model_load_module(void) {
  Machine &M = Machine::active();
  void *Init = M.module().symbol("init_module");
  if (!Init) {
    MTRACE(M, "the module has no init_module()");
    return 0;
  }
  MTRACE(M, "init_module()");
  int R = abi_call_init(Init);
  MTRACE(M, "init_module() = %d", R);
  return R;
}

void model_unload_module(void) {
  Machine &M = Machine::active();
  void *Exit = M.module().symbol("cleanup_module");
  if (!Exit) {
    MTRACE(M, "the module has no cleanup_module()");
    return;
  }
  MTRACE(M, "cleanup_module()");
  abi_call_exit(Exit);
  MTRACE(M, "cleanup_module() returns");
}

int model_probe_result(void) { return Machine::active().Drivers.probeResult(); }
int model_suspend(void) { return Machine::active().Drivers.suspend(); }
int model_resume(void) { return Machine::active().Drivers.resume(); }
void *model_drvdata(void) { return Machine::active().Drivers.drvdata(); }
void model_set_platform_irq(int Irq) { Machine::active().Drivers.setPlatformIrq(Irq); }
int model_platform_irq(void) { return Machine::active().Drivers.platformIrq(); }

void model_raise_irq(int Cpu, unsigned int Irq) {
  Machine &M = Machine::active();
  if (Cpu < 0 || unsigned(Cpu) >= M.cpus()) {
    M.violation(Property::ScenarioAssert, "model_raise_irq on cpu" + std::to_string(Cpu) +
                                              ", but the machine has " + std::to_string(M.cpus()) + " CPUs");
    return;
  }
  M.Irqs.raise(unsigned(Cpu), Irq);
}

void model_set_timer_budget(unsigned int Expiries) { Machine::active().Timers.setBudget(Expiries); }

int model_spawn(int Cpu, void (*Fn)(void *), void *Arg) {
  Machine &M = Machine::active();
  if (Cpu < 0 || unsigned(Cpu) >= M.cpus()) {
    M.violation(Property::ScenarioAssert, "model_spawn on cpu" + std::to_string(Cpu) + ", but the machine has " +
                                              std::to_string(M.cpus()) + " CPUs");
    return -1;
  }
  Thread &T = M.spawnTask(unsigned(Cpu), reinterpret_cast<void *>(Fn), Arg, "");
  T.Name = "task" + std::to_string(T.Id);
  MTRACE(M, "spawns %s", M.contextName(T).c_str());
  return int(T.Id);
}

void model_join(int Task) {
  Machine &M = Machine::active();
  M.wait("model_join", WaitKind::ThreadDone, true, nullptr, uint64_t(Task));
}

void model_settle(void) {
  Machine &M = Machine::active();
  M.wait("model_settle", WaitKind::Settled, true, nullptr);
  MTRACE(M, "settled");
}

int model_cpu_count(void) { return int(Machine::active().cpus()); }

int model_choose(int N) { return N <= 1 ? 0 : int(Machine::active().choose(unsigned(N))); }

void model_assert(int Cond, const char *What) {
  Machine &M = Machine::active();
  if (!Cond)
    M.violation(Property::ScenarioAssert, What ? What : "model_assert");
}

void model_outcome(const char *Fmt, ...) {
  Machine &M = Machine::active();
  char Buf[512];
  va_list Ap;
  va_start(Ap, Fmt);
  std::vsnprintf(Buf, sizeof(Buf), Fmt, Ap);
  va_end(Ap);
  M.addOutcome(Buf);
  MTRACE(M, "outcome: %s", Buf);
}
}
