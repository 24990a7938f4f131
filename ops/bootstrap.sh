#!/usr/bin/env bash
# Installs the Debian packages the project needs. Idempotent and quiet when
# everything is already present; safe to run before every build or test.
set -euo pipefail

packages=(
  gcc-riscv64-unknown-elf       # the RISC-V cross compiler for target programs
  binutils-riscv64-unknown-elf  # its assembler and linker
  picolibc-riscv64-unknown-elf  # C headers (declarations only; the runtime code is ours)
  libsqlite3-dev                # the job store's SQLite
  openssl                       # certificate tooling
  qemu-system-misc              # an independent RISC-V implementation the differential tests compare against
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "bootstrap: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
else
  sudo=()
fi

echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: done" >&2
