# Sourced by the scripts in deploy/bench (not run on its own): builds what a benchmark needs, from a fresh clone too.
#
#   bench_build [issue-service] [report-service]
#
# installs the root POM (zhenggai-parent) and deploy/local (zhenggai-local) into the local Maven repository and
# packages the named services, when any of them is missing or older than its sources; then packages deploy/bench
# (and writes target/bench.classpath) when that is missing or older than its sources. deploy/bench is no module of
# the root POM, so it resolves zhenggai-local, and through it zhenggai-parent, from the local repository: both must be
# installed there, hence `-am` (it puts the root POM into the reactor).
#
# The local repository is Maven's: ~/.m2/repository, or the one named by -Dmaven.repo.local=DIR in MAVEN_ARGS (Maven
# 3.9 reads MAVEN_ARGS, so every ./mvnw here uses it) or MAVEN_OPTS. From a fresh clone with an empty repository:
#   MAVEN_ARGS=-Dmaven.repo.local=/tmp/m2 deploy/bench/progress-vs-pgbench --help
# The caller has cd'ed to the repository root.

bench_maven_repository() {
  local word repo="$HOME/.m2/repository"
  for word in ${MAVEN_OPTS:-} ${MAVEN_ARGS:-}; do
    case "$word" in -Dmaven.repo.local=*) repo="${word#-Dmaven.repo.local=}" ;; esac
  done
  echo "$repo"
}

# true when $1 is missing or one of the paths after it has a file newer than it
bench_stale() {
  local target="$1"; shift
  [ ! -f "$target" ] || [ -n "$(find "$@" -newer "$target" -print -quit 2>/dev/null)" ]
}

bench_build() {
  local repo parent local_jar modules=deploy/local service build=""
  local base=(pom.xml deploy/local/pom.xml deploy/local/src/main)
  repo="$(bench_maven_repository)"
  parent="$repo/io/zhenggai/zhenggai-parent/1.0.0-SNAPSHOT/zhenggai-parent-1.0.0-SNAPSHOT.pom"
  local_jar="$repo/io/zhenggai/zhenggai-local/1.0.0-SNAPSHOT/zhenggai-local-1.0.0-SNAPSHOT.jar"
  # the installed POM is a copy of pom.xml (its mtime cut to milliseconds, so -newer would always say stale)
  if ! cmp -s pom.xml "$parent" || bench_stale "$local_jar" "${base[@]}"; then
    build=yes
  fi
  for service in "$@"; do
    modules="$modules,$service"
    # report-service copies issue-service's event contract into its jar
    if bench_stale "$service/target/quarkus-app/quarkus-run.jar" "${base[@]}" "$service/pom.xml" "$service/src/main" \
         issue-service/src/main/resources/contract; then
      build=yes
    fi
  done
  if [ -n "$build" ]; then
    echo "Building: installing zhenggai-parent and deploy/local into $repo, packaging ${*:-no service} …" >&2
    ./mvnw -B -q -pl "$modules" -am install -DskipTests
  fi
  # the classpath names jars of the repository it was built with: built again when that is another one
  if bench_stale deploy/bench/target/bench.classpath deploy/bench/pom.xml deploy/bench/src/main "$local_jar" \
     || ! grep -qF "$repo/" deploy/bench/target/bench.classpath; then
    echo "Building deploy/bench …" >&2
    ./mvnw -B -q -f deploy/bench/pom.xml package -DskipTests
    touch deploy/bench/target/bench.classpath
  fi
}

# Runs a bench program on the module's classpath: bench_java HEAP MAIN_CLASS ARGS...
bench_java() {
  local heap="$1" main="$2"; shift 2
  exec java -Xms128m "-Xmx$heap" -Dzhenggai.root="$PWD" \
    -cp "deploy/bench/target/classes:$(cat deploy/bench/target/bench.classpath)" "io.zhenggai.bench.$main" "$@"
}
