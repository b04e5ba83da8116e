#!/usr/bin/perl
# Normalises the output of one compat run so the two sides compare:
# replaces only what varies from run to run on the same library:
#   - timeouts that count down: by "T" and their number of digits (a
#     misparsed value still shows), in default, extended and XML output,
#     expectations and conntrackd caches (iptstate's TTL column: see
#     groups/iptstate.sh);
#   - conntrack ids (id=, <id> in the independent meta of XML, ct.id=);
#   - timestamps: event time prefixes, [start=] [stop=] delta-time=, XML
#     <when>, <timestamp>, <deltatime>, ulogd's log dates and flow times,
#     conntrackd's "[active since Ns]";
#   - netlink port ids (portid=) and the process name the kernel event
#     may or may not still resolve to;
#   - per-CPU statistics (conntrack -S), the scratch directory path, and
#     the pid and command in a shell's report of a program that died.
# Then sorts the lines between "@@sort-begin" and "@@sort-end" (dumps
# whose order follows the kernel's hash, which differs per namespace).
#
# usage: normalize.pl SCRATCHDIR < raw > normalised
use strict;
use warnings;

my $scratch = shift // '';

sub tlen { my ($v) = @_; return 'T' . length($v); }

sub norm {
	local $_ = shift;
	s/\Q$scratch\E/<T>/g if $scratch ne '';

	# event time prefix of conntrack -E -o timestamp: "[sec.usec]"
	s/^\[\s*\d+\.\s*\d+\s*\]/[TS]/;
	# [start=...] [stop=...] delta-time=N
	s/\[(start|stop)=[^\]]*\]/[$1=TS]/g;
	s/delta-time=\d+/delta-time=N/g;
	# conntrackd cache age
	s/\[active since \d+s\]/[active since Ns]/g;
	# userspace origin of events
	s/portid=\d+/portid=N/g;
	s/ progname=\S+//g;

	# conntrack ids (protect ICMP identifiers: "code=N id=N")
	s/(code=\d+ id=)(\d+)/$1\x01$2/g;
	s/\bid=\d+/id=ID/g;
	s/\x01//g;
	s/\bct\.id=\d+/ct.id=ID/g;

	# XML
	s{(<meta direction="independent">.*?)<id>\d+</id>}{$1<id>ID</id>}g;
	s{<timeout>(\d+)</timeout>}{'<timeout>' . tlen($1) . '</timeout>'}ge;
	s{<when>.*?</when>}{<when>TS</when>}g;
	s{<(start|stop)>\d+</\1>}{<$1>TS</$1>}g;
	s{<deltatime>\d+</deltatime>}{<deltatime>N</deltatime>}g;

	# timeout of a conntrack line: [EVENT] [ipvN N] proto N TIMEOUT
	s{^(\s*(?:\[TS\]\s*)?(?:\[[A-Z]+\]\s+)?(?:ipv[46]\s+\d+\s+)?[a-z0-9-]+\s+\d+\s+)(\d+)(?=\s)}
	 {$1 . tlen($2)}e if /src=/;
	# timeout of an expectation line: [EVENT] TIMEOUT proto=N
	s{^(\s*(?:\[TS\]\s*)?(?:\[[A-Z]+\]\s+)?)(\d+)(?= proto=)}{$1 . tlen($2)}e;
	# conntrack -o save: "-A -t TIMEOUT ..."
	s{^(-[A-Z] -t )(\d+)}{$1 . tlen($2)}e;

	# ulogd: log file dates, LOGEMU dates and host name, flow times
	s/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}(\s)/DATE$1/;
	s/\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] \(pid=\d+\) /[DATE] (pid=N) /g;
	s/^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ /DATE HOST /;
	s/\bflow\.(start|end)\.(sec|usec)=\d+/flow.$1.$2=N/g;
	s/\btimestamp=\d{4}\/\d\d\/\d\d-\d\d:\d\d:\d\d/timestamp=TS/g;

	# a shell's report of a background program that died: "FILE: line N:
	# PID Aborted  COMMAND"
	s/: line \d+: +\d+ (\w[\w ]*?)\s{2,}.*$/: line N: PID $1/;
	# conntrack -S: per-CPU counters
	s/=\d+/=N/g if /^cpu=/;
	return $_;
}

my @out;
my $block;
while (my $line = <STDIN>) {
	chomp $line;
	if ($line eq '@@sort-begin') { $block = []; next; }
	if ($line eq '@@sort-end') {
		push @out, sort @{$block // []};
		undef $block;
		next;
	}
	my $n = norm($line);
	if ($block) { push @$block, $n; } else { push @out, $n; }
}
push @out, sort @$block if $block;
print "$_\n" for @out;
