#!/usr/bin/perl
# Waits until processes have read everything sent to them over netlink.
#
#   idle.pl [--listening] SECONDS PID...
#
# Each PID may be a wrapper (timeout, env, nsenter): the program below it
# is watched. A process counts as idle when it sleeps in a blocking
# receive or wait system call and either none of its netlink sockets
# holds unread data, or it keeps sleeping while the same data stays unread
# (a socket it does not read). "Keeps" means: the same state seen several
# times in a row, 10 ms apart. A process that has exited counts as idle.
# With --listening, first waits until each process has a netlink socket
# subscribed to multicast groups (an event listener that is set up).
# Exit status 0 when all are idle, 1 on time-out.
use strict;
use warnings;
use Time::HiRes qw(sleep time);

my $listening = 0;
if (@ARGV && $ARGV[0] eq '--listening') { $listening = 1; shift; }
my $limit = shift // 5;
my @pids = @ARGV;
my $deadline = time + $limit;

# read recvfrom recvmsg poll select pselect6 ppoll epoll_wait epoll_pwait
# epoll_pwait2 recvmmsg nanosleep clock_nanosleep wait4
my %waiting = map { $_ => 1 } (0, 45, 47, 7, 23, 270, 271, 232, 281, 441, 299, 35, 230, 61);

sub slurp {
	my ($f) = @_;
	open(my $fh, '<', $f) or return undef;
	local $/;
	my $s = <$fh>;
	close $fh;
	return $s;
}

sub leaf {
	my ($pid) = @_;
	for (1 .. 10) {
		my $c = slurp("/proc/$pid/task/$pid/children") // '';
		my ($first) = $c =~ /(\d+)/ or last;
		$pid = $first;
	}
	return $pid;
}

# netlink sockets of PID: list of [rmem, groups]
sub nlsocks {
	my ($pid) = @_;
	my %mine;
	opendir(my $d, "/proc/$pid/fd") or return ();
	for my $fd (readdir $d) {
		my $l = readlink("/proc/$pid/fd/$fd") // next;
		$mine{$1} = 1 if $l =~ /^socket:\[(\d+)\]$/;
	}
	closedir $d;
	my $tab = slurp("/proc/$pid/net/netlink") // return ();
	my @r;
	for my $line (split /\n/, $tab) {
		my @f = split ' ', $line;
		next unless @f >= 10 && $mine{$f[9]};
		push @r, [$f[4], $f[3]];
	}
	return @r;
}

# state signature, or undef when running / in another system call
sub sig {
	my ($pid) = @_;
	my $stat = slurp("/proc/$pid/stat") // return 'gone';
	my ($st) = $stat =~ /\) (\S)/;
	return 'gone' if $st =~ /[ZX]/;
	return undef unless $st =~ /[STt]/;
	my $sc = slurp("/proc/$pid/syscall") // return undef;
	my ($n) = $sc =~ /^(\d+)/;
	return undef unless defined $n && $waiting{$n};
	return join(' ', $n, map { $_->[0] } nlsocks($pid));
}

my @leaf = map { leaf($_) } @pids;

if ($listening) {
	my @todo = (0 .. $#pids);
	while (@todo) {
		return_timeout() if time > $deadline;
		my @left;
		for my $i (@todo) {
			$leaf[$i] = leaf($pids[$i]);
			next unless -d "/proc/$leaf[$i]";
			next if grep { $_->[1] ne '00000000' } nlsocks($leaf[$i]);
			push @left, $i;
		}
		@todo = @left;
		sleep 0.01 if @todo;
	}
}

my @last = ('') x @pids;
my @same = (0) x @pids;
while (1) {
	my $done = 1;
	for my $i (0 .. $#pids) {
		my $s = sig($leaf[$i]);
		if (!defined $s) { $same[$i] = 0; $last[$i] = ''; $done = 0; next; }
		if ($s eq $last[$i]) { $same[$i]++; } else { $same[$i] = 1; $last[$i] = $s; }
		my (undef, @rmem) = split ' ', $s;
		my $need = (grep { $_ ne '0' } @rmem) ? 5 : 3;
		$need = 1 if $s eq 'gone';
		$done = 0 if $same[$i] < $need;
	}
	exit 0 if $done;
	return_timeout() if time > $deadline;
	sleep 0.01;
}

sub return_timeout { exit 1; }
