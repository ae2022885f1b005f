#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm,
# else the java on PATH. Exits 1 with install advice when none is found. Sourced by ./lsdt and .ci/run.
java_major() {
  # $1 = path to a java binary; prints its major version (e.g. 17, 21, 25).
  # Reads the JDK's release file when there is one (instant); otherwise asks the JVM.
  local home v
  home=$(dirname "$(dirname "$1")")
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n1)
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
find_jdk() {
  local cand major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
    cand=${cand%/}
    [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$cand; best_major=$major; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$cand"; return 0; fi
  fi
  cat >&2 <<'MSG'
lsdt: no JDK 21 or newer found (looked at $JAVA_HOME, /usr/lib/jvm/*, and javac on PATH).
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk   (or temurin-21-jdk / temurin-25-jdk from Adoptium)
  macOS:          brew install openjdk@21
then run again, or point JAVA_HOME at it.
MSG
  return 1
}
