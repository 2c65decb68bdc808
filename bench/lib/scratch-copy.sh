# Sourced by the bench scripts: scratch_copy TREE SCRATCH makes SCRATCH a git
# copy of TREE to apply changes to, once, and prints "created" or "cached".
# The copy keeps the build outputs (the kernel's .gitignore keeps them out of
# git), so make only rebuilds what a change touches; commit "base", tag base.
scratch_copy() {
  local tree=$1 scratch=$2
  if [[ -d $scratch/.git ]]; then
    echo cached
    return 0
  fi
  rm -rf "$scratch"
  mkdir -p "$scratch"
  tar -C "$tree" --exclude=./.detasklet -cf - . | tar -C "$scratch" -xf - || return 1
  # Debian's source package appends "/*" to .gitignore (its packaging ignores
  # the top level); without that block the kernel's own ignore rules apply.
  sed -i '/^# Debian packaging/,$d' "$scratch/.gitignore"
  local git=(git -C "$scratch" -c user.name=bench -c user.email=bench@localhost)
  "${git[@]}" init -q && "${git[@]}" add -A && "${git[@]}" commit -qm base \
    && "${git[@]}" tag base || return 1
  echo created
}
