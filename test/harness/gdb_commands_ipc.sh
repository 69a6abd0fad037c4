# gdb_commands_ipc.sh - the IPC half of gdb_commands.sh, which sources it
# (its boot, rungdb, check and no, $dir, $here and $fail).
#
# QEMU boots init=/test/crash_ipcwait; gdb runs the IPC commands at
# kernel_main (no space yet), then stops once the program's three threads
# wait (ipcwait-break: test/harness/gdb_ipcwait.py) or it exits after a
# failed step (trap_task_exit).  The program printed every port's name on
# the console; ipcwait-vars gives gdb $n_ROLE (the name) and $p_ROLE (the
# object, by a C expression on the space's table), and this script reads
# both from the log to check rv-taskrights, rv-port, rv-pset and
# rv-ipc-summary against them.  Then it corrupts queues, lists, pointers and
# the table on purpose: each command must say so, not fail.

ipcrun() {
boot init=/test/crash_ipcwait
rungdb "$dir/ipclog" \
	-ex "source $here/gdb_ipcwait.py" \
	-ex 'echo ==ipcearly\n' \
	-ex 'rv-ipc-summary' -ex 'rv-taskrights kernel_task' \
	-ex 'rv-port 0xffffffc000000010' -ex 'rv-pset &cpus[1]' \
	-ex 'hbreak trap_task_exit' -ex 'ipcwait-break' -ex 'continue' \
	-ex 'delete' \
	-ex 'echo ==stopped\n' -ex 'bt 1' \
	-ex "ipcwait-vars $dir/console" \
	-ex 'echo ==summary\n' -ex 'rv-ipc-summary' \
	-ex 'echo ==taskrights\n' -ex 'rv-taskrights crash_ipcwait' \
	-ex 'echo ==taskrights-addr\n' -ex 'rv-taskrights $task' \
	-ex 'echo ==port-queued\n' -ex 'rv-port $p_queued' \
	-ex 'echo ==port-full\n' -ex 'rv-port crash_ipcwait $n_full' \
	-ex 'echo ==port-waiting\n' -ex 'rv-port crash_ipcwait $n_waiting' \
	-ex 'echo ==port-transit\n' -ex 'rv-port $p_transit' \
	-ex 'echo ==port-self\n' -ex 'rv-port $p_self' \
	-ex 'echo ==port-notify\n' -ex 'rv-port $p_notify' \
	-ex 'echo ==pset\n' -ex 'rv-pset crash_ipcwait $n_set' \
	-ex 'echo ==pset-addr\n' -ex 'rv-pset $p_set' \
	-ex 'echo ==ipchelp\n' -ex 'help rv-taskrights' -ex 'help rv-port' \
	-ex 'help rv-pset' -ex 'help rv-ipc-summary' \
	-ex 'echo ==ipcbad\n' \
	-ex 'rv-pset $p_queued' -ex 'rv-port $p_set' \
	-ex 'rv-port crash_ipcwait 0x12345' -ex 'rv-port crash_ipcwait $n_dead' \
	-ex 'rv-taskrights nosuch' -ex 'rv-port 0' \
	-ex 'echo ==ipccorrupt\n' \
	-ex 'set var $p_queued->ip_msgs->ikm_next->ikm_desc[3].kd_object = (void *)0xffffffc000000080' \
	-ex 'rv-port $p_queued' \
	-ex 'set var $p_queued->ip_msgs->ikm_next->ikm_desc = (void *)0xffffffc000000040' \
	-ex 'set var $p_queued->ip_msgs->ikm_next->ikm_next = $p_queued->ip_msgs' \
	-ex 'rv-port $p_queued' \
	-ex 'set var $p_waiting->ip_receivers.iwq_head = (void *)0xffffffc000000040' \
	-ex 'set var $p_waiting->ip_dnrequests->dn_next = $p_waiting->ip_dnrequests' \
	-ex 'rv-port $p_waiting' \
	-ex 'set var $p_set->ips_members->ip_pset_next = $p_set->ips_members' \
	-ex 'rv-pset $p_set' \
	-ex 'set var $p_full->ip_receiver = (void *)0xffffffc000000100' \
	-ex 'set var $p_reply->ip_object.io_bits = 0x12345678' \
	-ex 'rv-port $p_reply' -ex 'rv-taskrights crash_ipcwait' \
	-ex 'set var $task->itk_space->is_table_size = 100000000' \
	-ex 'rv-taskrights crash_ipcwait' \
	-ex 'set var $task->itk_space->is_dir = (void *)0xffffffc000000008' \
	-ex 'rv-taskrights crash_ipcwait' -ex 'rv-ipc-summary' \
	-ex 'rv-port crash_ipcwait $n_queued' \
	-ex 'set var $task->itk_space = (void *)0xffffffc000000008' \
	-ex 'rv-taskrights crash_ipcwait' -ex 'rv-ipc-summary'
}
ipcrun
# About one run in 25 on a loaded host, gdb finds the target running at
# the `continue` after ipcwait-break and never stops.  Not understood (the
# note below prints the end of the guest's console, to tell whether the
# guest or gdb was stuck); that one run is retried, once, and says so.
if grep -q 'Cannot execute this command while the target is running' \
    "$dir/ipclog"; then
	echo "note: gdb found the target running before ipcwait-break's continue; run again"
	tail -5 "$dir/console"
	ipcrun
fi
cat "$dir/ipclog"
log=$dir/ipclog

# each role's name and object, as ipcwait-vars printed them
for role in self queued reply transit full waiting set member1 member2 \
    notify dead sonce; do
	line=$(sed -n "s/^ipcwait: $role name \(0x[0-9a-f]*\) object \(0x[0-9a-f]*\)\$/\1 \2/p" "$log")
	[ -n "$line" ] || { echo "FAIL: no name for $role"; line="0xnone 0xnone"; fail=1; }
	eval "n_$role=\${line% *} a_$role=\${line#* }"
done
hex='0x[0-9a-f]+'
who='"crash_ipcwait"'

check ipcearly '^ports alive [0-9]+, kmsgs alive [0-9]+, ' \
	"rv-ipc-summary at kernel_main"
check ipcearly 'cannot read an ipc_object at 0xffffffc000000010' \
	"rv-port of a bad address at kernel_main"
check stopped '^#0 .*thread_block' "stopped in thread_block (not the program's exit)"
check summary "^$hex +[0-9]+ +$who +12 +7 +3\$" \
	"rv-ipc-summary: 12 names, 7 receive rights, 3 messages"
check summary '^ports alive [1-9][0-9]*, kmsgs alive [1-9][0-9]*, spaces alive [0-9]+, names in use [1-9][0-9]*, dead-name requests [1-9][0-9]*$' \
	"rv-ipc-summary: the counters"
check taskrights "^task $hex id [0-9]+ $who: space $hex active yes, 12 names in use, table [0-9]+ entries" \
	"rv-taskrights: header"
check taskrights "^    $n_self +$a_self +send +1 +- +kernel IKOT_TASK_CONTROL $hex $who\$" \
	"rv-taskrights: the task's own port"
check taskrights "^    $n_queued +$a_queued +receive\|send +1 +- +$who name $n_queued\$" \
	"rv-taskrights: queued (receive and send)"
check taskrights "^    $n_transit +$a_transit +send +1 +- +in transit to port $a_queued\$" \
	"rv-taskrights: transit's receive right in a message"
check taskrights "^    $n_waiting +$a_waiting +receive\|send +1 +dnreq +$who name $n_waiting\$" \
	"rv-taskrights: waiting's dead-name request"
check taskrights "^    $n_set +$a_set +port-set +0 +- +set of 2 members\$" \
	"rv-taskrights: the port set"
check taskrights "^    $n_dead +- +dead-name +1 +- +-\$" "rv-taskrights: the dead name"
check taskrights "^    $n_sonce +$a_reply +send-once +1 +- +$who name $n_reply\$" \
	"rv-taskrights: the send-once right"
check taskrights '^    12 names$' "rv-taskrights: count"
check taskrights-addr "$who: space $hex active yes, 12 names in use" \
	"rv-taskrights by address"
check port-queued "^port $a_queued active yes, refs [0-9]+, kotype IKOT_NONE\$" \
	"rv-port: header"
check port-queued "^    receiver: $who name $n_queued\$" "rv-port: receiver"
check port-queued '^    mscount 3 srights 4 sorights 0 seqno 1 context 0x0$' \
	"rv-port: counts"
check port-queued '^    queue: 2 messages, qlimit 5, 0 senders blocked$' \
	"rv-port: queue"
check port-queued "^    message $hex id 1001 size 56 bits 0x1514 dest send $a_queued reply send-once $a_reply desc 0\$" \
	"rv-port: message 1001"
check port-queued "^    message $hex id 1002 size 84 bits 0x80000013 dest send $a_queued reply none desc 4\$" \
	"rv-port: message 1002"
check port-queued "^        descriptor 0: receive $a_transit\$" \
	"rv-port: a receive right in a message"
check port-queued "^        descriptor 1: send $a_self\$" \
	"rv-port: a send right in a message"
check port-queued "^        descriptor 2: memory 100 bytes at page offset 0x[0-9a-f]*10, copy $hex\$" \
	"rv-port: out-of-line memory in a message"
check port-queued "^        descriptor 3: port array $hex of 2 send rights: $a_self, $a_queued\$" \
	"rv-port: an out-of-line port array in a message"
check port-queued '^    2 messages$' "rv-port: message count"
check port-queued "^    no-senders request: send-once to port $a_notify \\($who name $n_notify\\)\$" \
	"rv-port: no-senders request"
check port-queued '^    0 receivers waiting$' "rv-port: no receiver"
check port-full "^port $a_full \\(name $n_full in $who\\) active yes" \
	"rv-port TASK NAME"
check port-full '^    queue: 1 messages, qlimit 1, 1 senders blocked$' \
	"rv-port: a full queue"
check port-full "^    sender thread $hex $who blocked on the full queue\$" \
	"rv-port: the blocked sender"
check port-full "^    port-destroyed request: send-once to port $a_notify " \
	"rv-port: port-destroyed request"
check port-waiting "^    dead-name request $hex: space $hex $who name $n_waiting, send-once to port $a_notify " \
	"rv-port: dead-name request"
check port-waiting "^    receiver thread $hex $who\$" "rv-port: the waiting receiver"
check port-waiting '^    1 receivers waiting$' "rv-port: receiver count"
check port-transit "^    receiver: in transit to port $a_queued\$" \
	"rv-port: in transit"
check port-self "^port $a_self active yes, refs [0-9]+, kotype IKOT_TASK_CONTROL\$" \
	"rv-port: a task port"
check port-self "^    receiver: kernel IKOT_TASK_CONTROL $hex $who\$" \
	"rv-port: a kernel object's receiver"
check port-notify '^    mscount 0 srights 0 sorights 3 ' \
	"rv-port: three send-once rights (the requests)"
check pset "^pset $a_set \\(name $n_set in $who\\) active yes, refs [0-9]+, 2 members\$" \
	"rv-pset: header"
check pset "^    member $a_member1 msgcount 0 qlimit 5 receiver $who name $n_member1\$" \
	"rv-pset: member1"
check pset "^    member $a_member2 msgcount 0 qlimit 5 receiver $who name $n_member2\$" \
	"rv-pset: member2"
check pset "^    receiver thread $hex $who\$" "rv-pset: the waiting receiver"
check pset '^    1 receivers waiting$' "rv-pset: receiver count"
check pset-addr "^pset $a_set active yes" "rv-pset by address"
check ipchelp 'rv-taskrights TASK' "help rv-taskrights"
check ipchelp 'rv-port PORT' "help rv-port"
check ipchelp 'rv-pset PSET' "help rv-pset"
check ipchelp 'ipc_kmsgs_alive' "help rv-ipc-summary"
check ipcbad "^$a_queued is a port: use rv-port\$" "rv-pset of a port"
check ipcbad "^$a_set is a port set: use rv-pset\$" "rv-port of a set"
check ipcbad "^task $who has no name 0x12345\$" "rv-port of an unknown name"
check ipcbad "^name $n_dead in task $who is dead-name \\(no port\\)\$" \
	"rv-port of a dead name"
check ipcbad 'no task named nosuch' "rv-taskrights of an unknown task"
check ipcbad '^0 is 0x0: no kernel address$' "rv-port 0"
check ipccorrupt '^        descriptor 3: port array 0xffffffc000000080 of 2 send rights: \?$' \
	"rv-port: a bad port array"
check ipccorrupt "^        descriptor 0: cannot read it at 0xffffffc000000040\$" \
	"rv-port: a bad descriptor array"
check ipccorrupt "^    2 messages \\(list loops back to $hex\\)\$" \
	"rv-port: a loop in the queue"
check ipccorrupt '^    receiver thread 0xffffffc000000040 \? \(its ith_waitq is \?\)$' \
	"rv-port: a bad waiter"
check ipccorrupt '^    1 receivers waiting \(cannot read ith.ith_next at 0xffffffc000000040\)$' \
	"rv-port: a bad waiter queue"
check ipccorrupt "^    1 dead-name requests \\(list loops back to $hex\\)\$" \
	"rv-port: a loop in the dead-name requests"
check ipccorrupt "^    1 members \\(list loops back to ($a_member1|$a_member2)\\)\$" \
	"rv-pset: a loop in the members"
check ipccorrupt "^port $a_reply active no, .*kotype IKOT_120 \\(io_bits 0x12345678: unknown bits" \
	"rv-port: an object that is no port"
check ipccorrupt "^    $n_full +$a_full +receive +0 +- +space 0xffffffc000000100 name $n_full\$" \
	"rv-taskrights: a bad receiver space"
check ipccorrupt "^    $n_reply +$a_reply +receive +0 +- +dead\$" \
	"rv-taskrights: a dead port"
check ipccorrupt '^    [0-9]+ names \(is_table_size 100000000 does not fit ' \
	"rv-taskrights: a bad table size"
check ipccorrupt '^    0 names \(is_table_size 100000000 does not fit [^;]*; cannot read page 0 of the table \(\?\)\)$' \
	"rv-taskrights: a bad directory"
check ipccorrupt "^$hex +[0-9]+ +$who +12 +0\\? +0\\?\$" \
	"rv-ipc-summary: a bad directory"
check ipccorrupt "^task $who has no name $n_queued \\(.*cannot read page 0 of the table \\(\\?\\)\\)\$" \
	"rv-port TASK NAME: a bad directory"
check ipccorrupt '^    0 names \(cannot read the space at 0xffffffc000000008\)$' \
	"rv-taskrights: a bad space pointer"
check ipccorrupt "^$hex +[0-9]+ +$who +\\? +0\\? +0\\?\$" \
	"rv-ipc-summary: a bad space pointer"
no 'Traceback|Python Exception|internal error|Error occurred in Python' \
	"a Python error (IPC)"
sed -n '/^==end$/p' "$log" | grep -q . || { echo "FAIL: gdb did not get to the end (IPC)"; fail=1; }
# what the guest said, when something went wrong: a panic, or where it stopped
[ "$fail" = 0 ] || { echo "--- console of the IPC boot:"; tail -25 "$dir/console"; }
