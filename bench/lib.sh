# Shared by the bench scripts (sourced, not run).

# The JVM to measure: the newest JDK under /usr/lib/jvm, else `java`.
newest_java() {
  local best=java best_major=0 j major
  for j in /usr/lib/jvm/*/bin/java; do
    major=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ -n "$major" ] && [ "${major%%.*}" -gt "$best_major" ]; then best=$j; best_major=${major%%.*}; fi
  done
  echo "$best"
}

# This box's speed varies by up to 2x from hour to hour: a fixed single-core task, timed before
# and after, tells which figures are comparable (MiB/s of sha256).
box_speed() {
  local t0 t1
  t0=$(date +%s.%N)
  head -c 1073741824 /dev/zero | sha256sum > /dev/null
  t1=$(date +%s.%N)
  echo "scale=0; 1024 / ($t1 - $t0)" | bc
}

# The median of the numbers on standard input, one a line or several a line separated by spaces.
median() { tr -s ' \t' '\n' | sort -n | awk 'NF {v[++n] = $1} END {print v[int((n + 1) / 2)]}'; }
