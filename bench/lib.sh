# SPDX-License-Identifier: GPL-2.0-or-later
# What the bench scripts share (sourced, POSIX sh): a clock, a median, and the
# rows of the one table make bench prints (times in ms; ratio = ours / peer).

now() { date +%s%N; }
# The median of the numbers given.
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
# header FIRST-HEADING
header() { printf '%-40s %10s %10s %8s\n' "$1" "ours ms" "peer ms" "ratio"; }
# row LABEL OURS PEER [RUNS]: OURS and PEER in ns in all (divided by RUNS), as ms and their ratio.
row() {
	printf '%-40s %10.3f %10.3f %8.2f\n' "$1" "$(echo "$2 / ${4:-1} / 1000000" | bc -l)" \
		"$(echo "$3 / ${4:-1} / 1000000" | bc -l)" "$(echo "$2 / $3" | bc -l)"
}
