#!/usr/bin/perl
# SPDX-License-Identifier: GPL-3.0-or-later
# Mutation testing (make mutate): plants each small bug of tests/mutants.txt
# in a scratch copy of the tree, one at a time, runs the test suite there
# until its first failing test, and puts the file back.  Prints which test
# killed each mutant, the kill rate per folder and the survivors.
#
# Usage: mutate.pl MUTANTS-FILE SCRATCH-TREE TEST...
#   SCRATCH-TREE is a configured and built copy of the distributed tree
#   (make mutate makes it once); TEST... are the tests of make check.
#   $GUANAI_MUTANTS, when set, picks mutants by number ("3 17 40").
#   $GUANAI_MUTATE_JOBS is make's -j for rebuilding (2 unless set).
#
# The list has one mutant per line, fields separated by tabs:
#   FILE  TEXT  REPLACEMENT  BUG  [equivalent: WHY]
# TEXT must occur exactly once in FILE; in TEXT and REPLACEMENT \t is a
# tab, \n a new line and \\ a backslash.  A mutant with a fifth field is
# explained as equivalent (no observable difference): it is run too, but
# not counted against the kill rate.
#
# Exit status: 0 when every mutant was killed or explained as equivalent
# and at least 95% of the others were killed; 1 otherwise; 2 on a usage
# or list error.
use strict;
use warnings;
use Cwd qw(abs_path);

my ($list, $tree, @tests) = @ARGV;
die "usage: mutate.pl MUTANTS-FILE SCRATCH-TREE TEST...\n" unless $list && $tree && @tests;
die "mutate: $tree is not a built tree\n" unless -f "$tree/Makefile";
$tree = abs_path($tree);
my $jobs = $ENV{GUANAI_MUTATE_JOBS} || 2;
my %only = map { $_ => 1 } split ' ', ($ENV{GUANAI_MUTANTS} || '');

# Returns s with the escapes \t, \n and \\ replaced.
sub unescape {
	my ($s) = @_;
	$s =~ s/\\(.)/$1 eq 't' ? "\t" : $1 eq 'n' ? "\n" : $1/ge;
	return $s;
}

# Reads the list; returns its mutants as hashes (number, file, text, ...).
sub read_list {
	my @m;
	open my $fh, '<', $list or die "mutate: cannot read $list: $!\n";
	my $n = 0;
	while (my $line = <$fh>) {
		chomp $line;
		next if $line =~ /^\s*(#|$)/;
		$n++;
		my @f = split /\t/, $line, -1;
		if (@f < 4 || @f > 5 || $f[0] eq '' || $f[1] eq '' || $f[3] eq '') {
			print STDERR "mutate: $list:$.: want FILE, TEXT, REPLACEMENT, BUG "
				. "and maybe \"equivalent: WHY\", separated by tabs\n";
			exit 2;
		}
		if (@f == 5 && $f[4] !~ /^equivalent: \S/) {
			print STDERR "mutate: $list:$.: the fifth field must say \"equivalent: WHY\"\n";
			exit 2;
		}
		push @m, { n => $n, line => $., file => $f[0], text => unescape($f[1]),
			repl => unescape($f[2]),
			bug => $f[3], equiv => $f[4] // '' };
	}
	close $fh;
	return @m;
}

# Returns the contents of a file.
sub slurp {
	my ($path) = @_;
	open my $fh, '<', $path or die "mutate: cannot read $path: $!\n";
	local $/;
	my $s = <$fh>;
	close $fh;
	return $s;
}

# Writes s into a file; returns nothing.
sub spew {
	my ($path, $s) = @_;
	open my $fh, '>', $path or die "mutate: cannot write $path: $!\n";
	print $fh $s;
	close $fh or die "mutate: cannot write $path: $!\n";
}

# Returns the tests in the order to run them for a mutant in folder:
# the folder's own tests first, the long crash test last.
sub ordered_tests {
	my ($folder) = @_;
	my %own = (
		core => qr{^tests/(test_(answers|date|idcard|region|csv|text|pinyin|policy|expr|eval|plan)|fuzz_replay|test_profiles)},
		db => qr{^tests/test_(db|faults|auth|supervise|search|export|rescreen|cases_csv)},
		tui => qr{\.sh$},
	);
	my $re = $own{$folder} || qr{^$};
	my @first = grep { $_ =~ $re && $_ !~ /crash/ } @tests;
	my @rest = grep { $_ !~ $re && $_ !~ /crash/ } @tests;
	my @last = grep { /crash/ } @tests;
	return (@first, @rest, @last);
}

# Runs a command in the tree with its output in log; returns true on success.
sub run_in_tree {
	my ($log, @cmd) = @_;
	my $pid = fork();
	die "mutate: fork: $!\n" unless defined $pid;
	if ($pid == 0) {
		chdir $tree or exit 127;
		open STDOUT, '>', $log or exit 127;
		open STDERR, '>&', \*STDOUT or exit 127;
		exec @cmd or exit 127;
	}
	waitpid $pid, 0;
	return $? == 0;
}

my @mutants = read_list();
my (%total, %killed, %equiv, @survivors, @broken);
my $log = "$tree/../mutate-step.log";
my $start = time;

# Without a mutant every test must pass, or every mutant would look killed.
for my $t (@tests) {
	next if run_in_tree($log, 'make', 'check-TESTS', "TESTS=$t");
	print STDERR "mutate: $t fails without any mutant (see $log): fix it first\n";
	exit 2;
}
printf "the suite passes without mutants; planting %d mutants\n",
	scalar(grep { !%only || $only{$_->{n}} } @mutants);

for my $m (@mutants) {
	next if %only && !$only{$m->{n}};
	my ($folder) = $m->{file} =~ m{^([^/]+)/};
	$folder //= '.';
	my $path = "$tree/$m->{file}";
	my $label = sprintf "#%-3d %s (line %d of the list)", $m->{n}, $m->{file}, $m->{line};
	my $orig = -f $path ? slurp($path) : undef;
	my $count = defined $orig ? () = $orig =~ /\Q$m->{text}\E/g : 0;
	if ($count != 1) {
		push @broken, "$label: the text occurs $count times, not once: $m->{text}";
		print "$label: BROKEN (the text occurs $count times)\n";
		next;
	}
	(my $mutated = $orig) =~ s/\Q$m->{text}\E/$m->{repl}/;
	spew($path, $mutated);
	my $t0 = time;
	my $by;
	if (!run_in_tree($log, 'make', "-j$jobs", 'check', 'TESTS=')) {
		push @broken, "$label: does not build (see $log)";
		print "$label: BROKEN (does not build)\n";
		spew($path, $orig);
		next;
	}
	for my $t (ordered_tests($folder)) {
		if (!run_in_tree($log, 'make', 'check-TESTS', "TESTS=$t")) {
			$by = $t;
			last;
		}
	}
	spew($path, $orig);
	$total{$folder}++;
	my $secs = time - $t0;
	if ($by) {
		$killed{$folder}++;
		print "$label: killed by $by (${secs}s)\n";
		if ($m->{equiv}) {
			push @broken, "$label: killed although the list calls it equivalent";
		}
	} elsif ($m->{equiv}) {
		$equiv{$folder}++;
		print "$label: survived, explained as $m->{equiv} (${secs}s)\n";
	} else {
		push @survivors, "$label: $m->{bug}";
		print "$label: SURVIVED: $m->{bug} (${secs}s)\n";
	}
}

# Returns "k of n killed (p%)" for counts, leaving out the equivalent ones.
sub rate {
	my ($k, $n, $e) = @_;
	my $d = $n - $e;
	return sprintf "%d of %d killed (%.1f%%)%s", $k, $d, $d ? 100 * $k / $d : 100,
		$e ? ", $e equivalent" : '';
}

my ($k, $n, $e) = (0, 0, 0);
print "\nmutation score, by folder:\n";
for my $f (sort keys %total) {
	printf "  %-5s %s\n", "$f:", rate($killed{$f} // 0, $total{$f}, $equiv{$f} // 0);
	$k += $killed{$f} // 0;
	$n += $total{$f};
	$e += $equiv{$f} // 0;
}
printf "  %-5s %s in %d minutes\n", 'all:', rate($k, $n, $e), (time - $start + 59) / 60;
print "survivors:\n", map({ "  $_\n" } @survivors) if @survivors;
print "survivors: none unexplained\n" unless @survivors;
print "broken mutants (fix the list):\n", map({ "  $_\n" } @broken) if @broken;
my $score = $n - $e ? $k / ($n - $e) : 1;
exit(@survivors || @broken || $score < 0.95 ? 1 : 0);
