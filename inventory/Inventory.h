// The inventory: every tasklet object of the scanned code and everything done
// with it. Translation units contribute TuFacts; InventoryBuilder merges them
// (a header seen by many TUs counts once) and decides, per object, whether a
// conversion can be automatic. Scan, convert, lint and verify all read this.
#ifndef DETASKLET_INVENTORY_INVENTORY_H
#define DETASKLET_INVENTORY_INVENTORY_H

#include "inventory/UseKind.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace detasklet {

// A point in a source file. File is absolute while facts are collected and made
// relative to the report root when the inventory is finished.
struct SourcePos {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool valid() const { return !File.empty(); }
  std::string str() const;
  friend bool operator<(const SourcePos &A, const SourcePos &B) {
    return std::tie(A.File, A.Line, A.Column) < std::tie(B.File, B.Line, B.Column);
  }
  friend bool operator==(const SourcePos &A, const SourcePos &B) {
    return std::tie(A.File, A.Line, A.Column) == std::tie(B.File, B.Line, B.Column);
  }
};

// Bytes of a file as written (spelling, not expansion): what a rewrite edits.
// Length 0 with a file set marks an insertion point.
struct TextRange {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  bool valid() const { return !File.empty(); }
  friend bool operator<(const TextRange &A, const TextRange &B) {
    return std::tie(A.File, A.Offset, A.Length) < std::tie(B.File, B.Offset, B.Length);
  }
  friend bool operator==(const TextRange &A, const TextRange &B) {
    return std::tie(A.File, A.Offset, A.Length) == std::tie(B.File, B.Offset, B.Length);
  }
};

// A driver macro a use came through: the use is attributed both to the
// expansion site in the code and to the macro's definition.
struct MacroStep {
  std::string Name;
  SourcePos Definition;
  SourcePos Expansion;
};

struct UseSite {
  SourcePos Where;                // the expansion site: where a reader sees the use
  SourcePos Spelling;             // where its tokens are written (differs inside macros)
  std::vector<MacroStep> Macros;  // outermost first; the tasklet API's own macros are not listed
};

enum class ObjectKind { Field, Global, Static, Local, PerCpu };
llvm::StringRef objectKindCode(ObjectKind K);
std::optional<ObjectKind> objectKindFromCode(llvm::StringRef Code);

// A tasklet object, identified by its declaration.
struct ObjectDecl {
  std::string Key;        // identity across TUs; see InventoryBuilder for the forms
  ObjectKind Kind = ObjectKind::Field;
  std::string Name;       // field or variable name
  std::string Record;     // "struct foo" for a field
  std::string Function;   // enclosing function of a local
  unsigned ArraySize = 0; // elements, 0 when not an array
  SourcePos Declared;
  TextRange TypeText;     // the written element type, e.g. "struct tasklet_struct"
  std::vector<std::string> Siblings; // the other fields of its struct (rename collisions)
};

// A place where a tasklet object's name is written (its declaration, member
// accesses, offsetof and designated initialisers): what a rename edits.
struct Mention {
  std::string Key;
  TextRange Name;
  friend bool operator<(const Mention &A, const Mention &B) {
    return std::tie(A.Key, A.Name) < std::tie(B.Key, B.Name);
  }
};

// How the data argument of a legacy init relates to the tasklet.
enum class LegacyData {
  None,        // not a legacy init
  Container,   // the object that holds the tasklet: from_work/container_of can replace it
  Constant,    // an integer constant
  Foreign,     // anything else: a back-pointer would be needed
};
llvm::StringRef legacyDataCode(LegacyData D);
std::optional<LegacyData> legacyDataFromCode(llvm::StringRef Code);

struct Use {
  std::string Target;   // object key, or alias key ("callback:", "param:", ...)
  UseKind Kind = UseKind::Schedule;
  UseSite Site;
  std::string Text;     // the tasklet expression as written, e.g. "&priv->tl"
  std::string Callee;   // the function called (API, helper, or callback)
  std::string LinkedTo; // alias key this use connects Target with (callback, parameter...)
  std::string Index;    // array index: "" not indexed, a number, or "runtime"
  std::string DataText; // legacy init: the data expression as written
  LegacyData Data = LegacyData::None;
  bool CallbackCast = false; // callback passed through a function-pointer cast
  TextRange Anchor;     // the callee or macro name token as written: where a rewrite starts
  std::string Container;     // legacy data container: the expression the data points to
  std::string ContainerPath; // member path from that container to the tasklet, e.g. "rx.tl"
  std::string Function;      // key of the function the use is in; empty at file scope
  std::string Queue;         // a work-item call: the workqueue it names, as written
};

// One declaration of a function parameter or variable whose type mentions the
// tasklet type: what a conversion retypes.
struct TypeSite {
  TextRange TypeText; // "struct tasklet_struct" as written
  std::string Name;   // the parameter's name, empty when unnamed
  TextRange NameText;
};

// A legacy callback's use of its unsigned long parameter.
struct DataUse {
  TextRange Text;       // the whole use: "(struct foo *)data" or just "data"
  std::string CastType; // the pointer type it is cast to, e.g. "struct foo *"; empty: not cast
  std::string InitOf;   // the variable it initialises, when it is a declaration's initialiser
};

// A function registered as a tasklet callback.
struct CallbackInfo {
  std::string Key;        // "callback:<usr>"
  std::string Name;
  std::string Signature;  // as declared, e.g. "void (struct tasklet_struct *)"
  bool Legacy = false;    // takes unsigned long data
  bool Defined = false;   // its body was seen
  bool ParamUsed = false; // the body reads its parameter (only meaningful when Defined)
  SourcePos Declared;
  std::vector<TypeSite> Params;     // its parameter in every declaration seen
  std::vector<DataUse> DataUses;    // legacy: how the body uses its data
  std::vector<std::string> Locals;  // names declared in the body (for collision checks)
  bool FileLocal = false;           // static: every mention is in its TU, a rename can be complete
  std::vector<TextRange> Mentions;  // where its name is written (declarations, references)
  // File-scope names of its TU that differ from its name only where "tasklet"
  // is (foo_tasklet_fn vs foo_bh_work_fn): what a rename could collide with.
  std::vector<std::string> RenameNeighbours;
};

// A place that can carry a tasklet pointer without being a tasklet: a parameter,
// a pointer variable or field, a function's return value, a callback's argument.
struct AliasDef {
  std::string Key;
  std::string Description; // "parameter 't' of foo_kick()"
  SourcePos Declared;
  std::vector<TypeSite> Types; // every declaration that spells the tasklet type
};

// A function-pointer field an init takes its callback from (an ops table:
// tasklet_setup(&p->tl, p->ops->poll)). Its callbacks are every function stored
// into it anywhere in the scanned code; any other value or read of it that
// cannot be followed is listed, and keeps the tasklets it feeds manual.
struct SlotProblem {
  SourcePos At;
  std::string Text; // the expression as written
  std::string Why;  // "stores a value that is not a named function", ...
};
struct CallbackSlot {
  std::string Key;       // "slot:<record key>::<field>"
  std::string Name;      // the field
  std::string Record;    // "struct foo_ops"
  bool Legacy = false;   // void (*)(unsigned long)
  SourcePos Declared;
  std::vector<TypeSite> Params;        // the pointer type's parameter as written: what convert retypes
  std::vector<std::string> Callbacks;  // callback keys of the functions stored into it
  std::vector<SlotProblem> Problems;
  std::vector<TextRange> Mentions;     // where an init names it (a token it may share with the tasklet)
};

// A function that touches a tasklet, or a module's init function: where a use
// happens, and where a conversion can add code that must run first.
struct FunctionInfo {
  std::string Key;          // as Use::Function
  std::string Name;
  SourcePos Begin, End;     // its definition, from its first token to the closing brace
  bool Init = false;        // __init: runs once, before anything else of the driver
  bool ModuleInit = false;  // the function module_init() registers
  TextRange BodyStart;      // insertion point before the first statement; invalid if none
  std::string BodyIndent;   // that statement's indentation
};

// Facts about execution context, for conversions that move a callback to
// process context. Functions are named by Use::Function's keys.
struct ContextEntry {    // the kernel runs Function in Context
  std::string Function;
  std::string Context;   // hardirq, softirq
  std::string Via;       // the registration, e.g. "request_threaded_irq"
  SourcePos At;
  friend bool operator<(const ContextEntry &A, const ContextEntry &B) {
    return std::tie(A.Function, A.Context, A.At) < std::tie(B.Function, B.Context, B.At);
  }
};
struct LockUse {         // Function takes Lock with a flavour of acquisition
  std::string Function;
  std::string Lock;      // "struct foo::lock" (by its record key) or a variable key
  std::string Flavour;   // plain, bh, irq
  std::string Text;      // the call as written, e.g. "spin_lock(&priv->lock)"
  SourcePos At;
  friend bool operator<(const LockUse &A, const LockUse &B) {
    return std::tie(A.Function, A.Lock, A.At) < std::tie(B.Function, B.Lock, B.At);
  }
};
struct ContextQuery {    // Function asks in_interrupt() and the like
  std::string Function;
  std::string Name;
  SourcePos At;
  friend bool operator<(const ContextQuery &A, const ContextQuery &B) {
    return std::tie(A.Function, A.At) < std::tie(B.Function, B.At);
  }
};
struct ContextFacts {
  std::vector<ContextEntry> Entries;
  std::vector<LockUse> Locks;
  std::vector<ContextQuery> Queries;
};

// Everything one translation unit contributes.
struct TuFacts {
  std::string MainFile;
  std::vector<ObjectDecl> Objects;
  std::vector<Use> Uses;
  std::vector<CallbackInfo> Callbacks;
  std::vector<AliasDef> Aliases;
  std::vector<Mention> Mentions;
  std::vector<FunctionInfo> Functions;
  ContextFacts Context;
  std::vector<CallbackSlot> Slots;
};

// Why an object cannot be converted automatically, or what a conversion must
// take care of. Codes are stable; see Reasons.h for the catalogue.
struct Finding {
  std::string Code;
  std::string Message;
  SourcePos At;
};

struct ObjectReport {
  ObjectDecl Decl;
  std::vector<Use> Uses;               // its own and those through its aliases, by site
  std::vector<CallbackInfo> Callbacks;
  std::vector<std::string> ConvertedWith; // other objects sharing a callback, helper or pointer
  std::vector<AliasDef> Carriers;      // parameters, pointers and results that carry it
  std::vector<CallbackSlot> Slots;     // ops-table fields its group's inits take callbacks from
  std::vector<TextRange> Mentions;     // where its name is written
  std::vector<Finding> Reasons;        // empty: convertible automatically
  std::vector<Finding> Notes;          // what the conversion must take care of
  bool convertible() const { return Reasons.empty(); }
  std::string directory() const;       // the driver directory the object belongs to
};

// A translation unit that could not be analysed.
struct TuFailure {
  std::string File;
  std::string Message; // the first error, as "file:line:col: error: text"
  unsigned Errors = 0;
};

struct Inventory {
  std::string Root;                    // paths below are relative to it
  std::vector<ObjectReport> Objects;   // ordered by directory, file, line
  std::vector<Use> Unattached;         // uses whose tasklet could not be identified
  std::vector<TuFailure> Failures;
  std::vector<std::string> Scanned;    // TUs analysed, relative
  std::vector<std::string> NotScanned; // the compile database's other TUs, relative
  std::map<std::string, FunctionInfo> Functions; // by key: those with uses, and module inits
  ContextFacts Context;                // sorted, each fact once
  bool partial() const { return !Failures.empty(); }
  std::vector<std::string> filesWithUses() const;
};

// Merges TuFacts in the order given; the result does not depend on which TU
// finished first.
class InventoryBuilder {
public:
  explicit InventoryBuilder(std::string Root) : Root(std::move(Root)) {}
  void add(const TuFacts &Facts);
  void addFailure(TuFailure Failure);
  // Before finish: a look beyond the scanned files. Check gets every ops-table
  // field an init reads, with the names of the functions known to be stored
  // into it that other files can name too (not static), and returns what it
  // finds that cannot be followed (a store in a file that was not scanned).
  using SlotCheck = std::function<std::vector<SlotProblem>(
      const CallbackSlot &, const std::set<std::string> &KnownCallbacks)>;
  void checkSlots(const SlotCheck &Check);
  const std::vector<std::string> &scanned() const { return Scanned; }
  Inventory finish();

private:
  std::string Root;
  std::map<std::string, ObjectDecl> Objects;
  std::map<std::string, CallbackInfo> Callbacks;
  std::map<std::string, AliasDef> Aliases;
  std::map<std::string, CallbackSlot> Slots;
  std::map<std::string, std::set<TextRange>> Mentions;
  std::map<std::string, FunctionInfo> Functions;
  std::set<ContextEntry> ContextEntries;
  std::set<LockUse> Locks;
  std::set<ContextQuery> Queries;
  std::vector<Use> Uses;
  std::vector<TuFailure> Failures;
  std::vector<std::string> Scanned;
};

} // namespace detasklet

#endif
