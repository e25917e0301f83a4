# Sourced by ./mvnw and ./coco: Tycho 5 and the Eclipse 4.3x bundles need a JDK >= 21, while the
# default java on our machines is 17. Keep JAVA_HOME when it is good enough, else look in the usual
# places, else stop with a message that says what to install.
coco_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
coco_find_jdk() {
  # mvnw runs with set -f; the candidate list needs globbing
  case $- in *f*) set +f; coco_noglob=1 ;; *) coco_noglob= ;; esac
  for candidate in "${JAVA_HOME-}" "${COCO_JAVA_HOME-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-2[1-9]* \
      /usr/lib/jvm/java-2[1-9]-openjdk* /usr/lib/jvm/jdk-2[1-9]* /opt/java/openjdk; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(coco_java_major "$candidate")
    case "$major" in ''|1.*|1[0-9]|20) continue ;; esac
    JAVA_HOME="$candidate"; export JAVA_HOME
    [ -z "$coco_noglob" ] || set -f
    return 0
  done
  echo "coco: a JDK 21 or newer is needed (Tycho 5 and Eclipse 4.3x require it); found none." >&2
  echo "coco: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 25) or set JAVA_HOME to it." >&2
  return 1
}
coco_find_jdk || exit 1
